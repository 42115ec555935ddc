import type {
  AuthenticatedCredential, Consumer, ConsumerDirectory, PluginContext, PluginRequest, UpstreamRequest,
} from '../../plugins/sdk.js';
import { headerValue, type RequestHead } from './request-head.js';

type Named = { readonly id: string; readonly name: string | null } | null;

/**
 * One request's plugin context: the client request as plugins read it, the
 * edits they make to the upstream request, and who the client turned out to
 * be. Edits are recorded here and applied once, when the upstream request is
 * built (applyHeaderEdits, upstreamQuery, body).
 */
export class RequestPluginContext implements PluginContext, UpstreamRequest {
  consumer: Consumer | null = null;
  credential: AuthenticatedCredential | null = null;
  authenticatedGroups: readonly string[] | null = null;
  readonly shared = new Map<string, unknown>();
  readonly request: PluginRequest;
  readonly upstream: UpstreamRequest;
  /** lower-case header name → new value, or null when removed */
  headerEdits: Map<string, string | null> | null = null;
  queryRemovals: Set<string> | null = null;
  /** the request body when a plugin read (or replaced) it: sent from here instead of streamed */
  body: Buffer | null = null;
  responseHeaders: [string, string][] | null = null;

  constructor(
    readonly head: RequestHead,
    readonly requestId: string,
    readonly route: Named,
    readonly service: Named,
    readonly consumers: ConsumerDirectory,
  ) {
    this.request = new HeadRequestView(head, this);
    // The upstream edits are methods of this object: no closures to allocate per request.
    this.upstream = this;
  }

  setHeader(name: string, value: string): void {
    this.editHeader(name, value);
  }

  clearHeader(name: string): void {
    this.editHeader(name, null);
  }

  removeQueryArg(name: string): void {
    (this.queryRemovals ??= new Set()).add(name);
  }

  setBody(body: Buffer): void {
    this.body = body;
    this.editHeader('content-length', String(body.length));
  }

  authenticate(consumer: Consumer, credential: AuthenticatedCredential): void {
    this.consumer = consumer;
    this.credential = credential;
    this.consumerHeaders(consumer);
    this.editHeader('x-credential-identifier', credential.identifier);
    this.editHeader('x-anonymous-consumer', null);
  }

  authenticateAnonymous(consumer: Consumer): void {
    this.consumer = consumer;
    this.credential = null;
    this.consumerHeaders(consumer);
    this.editHeader('x-credential-identifier', null);
    this.editHeader('x-anonymous-consumer', 'true');
  }

  addResponseHeader(name: string, value: string): void {
    (this.responseHeaders ??= []).push([name, value]);
  }

  private consumerHeaders(consumer: Consumer): void {
    this.editHeader('x-consumer-id', consumer.id);
    this.editHeader('x-consumer-custom-id', consumer.custom_id);
    this.editHeader('x-consumer-username', consumer.username);
  }

  private editHeader(name: string, value: string | null): void {
    (this.headerEdits ??= new Map()).set(name.toLowerCase(), value);
  }
}

class HeadRequestView implements PluginRequest {
  private args: Map<string, string[]> | undefined;

  constructor(private readonly head: RequestHead, private readonly ctx: RequestPluginContext) {}

  get method(): string { return this.head.method; }
  get path(): string { return this.head.url; }
  get rawQuery(): string { return this.head.query; }
  get scheme(): 'http' { return 'http'; }
  get clientIp(): string { return this.head.remoteAddress; }
  get hasBody(): boolean { return this.head.body !== null; }

  header(name: string): string | undefined {
    return headerValue(this.head, name);
  }

  headerValues(name: string): readonly string[] {
    const out: string[] = [];
    const h = this.head.headers;
    for (let i = 0; i < h.length; i += 2) if (h[i] === name) out.push(h[i + 1]);
    return out;
  }

  queryArgs(): ReadonlyMap<string, readonly string[]> {
    if (!this.args) {
      this.args = new Map();
      for (const [k, v] of new URLSearchParams(this.head.query)) {
        const list = this.args.get(k);
        if (list) list.push(v);
        else this.args.set(k, [v]);
      }
    }
    return this.args;
  }

  async readBody(limit: number): Promise<Buffer | undefined> {
    if (this.ctx.body) return this.ctx.body.length > limit ? undefined : this.ctx.body;
    const body = this.head.body;
    if (!body) return (this.ctx.body = Buffer.alloc(0));
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > limit) return undefined;
      chunks.push(chunk);
    }
    return (this.ctx.body = Buffer.concat(chunks));
  }
}

/** The client's headers with the plugins' edits applied (flat [name, value, ...]). */
export function applyHeaderEdits(headers: readonly string[], edits: ReadonlyMap<string, string | null>): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) if (!edits.has(headers[i])) out.push(headers[i], headers[i + 1]);
  for (const [name, value] of edits) if (value !== null) out.push(name, value);
  return out;
}

/** The raw query without the arguments plugins removed. */
export function upstreamQuery(raw: string, removals: ReadonlySet<string> | null): string {
  if (!removals || raw === '') return raw;
  return raw
    .split('&')
    .filter((pair) => !removals.has(decodeQueryName(pair.split('=')[0])))
    .join('&');
}

/** `+` and %XX decoded; a malformed escape is kept as written instead of failing the request. */
function decodeQueryName(raw: string): string {
  const name = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The plugin handler contract (issue 5): what a plugin's `compile(config)`
 * returns and what its handlers see. Plugins import this through sdk.ts only.
 */
import type { z } from 'zod';
import type {
  NormalizedConsumer, NormalizedKeyauthCredential, NormalizedBasicauthCredential, NormalizedHmacauthCredential, NormalizedJwtSecret,
} from '../../config/types.js';

export type HeaderPairs = readonly (readonly [string, string])[];

/**
 * Stop the chain and answer: `error` is Kong's `kong.response.error` (templated
 * body with the request id, negotiated by Accept), `exit` is Kong's
 * `kong.response.exit` (compact JSON for an object, a string as is, no body → empty).
 */
export type LocalReply =
  | { readonly kind: 'error'; readonly status: number; readonly message?: string; readonly headers?: HeaderPairs }
  | { readonly kind: 'exit'; readonly status: number; readonly body?: object | string; readonly headers?: HeaderPairs };

export type Consumer = Readonly<NormalizedConsumer>;
type WithConsumer<T> = Readonly<T> & { readonly consumerRecord: Consumer };
export type KeyauthCredential = WithConsumer<NormalizedKeyauthCredential>;
export type BasicauthCredential = WithConsumer<NormalizedBasicauthCredential> & {
  /** lowercase hex SHA-1 of password + consumer id (Kong's stored form) */
  readonly passwordHash: string;
};
export type HmacauthCredential = WithConsumer<NormalizedHmacauthCredential>;
export type JwtSecret = WithConsumer<NormalizedJwtSecret>;

/** Consumers and their credentials from the configuration, indexed once per Snapshot. */
export interface ConsumerDirectory {
  byId(id: string): Consumer | undefined;
  /** Kong's lookup of a plugin's `anonymous` value: a UUID is an id, anything else a username. */
  anonymous(ref: string): Consumer | undefined;
  keyauth(key: string): KeyauthCredential | undefined;
  basicauth(username: string): BasicauthCredential | undefined;
  hmacauth(username: string): HmacauthCredential | undefined;
  jwt(key: string): JwtSecret | undefined;
  /** the consumer's acl groups, in file order */
  groups(consumerId: string): readonly string[];
}

/** The client's request, as plugins read it (names of headers in lower case). */
export interface PluginRequest {
  readonly method: string;
  /** raw path as sent, without the query */
  readonly path: string;
  /** raw query without `?`; '' when none */
  readonly rawQuery: string;
  readonly scheme: 'http' | 'https';
  readonly clientIp: string;
  header(name: string): string | undefined;
  headerValues(name: string): readonly string[];
  /** decoded query arguments, parsed on first use */
  queryArgs(): ReadonlyMap<string, readonly string[]>;
  readonly hasBody: boolean;
  /**
   * The whole body, buffered; `undefined` when it is larger than `limit`
   * bytes. After a call the body is sent upstream from the buffer.
   */
  readBody(limit: number): Promise<Buffer | undefined>;
}

/** Changes to the request sent upstream. */
export interface UpstreamRequest {
  setHeader(name: string, value: string): void;
  clearHeader(name: string): void;
  removeQueryArg(name: string): void;
  setBody(body: Buffer): void;
}

/** The identity a credential proves, as Kong's X-Credential-Identifier shows it. */
export interface AuthenticatedCredential {
  readonly id: string;
  /** key-auth: credential id; basic-auth, hmac-auth: username; jwt: key */
  readonly identifier: string;
}

/** Per request: the request, the upstream edits, who the client is. */
export interface PluginContext {
  readonly request: PluginRequest;
  readonly upstream: UpstreamRequest;
  readonly requestId: string;
  readonly route: { readonly id: string; readonly name: string | null } | null;
  readonly service: { readonly id: string; readonly name: string | null } | null;
  readonly consumers: ConsumerDirectory;
  readonly consumer: Consumer | null;
  readonly credential: AuthenticatedCredential | null;
  /** groups set by authentication plugins without a consumer (Kong's authenticated groups) */
  authenticatedGroups: readonly string[] | null;
  /** kong.ctx.shared */
  readonly shared: Map<string, unknown>;
  /** Kong's `set_consumer` plus the X-Consumer-* / X-Credential-Identifier upstream headers. */
  authenticate(consumer: Consumer, credential: AuthenticatedCredential): void;
  /** The anonymous consumer of a failed "logical OR" authentication (X-Anonymous-Consumer: true). */
  authenticateAnonymous(consumer: Consumer): void;
  /** Headers to add to the client response (e.g. rate-limit headers, CORS). */
  addResponseHeader(name: string, value: string): void;
}

/** The upstream response head, editable in the header phase. */
export interface ResponseHeaders {
  readonly status: number;
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  append(name: string, value: string): void;
  remove(name: string): void;
}

export type AccessResult = LocalReply | undefined;

/** How the request ended, for the log phase. */
export interface RequestOutcome {
  /** status sent to the client (0: none, the client left first) */
  readonly status: number;
  /** the upstream's status; 0 when the request was not proxied or got no answer */
  readonly upstreamStatus: number;
  /** `kong` when gatewayd (or a plugin) answered, `upstream` otherwise (Kong's log serializer `source`) */
  readonly source: 'kong' | 'upstream';
  /** ms from receiving the request to the end of the response */
  readonly totalLatency: number;
  /** ms to the upstream's response head; -1 when not proxied */
  readonly upstreamLatency: number;
  /** response body bytes sent to the client */
  readonly bytesOut: number;
  /** the request error code when it did not end normally (docs/errors.md), else null */
  readonly error: string | null;
}

export interface PluginHandlers {
  /** Access phase. Return a LocalReply to stop the chain; may be async. */
  access?(ctx: PluginContext): AccessResult | Promise<AccessResult>;
  /** Header phase, on the response (proxied or local). */
  responseHeaders?(ctx: PluginContext, response: ResponseHeaders): void;
  /** Log phase: once, after the response is over (whichever way). Never delays or fails the request. */
  log?(ctx: PluginContext, outcome: RequestOutcome): void;
}

/** A plugin: its Kong name and priority, its config schema, and how to build its handlers. */
export interface PluginDefinition<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly priority: number;
  readonly configSchema: S;
  /** Run once per Snapshot per plugin instance: turn the config into handlers (closures). */
  compile(config: z.output<S>): PluginHandlers;
}

export function definePlugin<S extends z.ZodType>(def: PluginDefinition<S>): PluginDefinition<S> {
  return def;
}

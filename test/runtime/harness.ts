import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import uWS from 'uWebSockets.js';
import { replyRequestError, replyError, replyExit } from '../../src/runtime/http/local-reply.js';
import { copyRequestHead, rejectHead, type RequestHead } from '../../src/runtime/http/request-head.js';
import { configureUws } from '../../src/runtime/http/uws-config.js';
import { forward, type ForwardPlan, type ForwardResult } from '../../src/runtime/proxy/forward.js';
import { UpstreamPools } from '../../src/runtime/proxy/pools.js';
import { buildUpstreamHeaders } from '../../src/runtime/proxy/upstream-headers.js';

/**
 * A real uWS listener on 127.0.0.1 whose any('/*') handler copies the head
 * and forwards to `origin` — the data-plane core without routing. A few
 * `/__local/...` paths answer locally to exercise Kong's replies.
 */
export interface TestProxy {
  port: number;
  pools: UpstreamPools;
  results: ForwardResult[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  origin: string;
  plan?: Partial<ForwardPlan>;
  forwardedPrefix?: string;
}

export async function startProxy(opts: ProxyOptions): Promise<TestProxy> {
  configureUws();
  const pools = new UpstreamPools();
  const results: ForwardResult[] = [];
  const hooks = { pools, onEnd: (r: ForwardResult) => void results.push(r) };
  let port = 0;
  const app = uWS.App().any('/*', (res, req) => {
    const head = copyRequestHead(res, req, port);
    if (local(res, head)) return;
    forward(res, head, planFor(head, opts), hooks);
  });
  const listenSocket = await new Promise<uWS.us_listen_socket>((resolve, reject) => {
    app.listen('127.0.0.1', 0, (ls) => (ls ? resolve(ls) : reject(new Error('listen failed'))));
  });
  port = uWS.us_socket_local_port(listenSocket as unknown as uWS.us_socket);
  return {
    port, pools, results,
    async close() {
      uWS.us_listen_socket_close(listenSocket);
      await pools.destroyAll();
    },
  };
}

function planFor(head: RequestHead, opts: ProxyOptions): ForwardPlan {
  const host = new URL(opts.origin).host;
  return {
    origin: opts.origin,
    method: head.method,
    path: head.query === '' ? head.url : `${head.url}?${head.query}`,
    headers: buildUpstreamHeaders(head, { host, scheme: 'http', forwardedPrefix: opts.forwardedPrefix }),
    connectTimeout: 2000,
    writeTimeout: 5000,
    readTimeout: 5000,
    requestBody: 'stream',
    ...opts.plan,
  };
}

function local(res: uWS.HttpResponse, head: RequestHead): boolean {
  const rejected = rejectHead(head);
  if (rejected !== null) return replyRequestError(res, head, rejected), true;
  if (!head.url.startsWith('/__local/')) return false;
  const what = head.url.slice('/__local/'.length);
  if (what === 'exit') replyExit(res, head, 401, { message: 'Unauthorized a/b' });
  else if (what === 'exit-empty') replyExit(res, head, 204);
  else if (what === 'error-429') replyError(res, head, 429);
  else replyRequestError(res, head, what as 'no-route');
  return true;
}

export interface Upstream {
  port: number;
  origin: string;
  server: http.Server;
  close(): Promise<void>;
}

/** A node:http upstream on 127.0.0.1. */
export async function startUpstream(handler: http.RequestListener): Promise<Upstream> {
  const server = http.createServer({ keepAliveTimeout: 5000 }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port, server, origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export interface RawResponse {
  status: number;
  headers: [string, string][];
  body: string;
  raw: string;
}

/** Send bytes exactly as given on a fresh connection; read until the server closes or `until` matches. */
export function rawRequest(port: number, data: string, timeoutMs = 2000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw = '';
    const done = (): void => {
      socket.destroy();
      resolve(parseRaw(raw));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      raw += d;
      if (isComplete(raw)) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('error', () => socket.destroy()); // a reset is an answer too: status 0
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRaw(raw));
    });
    socket.write(data, 'latin1');
  });
}

function isComplete(raw: string): boolean {
  while (/^HTTP\/1\.1 1\d\d /.test(raw) && raw.includes('\r\n\r\n')) raw = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return false;
  const m = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(0, end));
  if (m !== null) return raw.length - end - 4 >= Number(m[1]);
  return raw.endsWith('\r\n0\r\n\r\n');
}

export function parseRaw(raw: string): RawResponse {
  while (/^HTTP\/1\.1 1\d\d /.test(raw)) raw = raw.slice(raw.indexOf('\r\n\r\n') + 4); // interim responses
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: [], body: '', raw };
  const lines = raw.slice(0, end).split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = lines.slice(1).map((l): [string, string] => {
    const i = l.indexOf(':');
    return [l.slice(0, i), l.slice(i + 1).trim()];
  });
  return { status, headers, body: raw.slice(end + 4), raw };
}

export function headerOf(r: RawResponse, name: string): string | undefined {
  return r.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

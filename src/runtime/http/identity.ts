/**
 * How gatewayd names itself on the wire. Clients and upstreams written
 * against Kong look for Kong's tokens, so these are Kong's, not gatewayd's.
 *
 * KONG_VERSION can be changed here (the one place) to present another Kong
 * version; Server, Via and everything derived from them follow.
 */
export const KONG_VERSION = '3.10.0';

/** `Server` on Kong-generated replies, and on proxied ones whose upstream sent none. */
export const SERVER_TOKEN = `kong/${KONG_VERSION}`;

/** Appended to `Via`, upstream-bound and client-bound (HTTP/1.1 client side). */
export const VIA_TOKEN = `1.1 ${SERVER_TOKEN}`;

/** Kong's header names (default `headers` and `headers_upstream` settings). */
export const H_REQUEST_ID = 'X-Kong-Request-Id';
export const H_RESPONSE_LATENCY = 'X-Kong-Response-Latency';
export const H_UPSTREAM_LATENCY = 'X-Kong-Upstream-Latency';
export const H_PROXY_LATENCY = 'X-Kong-Proxy-Latency';

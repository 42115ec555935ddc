import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REQUEST_ERRORS, REQUEST_ERROR_CODES } from '../../src/errors/catalog.js';
import {
  defaultErrorMessage, negotiateErrorMime, negotiateProxyErrorMime, renderErrorBody, renderExitJson,
} from '../../src/runtime/http/kong-error.js';
import { closedPort, headerOf, rawRequest, startProxy, type TestProxy } from './harness.js';

const ID = '0123456789abcdef0123456789abcdef';

describe('Kong error templates', () => {
  it('renders the JSON template exactly, message unescaped', () => {
    assert.equal(renderErrorBody('json', 'no Route matched with those values', ID),
      `{\n  "message":"no Route matched with those values",\n  "request_id":"${ID}"\n}`);
    assert.equal(renderErrorBody('json', 'a "b"', ID), `{\n  "message":"a "b"",\n  "request_id":"${ID}"\n}`);
  });

  it('renders text, html and xml', () => {
    assert.equal(renderErrorBody('text', 'Not found', ID), `Not found\nrequest_id: ${ID}\n`);
    assert.equal(renderErrorBody('html', 'Not found', ID),
      '<!doctype html>\n<html>\n  <head>\n    <meta charset="utf-8">\n    <title>Error</title>\n  </head>\n'
      + `  <body>\n    <h1>Error</h1>\n    <p>Not found.</p>\n    <p>request_id: ${ID}</p>\n  </body>\n</html>\n`);
    assert.equal(renderErrorBody('xml', 'Not found', ID),
      `<?xml version="1.0" encoding="UTF-8"?>\n<error>\n  <message>Not found</message>\n  <requestid>${ID}</requestid>\n</error>\n`);
  });

  it('has Kong default messages', () => {
    assert.equal(defaultErrorMessage(401), 'Unauthorized');
    assert.equal(defaultErrorMessage(429), 'Too many requests');
    assert.equal(defaultErrorMessage(502), 'An invalid response was received from the upstream server');
    assert.equal(defaultErrorMessage(599), 'The upstream server responded with 599');
  });

  it('renders exit() bodies as compact cjson', () => {
    assert.equal(renderExitJson({ message: 'Unauthorized' }), '{"message":"Unauthorized"}');
    assert.equal(renderExitJson({ message: 'a/b' }), '{"message":"a\\/b"}');
  });
});

describe('content negotiation (get_response_type)', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'json'], ['', 'json'], ['*/*', 'json'], ['application/json', 'json'],
    ['text/html', 'html'], ['text/plain', 'text'], ['application/xml', 'xml'], ['text/*', 'text'],
    ['application/*', 'json'], ['image/png', 'json'], ['Text/HTML', 'json'],
    ['text/html;q=0.5, application/xml', 'xml'], ['application/xml;q=0.2, text/plain;q=0.9', 'text'],
    ['text/html, application/xml', 'html'], ['text/plain;q=0', 'json'],
    ['text/html;level=1;q=0.4, text/plain;q=0.3', 'html'], ['text/html;q=0.4;level=1, text/plain;q=0.5', 'text'],
    ['garbage', 'json'], ['text/html;q=0.5, image/png', 'json'], ['application/grpc', 'grpc'],
  ];
  for (const [accept, mime] of cases) {
    it(`Accept ${JSON.stringify(accept)} → ${mime}`, () => assert.equal(negotiateErrorMime(accept), mime));
  }

  it('proxy errors fall back to Content-Type, then text/plain', () => {
    assert.equal(negotiateProxyErrorMime(undefined, undefined), 'text');
    assert.equal(negotiateProxyErrorMime(undefined, 'application/json; charset=utf-8'), 'json');
    assert.equal(negotiateProxyErrorMime('*/*', 'text/html'), 'json');
    assert.equal(negotiateProxyErrorMime('text/html', 'application/json'), 'html');
  });
});

describe('catalogue', () => {
  it('has Kong statuses and messages', () => {
    assert.deepEqual([REQUEST_ERRORS['no-route'].status, REQUEST_ERRORS['no-route'].message], [404, 'no Route matched with those values']);
    assert.equal(REQUEST_ERRORS['https-required'].status, 426);
    assert.equal(REQUEST_ERRORS['upstream-timeout'].status, 504);
    assert.equal(REQUEST_ERRORS['no-healthy-target'].message, 'failure to get a peer from the ring-balancer');
    for (const code of REQUEST_ERROR_CODES) assert.match(REQUEST_ERRORS[code].doc, /^errors\.md#[a-z0-9-]+$/);
  });
});

describe('local replies through the listener', () => {
  let proxy: TestProxy;
  let refused: TestProxy;
  before(async () => {
    proxy = await startProxy({ origin: 'http://127.0.0.1:9' });
    refused = await startProxy({ origin: `http://127.0.0.1:${await closedPort()}` });
  });
  after(async () => {
    await proxy.close();
    await refused.close();
  });

  const get = (port: number, path: string, extra = ''): ReturnType<typeof rawRequest> =>
    rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: example.test\r\n${extra}\r\n`);

  it('404 no-route with Kong headers and the JSON template by default', async () => {
    const r = await get(proxy.port, '/__local/no-route');
    assert.equal(r.status, 404);
    const id = headerOf(r, 'X-Kong-Request-Id');
    assert.match(id ?? '', /^[0-9a-f]{32}$/);
    assert.equal(headerOf(r, 'Content-Type'), 'application/json; charset=utf-8');
    assert.equal(headerOf(r, 'Server'), 'kong/3.10.0');
    assert.match(headerOf(r, 'X-Kong-Response-Latency') ?? '', /^\d+$/);
    assert.equal(headerOf(r, 'uWebSockets'), undefined);
    assert.equal(r.body, `{\n  "message":"no Route matched with those values",\n  "request_id":"${id}"\n}`);
  });

  const variants: [string, string, (msg: string, id: string) => string][] = [
    ['text/plain', 'text/plain; charset=utf-8', (m, id) => `${m}\nrequest_id: ${id}\n`],
    ['text/html', 'text/html; charset=utf-8', (m, id) => renderErrorBody('html', m, id)],
    ['application/xml', 'application/xml; charset=utf-8', (m, id) => renderErrorBody('xml', m, id)],
    ['application/json', 'application/json; charset=utf-8', (m, id) => renderErrorBody('json', m, id)],
    ['text/html;q=0.1, application/xml;q=0.9', 'application/xml; charset=utf-8', (m, id) => renderErrorBody('xml', m, id)],
  ];
  for (const [accept, type, body] of variants) {
    it(`error() body for Accept: ${accept}`, async () => {
      const r = await get(proxy.port, '/__local/no-route', `Accept: ${accept}\r\n`);
      assert.equal(headerOf(r, 'Content-Type'), type);
      assert.equal(r.body, body('no Route matched with those values', headerOf(r, 'X-Kong-Request-Id')!));
    });
  }

  it('426 https-required carries Kong\'s Upgrade headers', async () => {
    const r = await get(proxy.port, '/__local/https-required');
    assert.equal(r.status, 426);
    assert.equal(headerOf(r, 'Upgrade'), 'TLS/1.2, HTTP/1.1');
    assert.match(r.body, /"message":"Please use HTTPS protocol"/);
  });

  it('error(status) uses the default message; exit() is compact JSON without request id', async () => {
    const e = await get(proxy.port, '/__local/error-429');
    assert.equal(e.status, 429);
    assert.match(e.body, /"message":"Too many requests"/);
    const x = await get(proxy.port, '/__local/exit');
    assert.equal(x.status, 401);
    assert.equal(x.body, '{"message":"Unauthorized a\\/b"}');
    assert.equal(headerOf(x, 'Content-Type'), 'application/json; charset=utf-8');
    const empty = await get(proxy.port, '/__local/exit-empty');
    assert.equal(empty.status, 204);
    assert.equal(empty.body, '');
  });

  it('HEAD gets the headers of an error reply without its body', async () => {
    const r = await rawRequest(proxy.port, 'HEAD /__local/no-route HTTP/1.1\r\nHost: a\r\n\r\n', 300);
    assert.equal(r.status, 404);
    assert.equal(headerOf(r, 'Content-Length'), '103');
    assert.equal(r.body, '');
  });

  it('502 on connection refused: text/plain without Accept or Content-Type', async () => {
    const r = await get(refused.port, '/x');
    assert.equal(r.status, 502);
    assert.equal(headerOf(r, 'Content-Type'), 'text/plain; charset=utf-8');
    assert.equal(r.body, `An invalid response was received from the upstream server\nrequest_id: ${headerOf(r, 'X-Kong-Request-Id')}\n`);
    assert.equal(headerOf(r, 'Server'), 'kong/3.10.0');
  });

  it('502 negotiates from Accept, else Content-Type', async () => {
    const a = await get(refused.port, '/x', 'Accept: */*\r\n');
    assert.equal(headerOf(a, 'Content-Type'), 'application/json; charset=utf-8');
    const c = await rawRequest(refused.port,
      'POST /x HTTP/1.1\r\nHost: a\r\nContent-Type: application/xml\r\nContent-Length: 2\r\n\r\nhi');
    assert.equal(c.status, 502);
    assert.equal(headerOf(c, 'Content-Type'), 'application/xml; charset=utf-8');
    assert.match(c.body, /<message>An invalid response was received from the upstream server<\/message>/);
  });
});

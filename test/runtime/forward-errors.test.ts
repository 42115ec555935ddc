import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpstreamPools } from '../../src/runtime/proxy/pools.js';
import { upstreamErrorCode } from '../../src/runtime/proxy/upstream-errors.js';
import { closedPort, headerOf, rawRequest, startProxy, startUpstream, type TestProxy, type Upstream } from './harness.js';

interface Outcome {
  status: number;
  bytes: number;
  error: string | null;
}

/** node:http GET that reports how the response ended (complete, or the connection broke). */
function fetchOutcome(port: number, path: string, method = 'GET'): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => (bytes += d.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, error: null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, bytes, error: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, bytes: 0, error: e.message }));
    req.end();
  });
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('upstream failures', () => {
  let up: Upstream;
  let proxy: TestProxy;
  let fast: TestProxy;
  before(async () => {
    up = await startUpstream((req, res) => {
      req.resume();
      if (req.url === '/hang') return; // never answers
      if (req.url === '/reset') return req.socket.destroy();
      if (req.url === '/die-cl') {
        res.writeHead(200, { 'Content-Length': String(1 << 20) });
        res.write(Buffer.alloc(64 * 1024, 97));
        setTimeout(() => res.socket?.destroy(), 30);
        return;
      }
      if (req.url === '/die-chunked') {
        res.writeHead(200);
        res.write(Buffer.alloc(64 * 1024, 97));
        setTimeout(() => res.socket?.destroy(), 30);
        return;
      }
      if (req.url === '/slow-body') {
        res.writeHead(200, { 'Content-Length': String(20_000) });
        res.flushHeaders(); // the head arrives alone
        setTimeout(() => res.end('d'.repeat(20_000)), 400);
        return;
      }
      if (req.url === '/stall-body') {
        res.writeHead(200, { 'Content-Length': '10' });
        res.write('abc');
        return;
      }
      res.end('fine');
    });
    proxy = await startProxy({ origin: up.origin, plan: { readTimeout: 300 } });
    fast = await startProxy({ origin: up.origin });
  });
  after(async () => {
    await proxy.close();
    await fast.close();
    await up.close();
  });

  it('504 with Kong\'s body when the upstream does not answer within read_timeout', async () => {
    const started = Date.now();
    const r = await rawRequest(proxy.port, 'GET /hang HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\r\n', 3000);
    assert.equal(r.status, 504);
    assert.ok(Date.now() - started >= 250);
    assert.equal(r.body, `{\n  "message":"The upstream server is timing out",\n  "request_id":"${headerOf(r, 'X-Kong-Request-Id')}"\n}`);
    assert.equal(proxy.results.at(-1)?.error, 'upstream-timeout');
  });

  it('502 on connection refused', async () => {
    const refused = await startProxy({ origin: `http://127.0.0.1:${await closedPort()}` });
    try {
      const r = await fetchOutcome(refused.port, '/x');
      assert.equal(r.status, 502);
      assert.equal(refused.results.at(-1)?.error, 'upstream-connect-failed');
    } finally {
      await refused.close();
    }
  });

  it('502 when the upstream resets before answering', async () => {
    const r = await fetchOutcome(fast.port, '/reset');
    assert.equal(r.status, 502);
    assert.equal(fast.results.at(-1)?.error, 'upstream-reset');
  });

  for (const path of ['/die-cl', '/die-chunked']) {
    it(`a mid-body upstream failure closes the client connection (${path})`, async () => {
      const r = await fetchOutcome(fast.port, path);
      assert.equal(r.status, 200);
      assert.notEqual(r.error, null, 'the client must see a broken response, not a complete one');
      assert.ok(r.bytes < 1 << 20);
      await until(() => fast.results.at(-1)?.error === 'upstream-failed-mid-body');
    });
  }

  it('a body read timeout after the head closes the connection', async () => {
    const r = await fetchOutcome(proxy.port, '/stall-body');
    assert.equal(r.status, 200);
    assert.notEqual(r.error, null);
    assert.equal(proxy.results.at(-1)?.error, 'upstream-failed-mid-body');
  });

  it('sends the head of a slow Content-Length body before the body is complete', async () => {
    const started = Date.now();
    let headAt = 0;
    const body = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port: fast.port, path: '/slow-body', agent: false }, (res) => {
        headAt = Date.now() - started;
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(text));
      });
    });
    assert.equal(body.length, 20_000);
    assert.ok(headAt < 300, `head arrived after ${headAt} ms`);
  });

  it('keeps serving after all that', async () => {
    const r = await fetchOutcome(fast.port, '/ok');
    assert.deepEqual([r.status, r.bytes, r.error], [200, 4, null]);
  });
});

describe('client aborts', () => {
  let up: Upstream;
  let proxy: TestProxy;
  const upstreamEvents: string[] = [];
  before(async () => {
    up = await startUpstream((req, res) => {
      req.on('data', () => {});
      req.on('end', () => upstreamEvents.push(`${req.url}:end`));
      res.on('close', () => upstreamEvents.push(`${req.url}:close${res.writableFinished ? ':finished' : ''}`));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 1000);
      if (req.url === '/endless') {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 98);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      }
    });
    proxy = await startProxy({ origin: up.origin });
  });
  after(async () => {
    await proxy.close();
    await up.close();
  });

  it('aborting mid-upload aborts the upstream request', async () => {
    const req = http.request({
      host: '127.0.0.1', port: proxy.port, path: '/upload', method: 'POST', agent: false,
      headers: { 'Content-Length': String(64 << 20) },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(1 << 20, 1));
    await sleep(100);
    req.destroy();
    await until(() => upstreamEvents.includes('/upload:close'));
    assert.ok(!upstreamEvents.includes('/upload:end'), 'the upstream must not see a complete body');
    await until(() => proxy.results.some((r) => r.head.url === '/upload' && r.error === 'client-aborted'));
  });

  it('aborting while waiting for the response head aborts the upstream request', async () => {
    const req = http.request({ host: '127.0.0.1', port: proxy.port, path: '/slow', agent: false });
    req.on('error', () => {});
    req.end();
    await sleep(100);
    req.destroy();
    await until(() => upstreamEvents.includes('/slow:close'));
    assert.ok(proxy.results.some((r) => r.head.url === '/slow' && r.error === 'client-aborted'));
  });

  it('aborting mid-download aborts the upstream response', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.port, path: '/endless', agent: false }, (res) => {
        let n = 0;
        res.on('data', (d: Buffer) => {
          n += d.length;
          if (n > 4 << 20) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', () => {});
      req.end();
    });
    await until(() => upstreamEvents.includes('/endless:close'));
    await until(() => proxy.results.some((r) => r.head.url === '/endless' && r.error === 'client-aborted'));
  });
});

describe('request body to an upstream that does not read it', () => {
  let up: Upstream;
  let proxy: TestProxy;
  before(async () => {
    up = await startUpstream((req, res) => {
      if (req.url === '/early') {
        res.writeHead(413);
        res.end('too big');
        req.resume(); // answered early, then drains the rest (a close here would race a reset)
        return;
      }
      req.pause(); // never reads
    });
    proxy = await startProxy({ origin: up.origin, plan: { writeTimeout: 300 } });
  });
  after(async () => {
    await proxy.close();
    await up.close();
  });

  function upload(path: string): Promise<number> {
    return new Promise((resolve) => {
      const req = http.request({
        host: '127.0.0.1', port: proxy.port, path, method: 'POST', agent: false,
        headers: { 'Content-Length': String(256 << 20) },
      }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => {});
      const chunk = Buffer.alloc(64 * 1024, 3);
      const pump = (): void => {
        while (!req.destroyed && req.write(chunk));
      };
      req.on('drain', pump);
      pump();
    });
  }

  it('504 after write_timeout without progress', async () => {
    assert.equal(await upload('/stuck'), 504);
    assert.equal(proxy.results.at(-1)?.error, 'upstream-write-timeout');
  });

  it('an upstream that answers before reading the body is answered through', async () => {
    assert.equal(await upload('/early'), 413);
  });
});

describe('upstream error mapping', () => {
  const err = (code: string): Error => Object.assign(new Error(code), { code });
  const cases: [string, string][] = [
    ['ECONNREFUSED', 'upstream-connect-failed'], ['EHOSTUNREACH', 'upstream-connect-failed'],
    ['ECONNRESET', 'upstream-reset'], ['UND_ERR_SOCKET', 'upstream-reset'],
    ['UND_ERR_CONNECT_TIMEOUT', 'upstream-connect-timeout'], ['UND_ERR_HEADERS_TIMEOUT', 'upstream-timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'upstream-timeout'], ['GW_UPSTREAM_WRITE_TIMEOUT', 'upstream-write-timeout'],
    ['ENOTFOUND', 'dns-failed'], ['HPE_INVALID_CONSTANT', 'upstream-invalid-response'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'upstream-invalid-response'], ['UND_ERR_INVALID_ARG', 'bad-request'],
    ['SOMETHING_ELSE', 'internal-error'],
  ];
  for (const [code, expected] of cases) {
    it(`${code} → ${expected}`, () => assert.equal(upstreamErrorCode(err(code)), expected));
  }
  it('an error without a code is internal', () => assert.equal(upstreamErrorCode(new Error('x')), 'internal-error'));
});

describe('upstream pools', () => {
  it('are shared by origin + connect timeout and closed by the last release', async () => {
    const pools = new UpstreamPools();
    const a = pools.retain('http://127.0.0.1:1', 1000);
    assert.equal(pools.retain('http://127.0.0.1:1', 1000), a);
    assert.notEqual(pools.get('http://127.0.0.1:1', 2000), a);
    assert.equal(pools.size, 2);
    await pools.release('http://127.0.0.1:1', 1000);
    assert.equal(pools.size, 2);
    await pools.release('http://127.0.0.1:1', 1000);
    assert.equal(pools.size, 1);
    assert.equal((a as unknown as { closed: boolean }).closed, true);
    await pools.closeAll();
    assert.equal(pools.size, 0);
  });
});

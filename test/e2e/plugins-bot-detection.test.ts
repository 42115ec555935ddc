import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

const errorJson = (message: string, id: string) => `{\n  "message":"${message}",\n  "request_id":"${id}"\n}`;

/** node:http, to send exactly the headers given (repeated ones included) or none at all. */
function send(url: string, headers: [string, string][]): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    // Array headers are sent as given: node adds no Host of its own then.
    const flat = [['Host', new URL(url).host], ...headers].flat();
    const req = http.request(url, { headers: flat, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bot-detection through the gateway', () => {
  let gw: TestGateway;
  let up: EchoUpstream;

  before(async () => {
    up = await startEcho('up');
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - name: builtin
        paths: [/builtin]
        plugins: [{ name: bot-detection }]
      - name: lists
        paths: [/lists]
        plugins:
          - name: bot-detection
            config: { allow: ["facebookexternalhit", "^MyMonitor/"], deny: ["^curl/", "evil"] }
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  const ua = (path: string, value: string) => request(`${gw.proxy}${path}`, { headers: { 'user-agent': value } });

  test('browsers and requests without User-Agent pass', async () => {
    const browser = await ua('/builtin', 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0');
    assert.equal(browser.statusCode, 200);
    assert.equal(await browser.body.text(), 'up');
    const none = await send(`${gw.proxy}/builtin`, []);
    assert.equal(none.status, 200);
    assert.equal(none.body, 'up');
    const curl = await ua('/builtin', 'curl/8.4.0');
    assert.equal(curl.statusCode, 200, 'curl is not in the built-in list');
    await curl.body.text();
  });

  test('built-in bots: 403 Forbidden with Kong\'s error body', async () => {
    for (const value of [
      'Googlebot/2.1 (+http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'facebookexternalhit/1.1',
      'Apache-HttpClient/4.5.13 (Java/11.0.11)',
    ]) {
      const res = await ua('/builtin', value);
      assert.equal(res.statusCode, 403, value);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(await res.body.text(), errorJson('Forbidden', res.headers['x-kong-request-id'] as string));
    }
  });

  test('more than one User-Agent header: 400', async () => {
    const res = await send(`${gw.proxy}/builtin`, [['User-Agent', 'a'], ['User-Agent', 'b']]);
    assert.equal(res.status, 400);
    assert.equal(res.body, errorJson('Only one User-Agent header allowed', res.headers['x-kong-request-id'] as string));
  });

  test('deny list refuses; allow list wins over deny and the built-in rules', async () => {
    const curl = await ua('/lists', 'curl/8.4.0');
    assert.equal(curl.statusCode, 403);
    assert.equal(await curl.body.text(), errorJson('Forbidden', curl.headers['x-kong-request-id'] as string));
    const evil = await ua('/lists', 'Mozilla/5.0 evil-scanner');
    assert.equal(evil.statusCode, 403);
    await evil.body.text();
    const fb = await ua('/lists', 'facebookexternalhit/1.1');
    assert.equal(fb.statusCode, 200, 'allowed although a built-in bot');
    await fb.body.text();
    const mon = await ua('/lists', 'MyMonitor/1.0 evil');
    assert.equal(mon.statusCode, 200, 'allowed although in the deny list');
    await mon.body.text();
    const google = await ua('/lists', 'Googlebot/2.1');
    assert.equal(google.statusCode, 403, 'built-in rules still apply');
    await google.body.text();
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { botDetection } from './handler.js';
import { BOT_RULES } from './rules.js';
import { access, loadFixture } from '../ip-restriction/handler-test-kit.js';

const fixture = (config = '{}') => loadFixture(botDetection, `_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:9/
    routes:
      - name: r
        paths: [/]
plugins:
  - name: bot-detection
    config: ${config}
`);

const FORBIDDEN = { kind: 'error', status: 403 };
const ua = (value: string) => ({ headers: [['user-agent', value]] as [string, string][] });

const BROWSERS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  'curl/7.43.0',
  'python-requests/2.31.0',
  'PostmanRuntime/7.26.8',
];

const BOTS = [
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
  'Apache-HttpClient/4.5.13 (Java/11.0.11)',
  'Python-urllib/3.9',
  'Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Scrapy/2.11.0 (+https://scrapy.org)',
  'ia_archiver (+http://www.alexa.com/site/help/webmasters; crawler@alexa.com)',
];

describe('bot-detection handler', () => {
  test('priority and name are Kong\'s; the built-in list is rules.lua\'s 12 patterns', () => {
    assert.equal(botDetection.name, 'bot-detection');
    assert.equal(botDetection.priority, 2500);
    assert.equal(BOT_RULES.length, 12);
  });

  test('no User-Agent: passes', async () => {
    assert.equal((await access(fixture())).result, undefined);
  });

  test('more than one User-Agent header: 400 "Only one User-Agent header allowed"', async () => {
    const { result } = await access(fixture(), { headers: [['user-agent', 'curl/8'], ['user-agent', 'curl/8']] });
    assert.deepEqual(result, { kind: 'error', status: 400, message: 'Only one User-Agent header allowed' });
  });

  test('browsers and plain HTTP tools pass the built-in rules', async () => {
    const f = fixture();
    for (const value of BROWSERS) assert.equal((await access(f, ua(value))).result, undefined, value);
  });

  test('known bots are refused with 403 (message: Forbidden, the default of kong.response.error)', async () => {
    const f = fixture();
    for (const value of BOTS) assert.deepEqual((await access(f, ua(value))).result, FORBIDDEN, value);
  });

  test('deny list: a matching User-Agent is refused (unanchored, case-sensitive search)', async () => {
    const f = fixture('{ deny: ["curl", "^Mozilla/5\\\\.0 \\\\(X11"] }');
    assert.deepEqual((await access(f, ua('curl/7.43.0'))).result, FORBIDDEN);
    assert.deepEqual((await access(f, ua('my-curl-wrapper'))).result, FORBIDDEN);
    assert.equal((await access(f, ua('CURL/7.43.0'))).result, undefined);
    assert.deepEqual((await access(f, ua(BROWSERS[1]))).result, FORBIDDEN);
    assert.equal((await access(f, ua(BROWSERS[0]))).result, undefined);
  });

  test('allow list wins over the deny list and the built-in rules', async () => {
    const f = fixture('{ allow: ["facebookexternalhit", "^curl/"], deny: ["curl"] }');
    assert.equal((await access(f, ua(BOTS[3]))).result, undefined);
    assert.equal((await access(f, ua('curl/7.43.0'))).result, undefined);
    assert.deepEqual((await access(f, ua('my-curl'))).result, FORBIDDEN);
    assert.deepEqual((await access(f, ua(BOTS[0]))).result, FORBIDDEN);
  });

  test('the value is trimmed before matching, and verdicts are cached per instance', async () => {
    const f = fixture('{ allow: ["^Googlebot"] }');
    assert.equal((await access(f, ua('  Googlebot/2.1'))).result, undefined);
    assert.equal((await access(f, ua('  Googlebot/2.1'))).result, undefined);
    assert.deepEqual((await access(f, ua('x Googlebot/2.1'))).result, FORBIDDEN);
  });

  test('an empty User-Agent is examined (and passes)', async () => {
    assert.equal((await access(fixture(), ua(''))).result, undefined);
    assert.deepEqual((await access(fixture('{ deny: ["^$"] }'), ua(''))).result, FORBIDDEN);
  });
});

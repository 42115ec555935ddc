import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'undici';
import { startEcho, startTestGateway, type EchoUpstream, type TestGateway } from './gateway-harness.js';

/**
 * Kong's scope precedence through the real gateway: for each plugin name the
 * most specific instance wins (route+service+consumer → route+consumer →
 * service+consumer → route+service → consumer → route → service → global),
 * consumer-bound instances apply once authentication identified the consumer,
 * and `enabled: false` instances are skipped.
 */
describe('plugin scope precedence', () => {
  let gw: TestGateway;
  let up: EchoUpstream;
  const term = (message: string) => ({ name: 'request-termination', config: { status_code: 418, message } });

  before(async () => {
    up = await startEcho('upstream');
    gw = await startTestGateway(`
_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:${up.port}
    routes:
      - { name: r-route, paths: [/route] }
      - { name: r-plain, paths: [/plain] }
      - { name: r-disabled, paths: [/disabled] }
  - name: other
    url: http://127.0.0.1:${up.port}
    routes:
      - { name: r-other, paths: [/other] }
consumers:
  - username: alice
    keyauth_credentials: [{ key: alice-key }]
  - username: bob
    keyauth_credentials: [{ key: bob-key }]
  - username: carol
    keyauth_credentials: [{ key: carol-key }]
plugins:
  - { name: key-auth }
  - ${JSON.stringify(term('global'))}
  - ${JSON.stringify({ ...term('service'), service: 'svc' })}
  - ${JSON.stringify({ ...term('route'), route: 'r-route' })}
  - ${JSON.stringify({ ...term('consumer alice'), consumer: 'alice' })}
  - ${JSON.stringify({ ...term('route+consumer bob'), route: 'r-route', consumer: 'bob' })}
  - ${JSON.stringify({ ...term('service+consumer bob'), service: 'svc', consumer: 'bob' })}
  - ${JSON.stringify({ ...term('route+service'), route: 'r-plain', service: 'svc' })}
  - ${JSON.stringify({ ...term('disabled route'), route: 'r-disabled', enabled: false })}
`);
  });

  after(async () => {
    await gw.stop();
    await up.close();
  });

  const hit = async (path: string, key: string) => {
    const res = await request(`${gw.proxy}${path}`, { headers: { apikey: key } });
    assert.equal(res.statusCode, 418, `${path} as ${key}`);
    return ((await res.body.json()) as { message: string }).message;
  };

  test('without consumer-bound instances: route → route+service → service → global', async () => {
    assert.equal(await hit('/route', 'carol-key'), 'route');
    assert.equal(await hit('/plain', 'carol-key'), 'route+service');
    assert.equal(await hit('/disabled', 'carol-key'), 'service', 'a disabled route instance is skipped');
    assert.equal(await hit('/other', 'carol-key'), 'global');
  });

  test('consumer-bound instances apply once key-auth identified the consumer, most specific first', async () => {
    assert.equal(await hit('/route', 'bob-key'), 'route+consumer bob');
    assert.equal(await hit('/plain', 'bob-key'), 'service+consumer bob', 'service+consumer beats route+service');
    assert.equal(await hit('/other', 'bob-key'), 'global', "bob's service-bound instance is for svc only");
    assert.equal(await hit('/route', 'alice-key'), 'consumer alice', 'consumer (5) beats route (6)');
    assert.equal(await hit('/plain', 'alice-key'), 'route+service', 'route+service (4) beats consumer (5)');
  });
});

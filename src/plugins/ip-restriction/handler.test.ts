import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ipMatcher, ipRestriction } from './handler.js';
import { access, loadFixture } from './handler-test-kit.js';

const fixture = (config: string) => loadFixture(ipRestriction, `_format_version: "3.0"
services:
  - name: svc
    url: http://127.0.0.1:9/
    routes:
      - name: r
        paths: [/]
        plugins:
          - name: ip-restriction
            config: ${config}
`);

describe('ip-restriction handler', () => {
  test('priority and name are Kong\'s', () => {
    assert.equal(ipRestriction.name, 'ip-restriction');
    assert.equal(ipRestriction.priority, 990);
  });

  test('deny list with an IPv4 CIDR: 403 "IP address not allowed: <ip>" (kong.response.error)', async () => {
    const f = fixture('{ deny: ["10.0.0.0/8", "192.168.1.1"] }');
    assert.deepEqual((await access(f, { remoteAddress: '10.1.2.3' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: 10.1.2.3' });
    assert.deepEqual((await access(f, { remoteAddress: '192.168.1.1' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: 192.168.1.1' });
    assert.equal((await access(f, { remoteAddress: '192.168.1.2' })).result, undefined);
    assert.equal((await access(f, { remoteAddress: '11.0.0.1' })).result, undefined);
  });

  test('allow list: addresses outside it are refused', async () => {
    const f = fixture('{ allow: ["127.0.0.0/24"] }');
    assert.equal((await access(f, { remoteAddress: '127.0.0.5' })).result, undefined);
    assert.deepEqual((await access(f, { remoteAddress: '127.0.1.5' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: 127.0.1.5' });
  });

  test('deny is checked before allow', async () => {
    const f = fixture('{ allow: ["10.0.0.0/8"], deny: ["10.0.0.1"] }');
    assert.deepEqual((await access(f, { remoteAddress: '10.0.0.1' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: 10.0.0.1' });
    assert.equal((await access(f, { remoteAddress: '10.0.0.2' })).result, undefined);
  });

  test('configured status and message replace the defaults', async () => {
    const f = fixture('{ deny: ["127.0.0.1"], status: 401, message: "Go away" }');
    assert.deepEqual((await access(f)).result, { kind: 'error', status: 401, message: 'Go away' });
    const onlyStatus = fixture('{ deny: ["127.0.0.1"], status: 418 }');
    assert.deepEqual((await access(onlyStatus)).result, { kind: 'error', status: 418, message: 'IP address not allowed: 127.0.0.1' });
  });

  test('IPv6 entries match IPv6 clients only; IPv4 entries IPv4 clients only (resty.ipmatcher)', async () => {
    const f = fixture('{ deny: ["2001:db8::/32", "::/0"] }');
    assert.deepEqual((await access(f, { remoteAddress: '2001:db8::1' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: 2001:db8::1' });
    assert.equal((await access(f, { remoteAddress: '1.2.3.4' })).result, undefined, '::/0 does not cover IPv4');
    const v4all = fixture('{ allow: ["0.0.0.0/0"] }');
    assert.equal((await access(v4all, { remoteAddress: '8.8.8.8' })).result, undefined);
    assert.deepEqual((await access(v4all, { remoteAddress: '::1' })).result, { kind: 'error', status: 403, message: 'IP address not allowed: ::1' });
  });

  test('a CIDR with host bits set covers its whole network', () => {
    const m = ipMatcher(['10.1.2.3/16']);
    assert.equal(m.matches('10.1.200.1'), true);
    assert.equal(m.matches('10.2.0.1'), false);
  });

  test('no client address (unix socket): 403 Cannot identify the client IP address', async () => {
    const f = fixture('{ allow: ["127.0.0.1"], status: 401 }');
    assert.deepEqual((await access(f, { remoteAddress: '' })).result, {
      kind: 'error', status: 403, message: 'Cannot identify the client IP address, unix domain sockets are not supported.',
    });
  });
});

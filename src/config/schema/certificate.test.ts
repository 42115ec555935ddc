import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fromZodIssues } from './zod-issues.js';
import { certificateFields, checkCertificate } from './certificate.js';
import { sniFields } from './sni.js';
import { caCertificateDigest, caCertificateFields, checkCaCertificate } from './ca-certificate.js';

const tls = (f: string) => readFileSync(new URL(`../../../test/fixtures/tls/${f}`, import.meta.url), 'utf8');
const CA = tls('ca.crt');
const CERT = tls('server.crt');
const KEY = tls('server.key');
const EC_CERT = tls('server-ec.crt');
const EC_KEY = tls('server-ec.key');
const OTHER_KEY = tls('other.key');
const EXPIRED_CA = tls('expired-ca.crt');

const certificate = z.strictObject(certificateFields).superRefine(checkCertificate);
const sni = z.strictObject(sniFields);
const caCertificate = z.strictObject(caCertificateFields).superRefine((v, ctx) => checkCaCertificate(v, ctx));

function parse(schema: z.ZodType, input: unknown): { value?: Record<string, unknown>; issues: string[][] } {
  const r = schema.safeParse(input, { reportInput: true });
  if (r.success) return { value: r.data as Record<string, unknown>, issues: [] };
  return { issues: fromZodIssues(r.error.issues, []).map((i) => [i.path.join('.'), i.message, i.code]) };
}

test('certificate: a matching pair is accepted; optional fields default to null', () => {
  const { value, issues } = parse(certificate, { cert: CERT, key: KEY, tags: ['a', 'a'] });
  assert.deepEqual(issues, []);
  assert.equal(value!.cert_alt, null);
  assert.equal(value!.key_alt, null);
  assert.equal(value!.id, null);
  assert.deepEqual(value!.tags, ['a']);
});

test('certificate: RSA main pair plus ECDSA alternative pair is accepted', () => {
  assert.deepEqual(parse(certificate, { cert: CERT, key: KEY, cert_alt: EC_CERT, key_alt: EC_KEY }).issues, []);
});

test('certificate: cert and key must match, and so must the alternative pair', () => {
  assert.deepEqual(parse(certificate, { cert: CERT, key: OTHER_KEY }).issues, [['', 'certificate does not match key', 'schema-entity-check']]);
  assert.deepEqual(parse(certificate, { cert: CERT, key: KEY, cert_alt: EC_CERT, key_alt: OTHER_KEY }).issues, [
    ['', 'alternative certificate does not match key', 'schema-entity-check'],
  ]);
});

test('certificate: cert_alt and key_alt are all or none, and of another key type', () => {
  assert.deepEqual(parse(certificate, { cert: CERT, key: KEY, cert_alt: EC_CERT }).issues, [
    ['', "all or none of these fields must be set: 'cert_alt', 'key_alt'", 'schema-entity-check'],
  ]);
  assert.deepEqual(parse(certificate, { cert: EC_CERT, key: EC_KEY, cert_alt: EC_CERT, key_alt: EC_KEY }).issues, [
    [
      '',
      'certificate and alternative certificate need to have different type (e.g. RSA and ECDSA), the provided certificates were both of the same type',
      'schema-entity-check',
    ],
  ]);
});

test('certificate: PEM that does not load is reported on its field, without a mismatch error', () => {
  const { issues } = parse(certificate, { cert: '-----BEGIN CERTIFICATE-----\ncert-content\n-----END CERTIFICATE-----', key: 'nope' });
  assert.equal(issues.length, 2);
  assert.equal(issues[0][0], 'cert');
  assert.match(issues[0][1], /^invalid certificate: x509\.new: error:/);
  assert.equal(issues[1][0], 'key');
  assert.match(issues[1][1], /^invalid key: pkey\.new:load_key: error:/);
  assert.deepEqual(issues.map((i) => i[2]), ['schema-invalid', 'schema-invalid']);
});

test('certificate: empty and missing cert/key use the length and required messages only', () => {
  assert.deepEqual(parse(certificate, { cert: '', key: '' }).issues, [
    ['cert', 'length must be at least 1', 'schema-length'],
    ['key', 'length must be at least 1', 'schema-length'],
  ]);
  assert.deepEqual(parse(certificate, {}).issues, [
    ['cert', 'required field missing', 'schema-required'],
    ['key', 'required field missing', 'schema-required'],
  ]);
  assert.deepEqual(parse(certificate, { cert: CERT, key: KEY, snis: [] }).issues, [['snis', 'unknown field', 'schema-unknown-field']]);
});

test('certificate: vault references skip the PEM checks', () => {
  const { value, issues } = parse(certificate, { cert: '{vault://my-env-vault/cert}', key: '{vault://my-env-vault/key}' });
  assert.deepEqual(issues, []);
  assert.equal(value!.cert, '{vault://my-env-vault/cert}');
  assert.deepEqual(parse(certificate, { cert: CERT, key: '{vault://env/key}' }).issues, []);
});

test('sni: wildcard host names, no IP, no port', () => {
  assert.deepEqual(parse(sni, { name: '*.example.com', certificate: { id: '13c562a1-191c-4464-9b18-e5222b46035b' } }).issues, []);
  assert.equal(parse(sni, { name: 'example.com' }).value!.certificate, null);
  const cases: [string, string][] = [
    ['10.0.0.1', 'must not be an IP'],
    ['example.com:443', 'must not have a port'],
    ['a.*.com', 'wildcard must be leftmost or rightmost character'],
    ['*.example.*', 'only one wildcard must be specified'],
    ['bad name', 'invalid value: bad name'],
  ];
  for (const [name, message] of cases) assert.deepEqual(parse(sni, { name }).issues, [['name', message, 'schema-pattern']], name);
  assert.deepEqual(parse(sni, {}).issues, [['name', 'required field missing', 'schema-required']]);
  assert.deepEqual(parse(sni, { name: 'x', certificate: { cert: 'c' } }).issues, [['certificate.id', 'missing primary key', 'schema-required']]);
});

test('ca_certificate: a valid CA is accepted; cert_digest is optional', () => {
  const { value, issues } = parse(caCertificate, { cert: CA });
  assert.deepEqual(issues, []);
  assert.equal(value!.cert_digest, null);
});

test('ca_certificate: one certificate only, not expired, a CA', () => {
  assert.deepEqual(parse(caCertificate, { cert: `${CA}\n${CA}` }).issues, [
    ['', 'please submit only one certificate at a time', 'schema-entity-check'],
  ]);
  assert.deepEqual(parse(caCertificate, { cert: EXPIRED_CA }).issues, [
    ['', 'certificate expired, "Not After" time is in the past', 'schema-entity-check'],
  ]);
  assert.deepEqual(parse(caCertificate, { cert: CERT }).issues, [
    ['', 'certificate does not appear to be a CA because it is missing the "CA" basic constraint', 'schema-entity-check'],
  ]);
  const { issues } = parse(caCertificate, { cert: 'garbage' });
  assert.equal(issues.length, 1);
  assert.equal(issues[0][0], 'cert');
  assert.match(issues[0][1], /^invalid certificate: x509\.new: /);
});

test('ca_certificate: expiry is judged against the given time', () => {
  const at = (now: number) => z.strictObject(caCertificateFields).superRefine((v, ctx) => checkCaCertificate(v, ctx, now));
  assert.deepEqual(parse(at(Date.parse('2020-06-01T00:00:00Z')), { cert: EXPIRED_CA }).issues, []);
  assert.equal(parse(at(Date.parse('2021-06-01T00:00:00Z')), { cert: EXPIRED_CA }).issues.length, 1);
});

test('ca_certificate: digest is the hex SHA-256 of the DER certificate (as Kong computes it)', () => {
  // openssl x509 -in test/fixtures/tls/ca.crt -outform DER | sha256sum
  assert.equal(caCertificateDigest(CA), '08d656b67740bb0323010901a7ac7f2181f966cc70c9e5de5e7693cf193c4fd6');
  assert.equal(caCertificateDigest('garbage'), undefined);
});

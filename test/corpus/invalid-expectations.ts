/**
 * What gatewayd must report for each file of the corpus that Kong rejects
 * (/work/shared/kong-corpus/invalid): Kong's messages, from expected/*.txt|json
 * and the INDEX note column, each with the path where gatewayd reports it
 * (0-based, unlike Kong's 1-based error tables) and, for the main problem,
 * its line and column. `differs` says where and why gatewayd's report is not
 * Kong's. Messages match as substrings of gatewayd's message.
 */
import type { IssuePath } from '../../src/config/issues.js';

export interface ExpectedIssue {
  message: string;
  path: IssuePath;
  /** [line, col] (1-based) where the issue must point. */
  at?: [number, number];
}

export interface InvalidExpectation {
  expect: ExpectedIssue[];
  differs?: string;
}

const e = (message: string, path: IssuePath, at?: [number, number]): ExpectedIssue => ({ message, path, ...(at ? { at } : {}) });

const PROTOCOL = 'expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp';
const HTTPS_MATCHER = "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'";
const TCP_MATCHER = "must set one of 'sources', 'destinations', 'snis' when 'protocols' is 'tcp', 'tls' or 'udp'";
const CONDITIONAL = "failed conditional validation given value of field 'protocol'";
const OAUTH2 = "'oauth2_credentials' belongs to the oauth2 plugin, which gatewayd does not support";
const OAUTH2_DIFFERS =
  'gatewayd does not implement the oauth2 plugin, so its credentials are refused as a whole (one unsupported-entity error) and their fields are not checked';
const NOT_ENABLED = (name: string) => `plugin '${name}' not enabled; add it to the 'plugins' configuration property`;
const UNSUPPORTED_PLUGIN = (name: string) => `plugin '${name}' is not supported by gatewayd`;
const INLINE_CERT =
  "a certificate written inline in services[].client_certificate is refused as a reference without an id ('missing primary key'); Kong validates it as a certificate (cert/key 'length must be at least 1')";
const TCP_LOG = "gatewayd does not implement tcp-log: the tcp-log plugin gets one plugin-unsupported error and its config errors (config.host required, config.deeply unknown) are not checked";

export const INVALID_EXPECTATIONS: Record<string, InvalidExpectation> = {
  'invalid/001-spec-format-version-number.yaml': { expect: [e('expected a string', ['_format_version'], [1, 18])] },
  'invalid/002-spec-format-version-foobar.yaml': { expect: [e('expected one of: 1.1, 2.1, 3.0', ['_format_version'], [1, 18])] },
  'invalid/003-spec-comment-not-string.yaml': { expect: [e('expected a string', ['_comment'], [2, 11])] },
  'invalid/004-spec-ignore-not-array.yaml': { expect: [e('expected an array', ['_ignore'], [2, 10])] },
  'invalid/005-spec-service-host-missing.yaml': { expect: [e('required field missing', ['services', 0, 'host'], [3, 3])] },
  'invalid/006-spec-service-field-validations.yaml': {
    expect: [
      e('expected a string', ['services', 0, 'host'], [6, 9]),
      e('must not have empty segments', ['services', 0, 'path'], [8, 9]),
      e('value should be between 0 and 65535', ['services', 0, 'port'], [7, 9]),
      e(PROTOCOL, ['services', 0, 'protocol'], [5, 13]),
      e('value should be between 0 and 32767', ['services', 0, 'retries'], [4, 12]),
    ],
  },
  'invalid/007-spec-nested-plugin-name-missing.yaml': { expect: [e('required field missing', ['services', 0, 'plugins', 0, 'name'], [6, 5])] },
  'invalid/008-spec-nested-plugin-not-enabled.yaml': { expect: [e(NOT_ENABLED('foo'), ['services', 0, 'plugins', 0, 'name'], [6, 11])] },
  'invalid/009-spec-nested-plugin-extra-consumer.yaml': {
    expect: [e('value must be null', ['services', 0, 'plugins', 0, 'consumer'], [7, 15])],
    differs: "gatewayd also reports that consumer 'foo' does not exist (Kong's first validation pass stops at 'value must be null')",
  },
  'invalid/010-spec-route-needs-matcher.yaml': { expect: [e(HTTPS_MATCHER, ['services', 0, 'routes', 0], [6, 5])] },
  'invalid/011-spec-route-path-no-slash.yaml': {
    expect: [e('should start with: / (fixed path) or ~/ (regex path)', ['services', 0, 'routes', 0, 'paths', 0], [8, 7])],
  },
  'invalid/012-spec-route-plugin-extra-route.yaml': {
    expect: [
      e('value must be null', ['services', 0, 'routes', 0, 'plugins', 0, 'route'], [10, 14]),
      e("invalid reference 'route: foo' (no such entry in 'routes')", ['services', 0, 'routes', 0, 'plugins', 0, 'route']),
    ],
  },
  'invalid/013-spec-oauth2-creds-validations.yaml': { expect: [e(OAUTH2, ['oauth2_credentials'], [2, 1])], differs: OAUTH2_DIFFERS },
  'invalid/014-spec-nested-oauth2-redirect-uris.yaml': {
    expect: [e(OAUTH2, ['consumers', 0, 'oauth2_credentials'], [4, 3])],
    differs: OAUTH2_DIFFERS,
  },
  'invalid/015-spec-nested-oauth2-extra-consumer.yaml': {
    expect: [e(OAUTH2, ['consumers', 0, 'oauth2_credentials'], [4, 3])],
    differs: OAUTH2_DIFFERS,
  },
  'invalid/016-spec-oauth2-token-expires-missing.yaml': { expect: [e(OAUTH2, ['oauth2_credentials'], [2, 1])], differs: OAUTH2_DIFFERS },
  'invalid/017-spec-oauth2-token-extra-service.yaml': { expect: [e(OAUTH2, ['oauth2_credentials'], [2, 1])], differs: OAUTH2_DIFFERS },
  'invalid/018-spec-flatten-missing-references.yaml': {
    expect: [
      e("invalid reference 'consumer: my-consumer' (no such entry in 'consumers')", ['plugins', 0, 'consumer'], [5, 15]),
      e("invalid reference 'service: svc1' (no such entry in 'services')", ['plugins', 0, 'service'], [4, 14]),
    ],
  },
  'invalid/019-spec-flatten-nested-cred-bad-consumer-id.yaml': {
    expect: [
      e('value must be null', ['consumers', 0, 'basicauth_credentials', 0, 'consumer'], [8, 15]),
      e("invalid reference 'consumer: 00000000-0000-0000-0000-000000000000' (no such entry in 'consumers')", ['consumers', 0, 'basicauth_credentials', 0, 'consumer']),
    ],
    differs:
      "Kong's second message, \"all or none of these fields must be set: 'password', 'consumer.id'\", is an artefact of Kong nulling the reference before the credential's entity check; gatewayd names the unknown consumer instead",
  },
  'invalid/020-spec-flatten-flat-cred-bad-consumer-id.yaml': {
    expect: [e("invalid reference 'consumer: 00000000-0000-0000-0000-000000000000' (no such entry in 'consumers')", ['basicauth_credentials', 0, 'consumer'], [6, 13])],
    differs:
      "Kong reports 'consumer.id: missing primary key' plus \"all or none of these fields must be set: 'password', 'consumer.id'\" (artefacts of its retry with the reference as an object); gatewayd reports the reference that does not resolve",
  },
  'invalid/021-spec-flatten-oauth2-missing-consumer.yaml': { expect: [e(OAUTH2, ['oauth2_credentials'], [2, 1])], differs: OAUTH2_DIFFERS },
  'invalid/022-spec-flatten-issue5750-route-ref.json': {
    expect: [e("invalid reference 'route: does-not-exist' (no such entry in 'routes')", ['plugins', 0, 'route'], [49, 16])],
    differs: "Kong reports 'route.id: missing primary key' (the misleading message of Kong issue #5750); gatewayd names the route that does not exist",
  },
  'invalid/023-spec-flatten-issue7696-service-object-ref.yaml': {
    expect: [
      e(`invalid reference 'service: {"id":"769bdf51-16df-5476-9830-ef26800b5448"}' (no such entry in 'services')`, ['services', 0, 'routes', 0, 'service'], [9, 7]),
    ],
  },
  'invalid/024-spec-migration-invalid-regex-2-1.yaml': {
    expect: [
      e("invalid regex: '/regex.+(' (missing closing parenthesis)", ['services', 1, 'routes', 0, 'paths', 0], [16, 13]),
      e("pre-3.0 regex path '/regex.+(' was read as '~/regex.+('", ['services', 1, 'routes', 0, 'paths', 0], [16, 13]),
    ],
  },
  'invalid/025-spec-start-invalid-service-name-hosts.yaml': {
    expect: [
      e(PROTOCOL, ['services', 0, 'protocol'], [4, 13]),
      e("invalid value '@gobo': the only accepted ascii characters are alphanumerics or ., -, _, and ~", ['services', 0, 'name'], [3, 9]),
      e('invalid hostname: \\\\99', ['services', 1, 'routes', 0, 'hosts', 1], [12, 7]),
    ],
  },
  'invalid/026-spec-db-import-type-errors.yaml': {
    expect: [
      e('expected a string', ['services', 0, 'host'], [4, 9]),
      e('value should be between 0 and 65535', ['services', 0, 'port'], [5, 9]),
      e('expected an array', ['services', 0, 'routes'], [10, 11]),
    ],
  },
  'invalid/027-spec-off-port-out-of-range.yaml': {
    expect: [e('required field missing', ['services', 0, 'host'], [3, 3]), e('value should be between 0 and 65535', ['services', 0, 'port'], [3, 9])],
  },
  'invalid/028-spec-off-duplicate-primary-key.yaml': {
    expect: [
      e("uniqueness violation: 'services' entity with primary key set to '0855b320-0dd2-547d-891d-601e9b38647f' already declared", ['services', 1, 'id'], [15, 7]),
      e(UNSUPPORTED_PLUGIN('tcp-log'), ['services', 1, 'routes', 0, 'plugins', 1, 'name']),
    ],
    differs: 'gatewayd also reports the tcp-log plugin, which it does not implement',
  },
  'invalid/029-spec-off-duplicate-service-name.yaml': {
    expect: [
      e("uniqueness violation: 'services' entity with name set to 'foo' already declared", ['services', 1, 'name'], [14, 9]),
      e(UNSUPPORTED_PLUGIN('tcp-log'), ['services', 1, 'routes', 0, 'plugins', 1, 'name']),
    ],
    differs: 'gatewayd also reports the tcp-log plugin, which it does not implement',
  },
  'invalid/030-spec-off-duplicate-custom-id.yaml': {
    expect: [e("uniqueness violation: 'consumers' entity with custom_id set to 'conflict' already declared", ['consumers', 1, 'custom_id'], [6, 14])],
  },
  'invalid/031-spec-off-duplicate-global-plugins.json': {
    expect: [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => e("uniqueness violation: 'plugins' entity with primary key set to '6b4f38d1-e026-540b-a5ea-8634739dd2a7' already declared", ['plugins', i, 'id'])),
      e('expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT', ['plugins', 10, 'config', 'methods', 0], [49, 19]),
    ],
    differs: "Kong's test asserts only the 400 status; these are the messages Kong's schemas give for the same faults",
  },
  'invalid/032-errflat-mixed-entities.json': {
    expect: [
      e("vault 'vault-not-installed' is not installed", ['vaults', 1, 'name'], [342, 15]),
      e("Invalid target ('hostname:1.0'); not a valid hostname or ip address", ['upstreams', 2, 'targets', 1, 'target'], [322, 21]),
      e('expected a string', ['upstreams', 1, 'host_header'], [298, 22]),
      e('value should be between 1 and 2147483648', ['upstreams', 1, 'healthchecks', 'active', 'concurrency'], [282, 26]),
      e('expected a string', ['services', 8, 'name'], [262, 15]),
      e('length must be at least 1', ['services', 7, 'name'], [254, 15]),
      e('expected a string', ['services', 6, 'tags', 3]),
      e('expected a string', ['services', 6, 'tags', 2]),
      e('expected a string', ['services', 5, 'id'], [231, 13]),
      e('missing primary key', ['services', 4, 'client_certificate', 'id']),
      e(NOT_ENABLED('i-dont-exist'), ['services', 3, 'plugins', 0, 'name'], [188, 19]),
      e(UNSUPPORTED_PLUGIN('tcp-log'), ['services', 3, 'plugins', 1, 'name'], [203, 19]),
      e('unknown field', ['services', 2, 'routes', 0, 'plugins', 0, 'config', 'not_endpoint'], [158, 17]),
      e('required field missing', ['services', 2, 'routes', 0, 'plugins', 0, 'config', 'http_endpoint']),
      e('value must be null', ['services', 1, 'path'], [119, 15]),
      e(CONDITIONAL, ['services', 1]),
      e(TCP_MATCHER, ['services', 0, 'routes', 1], [101, 9]),
      e(PROTOCOL, ['services', 0, 'protocol'], [82, 19]),
      e('missing host in url', ['plugins', 0, 'config', 'http_endpoint'], [69, 26]),
      e('unknown field', ['consumers', 3, 'basicauth_credentials', 1, 'extra_field'], [51, 11]),
      e('unknown field', ['consumers', 1, 'not_allowed'], [28, 7]),
      e('invalid certificate: x509.new: ', ['certificates', 1, 'cert'], [13, 15]),
    ],
    differs: `${INLINE_CERT}; ${TCP_LOG}; the OpenSSL error text after 'x509.new:' comes from Node's OpenSSL, not Kong's`,
  },
  'invalid/033-errflat-upstream-concurrency.json': {
    expect: [
      e('expected a string', ['upstreams', 0, 'host_header'], [25, 22]),
      e('value should be between 1 and 2147483648', ['upstreams', 0, 'healthchecks', 'active', 'concurrency'], [9, 26]),
    ],
  },
  'invalid/034-errflat-nested-plugin-cert-route.json': {
    expect: [
      e(NOT_ENABLED('i-do-not-exist'), ['services', 0, 'plugins', 0, 'name'], [18, 19]),
      e('missing primary key', ['services', 0, 'client_certificate', 'id']),
      e('required field missing', ['services', 0, 'routes', 0, 'plugins', 0, 'config', 'http_endpoint']),
      e('unknown field', ['services', 0, 'routes', 0, 'plugins', 0, 'config', 'a'], [35, 17]),
      e(PROTOCOL, ['services', 0, 'routes', 1, 'protocols', 0], [62, 13]),
    ],
    differs: `${INLINE_CERT}; for protocols ['nope'] Kong reports 'unknown type: nope' (its route subschema lookup) where gatewayd lists the protocols`,
  },
  'invalid/035-errflat-duplicate-basicauth-usernames.json': {
    expect: [
      e("uniqueness violation: 'basicauth_credentials' entity with username set to 'user-11' already declared", ['consumers', 0, 'basicauth_credentials', 3, 'username'], [37, 23]),
      e("uniqueness violation: 'basicauth_credentials' entity with username set to 'user-01' already declared", ['consumers', 2, 'basicauth_credentials', 0, 'username'], [71, 23]),
      e("uniqueness violation: 'basicauth_credentials' entity with username set to 'user-02' already declared", ['consumers', 2, 'basicauth_credentials', 2, 'username'], [87, 23]),
      e("uniqueness violation: 'basicauth_credentials' entity with username set to 'user-33' already declared", ['consumers', 2, 'basicauth_credentials', 3, 'username'], [95, 23]),
    ],
  },
  'invalid/036-errflat-route-unknown-field.json': {
    expect: [
      e('unknown field', ['services', 0, 'routes', 0, 'super_duper_invalid'], [13, 11]),
      e(HTTPS_MATCHER, ['services', 0, 'routes', 0], [12, 9]),
      e(PROTOCOL, ['services', 0, 'protocol'], [10, 19]),
    ],
  },
  'invalid/037-errflat-service-type-errors.json': {
    expect: [
      e('expected a string', ['services', 0, 'tags', 1], [10, 9]),
      e('expected a string', ['services', 0, 'name'], [7, 15]),
      e('expected a string', ['services', 0, 'id'], [6, 13]),
    ],
  },
  'invalid/038-errflat-top-level-unknown-field.json': {
    expect: [
      e('unknown field', ['abnormal_extra_field'], [4, 3]),
      e('unknown field', ['services', 2, 'routes', 0, 'plugins', 0, 'config', 'not_endpoint'], [86, 17]),
      e('required field missing', ['services', 2, 'routes', 0, 'plugins', 0, 'config', 'http_endpoint']),
      e('value must be null', ['services', 1, 'path'], [47, 15]),
      e(CONDITIONAL, ['services', 1]),
      e(TCP_MATCHER, ['services', 0, 'routes', 1], [29, 9]),
      e(PROTOCOL, ['services', 0, 'protocol'], [10, 19]),
    ],
  },
  'invalid/039-errflat-plugin-consumer-ref-missing.json': {
    expect: [e("uniqueness violation: 'plugins' entity with primary key set to '491b21a2-8b27-5d88-b21c-07d51cc84b99' already declared", ['plugins', 1, 'id'], [72, 5])],
    differs:
      "Kong reports 'consumer.id: missing primary key' for a reference that is a UUID-shaped username; gatewayd resolves it by username (kong-format.md §1.5) and then finds what makes the file invalid either way: both rate-limiting plugins have the same scope (consumer 774f8446-…), hence the same id",
  },
  'invalid/040-errflat-duplicate-consumer-username.json': {
    expect: [e("uniqueness violation: 'consumers' entity with username set to 'test-consumer-1' already declared", ['consumers', 1, 'username'], [17, 19])],
  },
  'invalid/041-errflat-duplicate-target.json': {
    expect: [e("uniqueness violation: 'targets' entity with primary key set to '48322e4a-b3b0-591b-8ed6-fd95a6d75019' already declared", ['upstreams', 1, 'targets', 1, 'id'], [85, 17])],
  },
  'invalid/042-apiops-format-version-3-1.yaml': { expect: [e('expected one of: 1.1, 2.1, 3.0', ['_format_version'], [4, 18])] },
  'invalid/043-apiops-format-version-1-0.yaml': { expect: [e('expected one of: 1.1, 2.1, 3.0', ['_format_version'], [2, 18])] },
  'invalid/044-gdr-bad-env-var-no-format-version.yaml': {
    expect: [e('required field missing', ['_format_version'], [1, 1]), e('invalid value: ${{ env "SVC2_HOST" }}', ['services', 0, 'host'], [3, 9])],
  },
  'invalid/045-gdr-bad-yaml-leading-space.yaml': {
    expect: [e('failed parsing declarative configuration: ', [], [4, 1])],
    differs: "the text after 'failed parsing declarative configuration:' is js-yaml's, not libyaml's",
  },
  'invalid/046-gdr-bad-json-services-object.json': {
    expect: [e('required field missing', ['_format_version'], [1, 1]), e('expected an array', ['services'], [2, 15])],
  },
  'invalid/047-deck-28x-legacy-plugin-fields.yaml': {
    expect: [
      e('unknown field', ['plugins', 0, 'config', 'whitelist'], [7, 5]),
      e('unknown field', ['services', 0, 'plugins', 0, 'config', 'blacklist'], [52, 7]),
      e(UNSUPPORTED_PLUGIN('aws-lambda'), ['plugins', 1, 'name'], [26, 9]),
      e(UNSUPPORTED_PLUGIN('post-function'), ['plugins', 2, 'name'], [33, 9]),
      e(UNSUPPORTED_PLUGIN('pre-function'), ['plugins', 3, 'name'], [40, 9]),
      e(UNSUPPORTED_PLUGIN('aws-lambda'), ['consumers', 0, 'plugins', 0, 'name'], [103, 11]),
    ],
    differs:
      'gatewayd does not implement aws-lambda, pre-function or post-function: each gets one plugin-unsupported error, so their legacy fields (proxy_scheme, functions) are not reported as unknown',
  },
  'invalid/048-apiops-duplicate-route-id.json': {
    expect: [
      e("uniqueness violation: 'routes' entity with primary key set to '0da1f8dc-e918-5379-b3b0-ffc061ae1691' already declared", ['services', 0, 'routes', 4, 'id'], [82, 17]),
      e("uniqueness violation: 'routes' entity with name set to 'path-parameter-test_opsid' already declared", ['services', 0, 'routes', 4, 'name'], [86, 19]),
    ],
  },
  'invalid/049-n5geh-plugin-name-list.yaml': {
    expect: [e(NOT_ENABLED('multi-tenancy, rbac, scope-checker, query-checker, oidc'), ['services', 0, 'plugins', 0, 'name'], [8, 15])],
  },
  'invalid/050-supabase-acme-env-placeholders.yaml': {
    expect: [e(UNSUPPORTED_PLUGIN('acme'), ['plugins', 0, 'name'], [9, 9])],
    differs:
      "gatewayd does not implement the acme plugin, so Kong's errors in its config (config.domains[1] '$ACME_DOMAIN' invalid hostname, config.account_email pattern) are not reported; the plugin-unsupported error is",
  },
};

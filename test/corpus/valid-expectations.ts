/**
 * What gatewayd does with each file of the corpus that Kong accepts
 * (/work/shared/kong-corpus/valid): `'valid'`, or the features it needs that
 * gatewayd does not have. For those, lint must report exactly one error per
 * use, of the listed code, whose message names the feature, and nothing else.
 */
export type UnsupportedCode = 'unsupported-entity' | 'plugin-unsupported' | 'unsupported-feature';

export interface UnsupportedUse {
  code: UnsupportedCode;
  /** Text the error message contains (the feature's name as written in the file). */
  feature: string;
  /** How often the file uses it: one error per use. */
  uses: number;
  /** Why gatewayd does not have it. */
  reason: string;
}

/** Errors of one kind in a file gatewayd rightly rejects. */
export interface ExpectedErrors {
  code: string;
  message: string;
  uses: number;
}

export type ValidExpectation =
  | 'valid'
  /** Valid once these environment variables are set (values: files under test/fixtures/). */
  | { env: Record<string, string>; reason: string }
  | { unsupported: UnsupportedUse[] }
  /** Kong rejects this file as well: the corpus label is wrong (or went stale). */
  | { rejected: ExpectedErrors[]; reason: string };

const LUA = 'runs Lua code inside Kong; gatewayd cannot run Lua';
const EE = 'Kong Enterprise only';
const SINK = 'log sink gatewayd does not implement (it ships http-log, file-log, prometheus and opentelemetry)';
const OAUTH2 = 'gatewayd does not implement the oauth2 plugin (its tokens need a database-backed authorization server)';

const plugin = (name: string, uses: number, reason: string): UnsupportedUse => ({ code: 'plugin-unsupported', feature: `'${name}'`, uses, reason });
const entity = (key: string, uses: number, reason: string): UnsupportedUse => ({ code: 'unsupported-entity', feature: `'${key}'`, uses, reason });
const feature = (text: string, uses: number, reason: string): UnsupportedUse => ({ code: 'unsupported-feature', feature: text, uses, reason });
const needs = (...unsupported: UnsupportedUse[]): ValidExpectation => ({ unsupported });

const EXPRESSIONS = "expression routes need Kong's 'expressions' router flavor (ATC DSL); gatewayd implements traditional_compatible only";
const WS = 'WebSocket services, routes and plugin protocols (ws, wss) are Kong Enterprise';
const EE_VAULT = 'cloud vault backend of Kong Enterprise; gatewayd resolves env vault references only';

export const VALID_EXPECTATIONS: Record<string, ValidExpectation> = {
  'valid/001-spec-burst-236-services.yaml': 'valid',
  'valid/002-kong-config-init-template.yaml': 'valid',
  'valid/003-spec-validate-services-comment-ignore.yaml': 'valid',
  'valid/004-spec-validate-nested-plugins-in-services.yaml': needs(plugin('tcp-log', 1, SINK)),
  'valid/005-spec-validate-plugins-in-routes-in-services.yaml': needs(plugin('tcp-log', 1, SINK)),
  'valid/006-spec-validate-env-vault.yaml': 'valid',
  'valid/007-spec-flatten-routes-path-handling-v0.yaml': 'valid',
  'valid/008-spec-flatten-identical-targets.yaml': 'valid',
  'valid/009-spec-flatten-flat-targets.yaml': 'valid',
  'valid/010-spec-flatten-nested-oauth2-credentials.yaml': needs(entity('oauth2_credentials', 1, OAUTH2)),
  'valid/011-spec-flatten-oauth2-tokens.yaml': needs(entity('oauth2_credentials', 1, OAUTH2)),
  'valid/012-spec-flatten-issue5920.yaml': 'valid',
  'valid/013-spec-flatten-yaml-anchors.yaml': 'valid',
  'valid/014-spec-ttl-null-fields.yaml': 'valid',
  'valid/015-spec-config-db-import-rich.yaml': needs(plugin('tcp-log', 1, SINK)),
  'valid/016-spec-env-vault-dash-config.yaml': 'valid',
  'valid/017-spec-off-hides-workspace-fields.yaml': 'valid',
  'valid/018-spec-off-upstream-reload.yaml': 'valid',
  'valid/019-spec-off-stream-tcp-route.yaml': 'valid',
  'valid/020-spec-off-passive-healthchecks.yaml': 'valid',
  'valid/021-spec-max-safe-integer-regex-priority.yaml': 'valid',
  'valid/022-spec-serverless-pre-function.yaml': needs(plugin('pre-function', 1, LUA)),
  'valid/023-kic-credentials.yaml': 'valid',
  'valid/024-kic-tls-and-consumer.yaml': 'valid',
  'valid/025-kic-tls-two-certs.yaml': 'valid',
  'valid/026-kic-grpcroute.yaml': 'valid',
  'valid/027-kic-service-facade-expressions.yaml': needs(feature('expression', 3, EXPRESSIONS)),
  'valid/028-kic-plugin-instance-name.yaml': 'valid',
  'valid/029-kic-tcproute.yaml': 'valid',
  'valid/030-kic-udproute.yaml': 'valid',
  'valid/031-kic-tlsroute-passthrough.yaml': 'valid',
  'valid/032-kic-upstream-policy-ingress.yaml': 'valid',
  'valid/033-kic-url-rewrite-request-transformer.yaml': 'valid',
  'valid/034-kic-regex-prefixed-path.yaml': 'valid',
  'valid/035-kic-consumer-groups-ee.yaml': needs(
    entity('consumer_groups', 1, EE),
    entity('consumer_group_consumers', 1, EE),
  ),
  'valid/036-kic-degraphql-routes-ee.yaml': needs(
    entity('degraphql_routes', 1, EE),
    plugin('degraphql', 1, EE),
  ),
  'valid/037-deck-entities-with-tags.yaml': 'valid',
  'valid/038-gdr-complex-nested.yaml': {
    rejected: [
      { code: 'schema-pattern', message: 'expected a valid UUID', uses: 43 },
      { code: 'schema-invalid', message: 'invalid certificate: ', uses: 1 },
      { code: 'schema-invalid', message: 'invalid key: ', uses: 1 },
      { code: 'unsupported-entity', message: "'oauth2_credentials'", uses: 1 },
    ],
    reason:
      "a decK rendering fixture never sent to Kong: ids such as 'svc-zulu-service' are not UUIDs and the certificate is the placeholder 'cert-content'; Kong rejects both (typedefs.uuid, certificate validation)",
  },
  'valid/039-gdr-complex-state.yaml': 'valid',
  'valid/040-gdr-consumer-credentials.yaml': needs(entity('oauth2_credentials', 1, OAUTH2)),
  'valid/041-deck-env-vault-cert-refs.yaml': {
    env: { MY_SECRET_CERT: 'tls/server.crt', MY_SECRET_KEY: 'tls/server.key' },
    reason: 'cert and key are {vault://my-env-vault/...} references: gatewayd resolves them when loading, so the variables must be set',
  },
  'valid/042-deck-keys-jwk.yaml': 'valid',
  'valid/043-deck-keys-pem.yaml': 'valid',
  'valid/044-deck-filter-chains-wasm.yaml': needs(
    entity('filter_chains', 2, 'WebAssembly (proxy-wasm) filters need an embedded wasm runtime, which gatewayd does not have'),
  ),
  'valid/045-deck-ca-certificate-service-ref.yaml': {
    rejected: [{ code: 'schema-entity-check', message: 'certificate expired, "Not After" time is in the past', uses: 1 }],
    reason: 'the CA certificate expired on 2022-04-14; Kong 3.x rejects it today with the same message (ca_certificates entity check)',
  },
  'valid/046-gdr-six-ca-certificates.yaml': 'valid',
  'valid/047-deck-certificate-with-snis.yaml': 'valid',
  'valid/048-deck-simple-entities-1-1.yaml': 'valid',
  'valid/049-deck-services-routes-1-1.yaml': 'valid',
  'valid/050-deck-flat-route-service-ref.yaml': 'valid',
  'valid/051-deck-plugins-consumer-scoped.yaml': 'valid',
  'valid/052-deck-plugins-on-entities.yaml': 'valid',
  'valid/053-deck-request-transformer-arrays.yaml': 'valid',
  'valid/054-deck-ip-restriction-prometheus.yaml': 'valid',
  'valid/055-gdr-file-log-empty-fields.yaml': 'valid',
  'valid/056-gdr-oauth2-plugin-auto.yaml': needs(plugin('oauth2', 1, OAUTH2)),
  'valid/057-gdr-rate-limiting-deprecated-redis-fields.yaml': 'valid',
  'valid/058-deck-consumers-custom-id.yaml': 'valid',
  'valid/059-deck-explicit-ids.yaml': 'valid',
  'valid/060-deck-expression-routes.yaml': needs(feature('expression', 4, EXPRESSIONS)),
  'valid/061-deck-convert-34x-plugins.yaml': needs(
    plugin('aws-lambda', 2, 'calls AWS Lambda instead of an upstream; not implemented by gatewayd'),
    plugin('pre-function', 2, LUA),
    plugin('post-function', 2, LUA),
  ),
  'valid/062-deck-28x-regex-routes-1-1.yaml': 'valid',
  'valid/063-deck-cloud-vaults-ee.yaml': needs(
    feature("vault 'aws'", 1, EE_VAULT),
    feature("vault 'azure'", 1, EE_VAULT),
    feature("vault 'gcp'", 1, EE_VAULT),
    feature("vault 'hcv'", 1, EE_VAULT),
  ),
  'valid/064-deck-ee-vaults-3-4.yaml': needs(
    feature("vault 'aws'", 1, EE_VAULT),
    feature("vault 'azure'", 1, EE_VAULT),
    feature("vault 'gcp'", 1, EE_VAULT),
    feature("vault 'hcv'", 3, EE_VAULT),
  ),
  'valid/065-deck-dbless-consumer-groups-ee.yaml': needs(
    entity('consumer_groups', 1, EE),
    entity('consumer_group_plugins', 1, EE),
    entity('consumer_group_consumers', 1, EE),
  ),
  'valid/066-deck-dbless-partials-ee.yaml': needs(
    entity('partials', 1, EE),
    entity('plugins_partials', 1, EE),
    plugin('rate-limiting-advanced', 1, EE),
  ),
  'valid/067-gdr-openid-connect-rla-ee.yaml': needs(
    plugin('rate-limiting-advanced', 1, EE),
    plugin('openid-connect', 1, EE),
  ),
  'valid/068-apiops-names-inferred.json': 'valid',
  'valid/069-apiops-upstream-defaults.json': 'valid',
  'valid/070-apiops-generic-plugins.json': 'valid',
  'valid/071-apiops-references.json': 'valid',
  'valid/072-apiops-routes-with-headers.json': 'valid',
  'valid/073-apiops-key-auth-rate-limiting.json': 'valid',
  'valid/074-charts-dbless-config.yaml': 'valid',
  'valid/075-docker-kong-compose-minimal.yaml': 'valid',
  'valid/076-kong-cs-ee-dump.yaml': needs(
    plugin('application-registration', 1, EE),
    plugin('oauth2', 1, OAUTH2),
    plugin('canary', 1, EE),
    plugin('jq', 1, EE),
    plugin('response-transformer-advanced', 1, EE),
    plugin('openid-connect', 2, EE),
    plugin('degraphql', 1, EE),
    feature("protocol 'ws'", 1, WS),
    feature("protocol 'wss'", 3, WS),
  ),
  'valid/077-kong-proxy-docker-mtls-ee.yaml': needs(plugin('tls-metadata-headers', 1, EE)),
  'valid/078-api-security-dump-3-x.yaml': 'valid',
  'valid/079-secure-api-ip-restriction-cidr.yaml': 'valid',
  'valid/080-telco-bot-detection-response-transformer.yaml': 'valid',
  'valid/081-gsa-idva-oauth2-cors-1-1.yaml': needs(plugin('oauth2', 1, OAUTH2)),
  'valid/082-healthy-cameras-statsd-2-1.yaml': needs(plugin('statsd', 1, SINK)),
  'valid/083-healthy-cameras-auth-plugins.yaml': needs(
    plugin('statsd', 1, SINK),
    plugin('ldap-auth', 1, 'authenticates against an LDAP server; not implemented by gatewayd'),
  ),
  'valid/084-hello-grpc-gateway-1-1.yaml': needs(plugin('grpc-gateway', 1, 'transcodes JSON to gRPC from .proto files; not implemented by gatewayd')),
  'valid/085-zipkin-tempo-2-1.yaml': needs(plugin('zipkin', 1, SINK)),
  'valid/086-blue-green-weighted-targets-1-1.yaml': 'valid',
  'valid/087-observability-jwt-secrets-flat.yaml': 'valid',
  'valid/088-dbless-sample-json-1-1.json': 'valid',
  'valid/089-kong-gateway-ha-healthchecks.yaml': 'valid',
  'valid/090-microservices-ref-app-globals.yaml': 'valid',
  'valid/091-digit-egov-many-services.yaml': 'valid',
  'valid/092-kic-generated-1-1-rate-limiting.yaml': 'valid',
  'valid/093-reply-http-log-queue.yaml': 'valid',
  'valid/094-yucca-20-services.yaml': 'valid',
  'valid/095-grpc-gateway-regex-captures.yaml': needs(plugin('grpc-gateway', 2, 'transcodes JSON to gRPC from .proto files; not implemented by gatewayd')),
  'valid/096-loadkit-upstream-headers.yaml': 'valid',
  'valid/097-seraph-pre-post-function.yaml': needs(plugin('pre-function', 1, LUA), plugin('post-function', 1, LUA)),
  'valid/098-fastapi-grpc-todo-2-1.yaml': 'valid',
  'valid/099-inso-generated-empty-lists.yaml': 'valid',
  'valid/100-deck-ci-dump-services.yaml': 'valid',
};

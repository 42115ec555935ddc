/**
 * Names of Kong plugins that gatewayd does not implement, so that a file
 * using one gets a clear message instead of Kong's "not enabled".
 */

/** Plugins bundled with open-source Kong 3.x (kong/constants.lua) that gatewayd does not implement. */
export const KONG_BUNDLED_UNSUPPORTED: ReadonlySet<string> = new Set([
  'acme', 'ai-prompt-decorator', 'ai-prompt-guard', 'ai-prompt-template', 'ai-proxy', 'ai-request-transformer',
  'ai-response-transformer', 'aws-lambda', 'azure-functions', 'datadog', 'grpc-gateway', 'grpc-web', 'ldap-auth',
  'loggly', 'oauth2', 'post-function', 'pre-function', 'redirect', 'session', 'standard-webhooks', 'statsd',
  'syslog', 'tcp-log', 'udp-log', 'zipkin',
]);

/** Kong Enterprise (and Konnect) plugins. */
export const KONG_ENTERPRISE_PLUGINS: ReadonlySet<string> = new Set([
  // authentication and security
  'openid-connect', 'oauth2-introspection', 'jwt-signer', 'jwe-decrypt', 'ldap-auth-advanced', 'key-auth-enc',
  'mtls-auth', 'header-cert-auth', 'vault-auth', 'saml', 'opa', 'konnect-application-auth', 'application-registration',
  'upstream-oauth', 'tls-handshake-modifier', 'tls-metadata-headers', 'xml-threat-protection', 'json-threat-protection',
  'injection-protection',
  // traffic control
  'rate-limiting-advanced', 'graphql-rate-limiting-advanced', 'service-protection', 'proxy-cache-advanced',
  'graphql-proxy-cache-advanced', 'canary', 'forward-proxy', 'route-by-header', 'route-transformer-advanced',
  'upstream-timeout', 'request-validator', 'oas-validation', 'websocket-size-limit', 'websocket-validator',
  'mocking', 'request-callout', 'degraphql',
  // transformations
  'request-transformer-advanced', 'response-transformer-advanced', 'exit-transformer', 'jq',
  // logging, analytics, integrations
  'kafka-log', 'kafka-upstream', 'kafka-consume', 'confluent', 'solace-upstream', 'solace-consume',
  'solace-log', 'statsd-advanced', 'app-dynamics', 'datakit', 'metering-and-billing', 'ace',
  // AI (Enterprise)
  'ai-proxy-advanced', 'ai-semantic-cache', 'ai-semantic-prompt-guard', 'ai-semantic-response-guard',
  'ai-rate-limiting-advanced', 'ai-azure-content-safety', 'ai-aws-guardrails', 'ai-gcp-model-armor', 'ai-rag-injector',
  'ai-sanitizer', 'ai-prompt-compressor', 'ai-mcp-proxy', 'ai-mcp-oauth2',
]);

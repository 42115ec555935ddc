/**
 * Entity keys Kong knows but gatewayd does not serve: one clear error each,
 * instead of a pile of `unknown field` errors.
 */
const ENTERPRISE = new Set([
  'consumer_groups', 'consumer_group_consumers', 'consumer_group_plugins', 'partials', 'plugins_partials',
  'degraphql_routes', 'rbac_users', 'rbac_roles', 'workspaces_ee', 'event_hooks', 'licenses', 'custom_plugins',
  'graphql_ratelimiting_advanced_cost_decoration', 'jwt_signer_jwks', 'vault_auth_vaults', 'developers', 'files',
]);

const PLUGIN_ENTITIES: Record<string, string> = {
  oauth2_credentials: 'oauth2',
  oauth2_tokens: 'oauth2',
  oauth2_authorization_codes: 'oauth2',
  acme_storage: 'acme',
  sessions: 'session',
  session_metadatas: 'session',
  ratelimiting_metrics: 'rate-limiting (cluster policy)',
};

const OTHER: Record<string, string> = {
  filter_chains: "'filter_chains' (WebAssembly filters) are not supported by gatewayd",
  workspaces: "'workspaces' are not supported by gatewayd: a gatewayd file is one workspace",
  clustering_data_planes: "'clustering_data_planes' is internal to Kong's hybrid mode and not supported by gatewayd",
  parameters: "'parameters' is internal to Kong and not supported by gatewayd",
};

export function unsupportedEntityMessage(key: string): string | undefined {
  if (ENTERPRISE.has(key)) return `'${key}' is a Kong Enterprise entity, which gatewayd does not support`;
  const plugin = PLUGIN_ENTITIES[key];
  if (plugin) return `'${key}' belongs to the ${plugin} plugin, which gatewayd does not support`;
  return OTHER[key];
}

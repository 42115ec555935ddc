/**
 * Every stable issue code gatewayd reports, with its meaning: the single
 * list. docs/config-errors.md documents each one with an example, and
 * test/issue-codes.test.ts fails when the code, this list and the doc drift.
 */
export const ISSUE_CODES = {
  // ---- reading and parsing
  'file-unreadable': 'an input file or directory cannot be read (missing, no permission, no config files in the directory)',
  'file-refused': 'an input is refused before validation: binary, not UTF-8, over 32 MiB, nested too deeply, or an alias bomb',
  syntax: 'the YAML or JSON does not parse (including duplicated keys and tab indentation)',
  'document-not-object': 'the document is empty or is not a map',

  // ---- top level
  'format-version': '_format_version is missing, not a string, or not one of 1.1, 2.1, 3.0',
  'format-regex-path-migrated': 'warning: a 1.1/2.1 route path was read as a regex, as Kong 3.x migrates it; write it with ~ in 3.0',
  'unknown-top-level-key': 'a top-level key that is neither a meta key nor an entity',
  'deck-key-ignored': 'warning: a decK-only top-level key (_info, _konnect, _workspace, _plugin_configs) that Kong ignores',

  // ---- features gatewayd does not have
  'unsupported-entity': 'an entity Kong knows but gatewayd does not serve (Kong Enterprise, oauth2, wasm filter chains, workspaces)',
  'unsupported-feature': 'a value that needs a feature gatewayd does not have (expression routes, WebSocket protocols, Enterprise vaults)',
  'plugin-unsupported': 'a Kong plugin (bundled or Enterprise) that gatewayd does not implement',

  // ---- field values (Kong's schema messages)
  'schema-type': 'a value of the wrong type (expected a string, an integer, a record, ...)',
  'schema-required': 'a required field is missing or null',
  'schema-enum': 'a value outside the allowed set (expected one of: ...)',
  'schema-range': 'a number outside its range (value should be between ...)',
  'schema-length': 'a string or list too short or too long (length must be at least ...)',
  'schema-pattern': "a string that does not have the field's form (hostname, path, UUID, URL, header name, ...)",
  'schema-invalid': "a value rejected by a field's own validator (certificate, key, plugin-specific rule)",
  'schema-unknown-field': 'a key the entity or plugin config does not have (unknown field)',
  'schema-entity-check': 'a rule across fields of one entity failed (at least one of, all or none of, conditional, ...)',
  'schema-regex-unsupported': 'a plugin regex uses PCRE syntax that gatewayd cannot run',
  'schema-deprecated-mismatch': 'a deprecated plugin field and its replacement are both set, to different values',

  // ---- routes
  'route-no-matcher': 'a route has none of the matching fields its protocols require',
  'route-protocol-field': "a route field that its protocols do not allow (cannot set 'x' when 'protocols' is ...)",
  'route-protocols-exclusive': 'a route mixes protocols from groups that cannot be combined',
  'route-path-invalid': 'a route path that is not a valid prefix (/...) or regex (~/...) path, or is not normalized',
  'route-regex-invalid': 'a route regex path that does not compile',
  'route-regex-unsupported': "a route regex path uses PCRE-only syntax that gatewayd's regex engine does not support",
  'route-shadowed': 'warning: a route can never match, because another route always wins for its requests',
  'route-tie': 'warning: two routes tie exactly; the winner is decided by id, as in Kong',
  'route-path-handling-v1': "warning: path_handling 'v1' is ignored (as by Kong's default router): the upstream path is joined the v0 way",
  'plugin-not-implemented': 'warning: a valid plugin this version of gatewayd cannot run yet; start refuses to serve the configuration',

  // ---- services
  'service-url-invalid': 'the service url shorthand cannot be parsed',

  // ---- plugins
  'plugin-unknown': "a plugin name that Kong does not know (plugin 'x' not enabled)",
  'plugin-scope': 'a plugin bound to a consumer, route or service it cannot be bound to',

  // ---- across entities
  'reference-unknown': 'a reference (service, route, consumer, ...) to an entity the configuration does not declare',
  'nested-foreign-key': 'an entity nested in another also names its parent itself, and names an unknown (error) or a different (warning) one',
  'duplicate-entity': 'two entities with the same id, name or other unique field (uniqueness violation)',

  // ---- vaults
  'vault-reference': 'a {vault://...} reference that cannot be resolved (unknown vault, unset environment variable)',
  'vault-unknown': 'a vault entity of a type that is not installed',
} as const satisfies Record<string, string>;

export type IssueCode = keyof typeof ISSUE_CODES;

export function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(ISSUE_CODES, code);
}

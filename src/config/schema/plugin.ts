import { z } from 'zod';
import { bool, entityBase, name, oneOf, opt, PROTOCOLS, setOf, str } from './typedefs.js';
import { foreignKey } from './foreign-key.js';

/**
 * Kong `plugins` entity: the envelope. `config` is validated against the
 * named plugin's own schema (plugins/catalog.ts) by plugin-config.ts.
 */
export const pluginFields = {
  ...entityBase,
  name: str(),
  instance_name: opt(name()),
  // Checked as a record only: the plugin's schema validates (and copies) it next, once.
  config: opt(
    z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { error: 'expected a record' }),
  ),
  route: opt(foreignKey()),
  service: opt(foreignKey()),
  consumer: opt(foreignKey()),
  protocols: opt(setOf(oneOf(PROTOCOLS))),
  enabled: bool().default(true),
};

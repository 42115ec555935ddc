import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from './entities.js';
import { PLUGIN_SCHEMAS } from '../../plugins/catalog.js';
import { pluginFields } from './plugin.js';

/**
 * The whole document (nested form) as one zod schema, for `gatewayd schema`
 * and the JSON Schema in schemas/ that editors use. The loader validates
 * entity by entity instead (to keep positions and collect every issue).
 */
export function documentSchema(): z.ZodType {
  const shape: Record<string, z.ZodType> = {
    _format_version: z.enum(['1.1', '2.1', '3.0']).describe('Kong declarative format version; "3.0" for Kong 3.x'),
    _transform: z.boolean().optional(),
    _comment: z.string().optional(),
    _ignore: z.array(z.unknown()).optional(),
  };
  for (const kind of ENTITY_KINDS) shape[kind.key] = z.array(entityObject(kind)).nullable().optional();
  return z.strictObject(shape);
}

/**
 * One entity as written, with its nestable children. A nested child may
 * still name its parent (Kong accepts it when it resolves), so its foreign
 * key stays; a service's host may come from its `url`.
 */
function entityObject(kind: EntityKind): z.ZodType {
  if (kind.key === 'plugins') return pluginUnion();
  const shape: Record<string, z.ZodType> = { ...(kind.fields as Record<string, z.ZodType>) };
  if (kind.key === 'services') {
    shape.host = shape.host.optional();
    shape.url = z.string().optional().describe('shorthand for protocol, host, port and path');
  }
  for (const childKey of Object.keys(kind.children)) {
    const child = ENTITY_KINDS.find((k) => k.key === childKey)!;
    shape[childKey] = z.array(entityObject(child)).nullable().optional();
  }
  return z.strictObject(shape);
}

function pluginUnion(): z.ZodType {
  const base: Record<string, z.ZodType> = { ...(pluginFields as Record<string, z.ZodType>) };
  const variants = [...PLUGIN_SCHEMAS.values()].map((def) =>
    z.strictObject({ ...base, name: z.literal(def.name), config: def.configSchema.optional() }),
  );
  return z.union(variants as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}

export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(documentSchema(), { io: 'input', unrepresentable: 'any', target: 'draft-7', reused: 'ref' });
  return {
    ...schema,
    $id: 'https://gatewayd.dev/schemas/kong-3.0.schema.json',
    title: "gatewayd: Kong declarative configuration (_format_version 3.0)",
  };
}

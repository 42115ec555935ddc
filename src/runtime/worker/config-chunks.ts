import type { NormalizedConfig } from '../../config/load.js';

/**
 * A configuration travels to the workers as JSON strings of at most
 * CHUNK_ENTITIES entities each: a worker parses one chunk per turn of its
 * event loop, so a 10,000-route configuration never stalls its traffic the
 * way one structured-clone of the whole object would (~80 ms here).
 */
const CHUNK_ENTITIES = 500;

export type ConfigChunk = string;

export function toChunks(config: NormalizedConfig): ConfigChunk[] {
  const chunks: ConfigChunk[] = [];
  const scalars: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!Array.isArray(value)) {
      scalars[key] = value;
      continue;
    }
    if (value.length === 0) chunks.push(JSON.stringify([key, []]));
    for (let i = 0; i < value.length; i += CHUNK_ENTITIES) chunks.push(JSON.stringify([key, value.slice(i, i + CHUNK_ENTITIES)]));
  }
  chunks.unshift(JSON.stringify(['', scalars]));
  return chunks;
}

/** Rebuild the configuration, parsing one chunk per macrotask. */
export async function fromChunks(chunks: readonly ConfigChunk[], yieldTurn: () => Promise<void>): Promise<NormalizedConfig> {
  const config: Record<string, unknown> = {};
  for (const chunk of chunks) {
    const [key, value] = JSON.parse(chunk) as [string, unknown];
    if (key === '') Object.assign(config, value);
    else config[key] = [...((config[key] as unknown[] | undefined) ?? []), ...(value as unknown[])];
    await yieldTurn();
  }
  return config as NormalizedConfig;
}

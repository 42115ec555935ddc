import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SourceFile } from '../../config/source/read-sources.js';

/**
 * The last configuration that was applied, kept in a state directory so that
 * a restart with a broken file still serves the last good one. Written
 * atomically (temp file + rename).
 */
export class LastGoodStore {
  private readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, 'last-good.json');
  }

  /** The default state directory: `.gatewayd` beside the first config input. */
  static defaultDir(inputs: readonly string[]): string {
    return join(dirname(resolve(inputs[0] ?? '.')), '.gatewayd');
  }

  /** Returns an error message when the state cannot be written (read-only mount…), else undefined. */
  save(files: readonly SourceFile[], hash: string): string | undefined {
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ saved_at: new Date().toISOString(), hash, files }));
      renameSync(tmp, this.file);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }

  load(): { files: SourceFile[]; hash: string; saved_at: string } | undefined {
    try {
      const saved = JSON.parse(readFileSync(this.file, 'utf8')) as { files: SourceFile[]; hash: string; saved_at: string };
      return Array.isArray(saved.files) ? saved : undefined;
    } catch {
      return undefined;
    }
  }
}

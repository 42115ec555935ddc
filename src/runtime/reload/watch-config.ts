import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface ConfigWatch {
  close(): Promise<void>;
}

/**
 * Calls `onChange` whenever the configuration may have changed. Watches the
 * directory that holds each input, not the file itself, so that every way a
 * file changes is seen: in-place writes, truncate-and-write, an editor's
 * rename over the original (new inode), a Kubernetes ConfigMap's `..data`
 * symlink swap, files added to or removed from a config directory. A poll
 * timer (`pollMs` > 0) catches what no event reports (Docker single-file bind
 * mounts). The caller compares contents, so spurious calls cost one read.
 */
export function watchConfig(inputs: readonly string[], onChange: (reason: string) => void, pollMs: number): ConfigWatch {
  const dirs = [...new Set(inputs.map(watchedDirectory))];
  const watcher: FSWatcher = watch(dirs, {
    ignoreInitial: true,
    depth: 2,
    followSymlinks: false,
    ignorePermissionErrors: true,
  });
  watcher.on('all', (event, path) => onChange(`${event} ${path}`));
  watcher.on('error', () => onChange('watch error'));
  const timer = pollMs > 0 ? setInterval(() => onChange('poll'), pollMs) : undefined;
  timer?.unref();
  return {
    async close() {
      if (timer) clearInterval(timer);
      await watcher.close();
    },
  };
}

function watchedDirectory(input: string): string {
  const abs = resolve(input);
  try {
    if (statSync(abs).isDirectory()) return abs;
  } catch {
    // not there yet: watch where it will appear
  }
  return dirname(abs);
}

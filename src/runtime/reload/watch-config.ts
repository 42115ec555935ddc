import { readlinkSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface ConfigWatch {
  /** Resolves once file events are being delivered (at once when events are off). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Watch for file events (`--watch`, the default). */
  events: boolean;
  /** ms between content polls; 0: no polling. Independent of `events`. */
  pollMs: number;
}

export interface WatchHandlers {
  /** A file event that may concern the configuration. */
  change(reason: string): void;
  /** The poll timer fired. */
  poll(): void;
}

const CONFIG_EXTENSIONS = new Set(['.yml', '.yaml', '.json']);
/** Longest wait for the watcher's initial scan before the gateway reports started anyway. */
const READY_TIMEOUT_MS = 3000;

/**
 * Reports when the configuration may have changed. Watches the directory
 * that holds each input (depth 0), not the file itself, so that every way a
 * file changes is seen: in-place writes, truncate-and-write, an editor's
 * rename over the original (new inode), a Kubernetes ConfigMap's `..data`
 * symlink swap, files added to or removed from a config directory. Entries
 * of those directories that cannot be part of the configuration (the
 * `.gatewayd` state directory, other files beside a single config file) are
 * ignored, so that a config file in a busy directory costs one watch, not
 * one per neighbour.
 *
 * Polling is independent of events: a timer (`pollMs` > 0) catches what no
 * event reports (Docker Desktop bind mounts, network file systems, a symlink
 * to a file in a directory nobody watches) and also runs with `events` off,
 * for hosts where file events are unreliable or inotify watches run out.
 * The caller compares contents, so spurious calls cost one read.
 */
export function watchConfig(inputs: readonly string[], opts: WatchOptions, on: WatchHandlers): ConfigWatch {
  const timer = opts.pollMs > 0 ? setInterval(() => on.poll(), opts.pollMs) : undefined;
  timer?.unref();
  let watcher: FSWatcher | undefined;
  let ready: Promise<void> = Promise.resolve();
  if (opts.events) {
    const relevant = relevantEntries(inputs);
    watcher = watch([...relevant.keys()], {
      ignoreInitial: true,
      depth: 0,
      followSymlinks: false,
      ignorePermissionErrors: true,
      ignored: (path) => isIgnored(relevant, path),
    });
    watcher.on('all', (event, path) => on.change(`${event} ${path}`));
    watcher.on('error', (err) => on.change(`watch error: ${(err as Error).message ?? String(err)}`));
    const w = watcher;
    ready = new Promise<void>((done) => {
      const t = setTimeout(done, READY_TIMEOUT_MS);
      t.unref();
      w.once('ready', () => {
        clearTimeout(t);
        done();
      });
    });
  }
  return {
    ready,
    async close() {
      if (timer) clearInterval(timer);
      await watcher?.close();
    },
  };
}

/** Watched directory → predicate on the names of its entries that matter. */
type Relevant = Map<string, (name: string) => boolean>;

function relevantEntries(inputs: readonly string[]): Relevant {
  const map: Relevant = new Map();
  const add = (dir: string, test: (name: string) => boolean) => {
    const previous = map.get(dir);
    map.set(dir, previous ? (name) => previous(name) || test(name) : test);
  };
  for (const input of inputs) {
    const abs = resolve(input);
    if (isDirectory(abs)) {
      // what readSources reads (*.yml|*.yaml|*.json, not hidden), and a ConfigMap's `..data` swap
      add(abs, (name) => isKubernetesEntry(name) || (!name.startsWith('.') && CONFIG_EXTENSIONS.has(extname(name).toLowerCase())));
      continue;
    }
    const name = basename(abs);
    const via = symlinkFirstStep(abs);
    add(dirname(abs), (entry) => entry === name || isKubernetesEntry(entry) || entry === via);
  }
  return map;
}

function isIgnored(relevant: Relevant, path: string): boolean {
  const abs = resolve(path);
  if (relevant.has(abs)) return false;
  const test = relevant.get(dirname(abs));
  return test ? !test(basename(abs)) : true;
}

/** Kubernetes' atomic writer: `..data`, `..data_tmp` and the `..<timestamp>` directories. */
function isKubernetesEntry(name: string): boolean {
  return name.startsWith('..') && name.length > 2;
}

/** `kong.yml -> current/kong.yml`: the entry `current` (swapped to update) matters too. */
function symlinkFirstStep(path: string): string | undefined {
  try {
    const target = readlinkSync(path);
    if (isAbsolute(target)) return undefined;
    return target.split(sep).find((part) => part !== '' && part !== '.');
  } catch {
    return undefined;
  }
}

function isDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { LastGoodStore } from '../runtime/reload/last-good.js';

export interface ListenAddress {
  host: string;
  port: number;
}

export interface StartOptions {
  config: string[];
  listen: ListenAddress[];
  adminListen: ListenAddress | null;
  workers: number;
  drainTimeout: number;
  /** Where the last applied configuration is kept; null: nowhere. */
  stateDir: string | null;
  /** Watch the configuration for file events (default true). */
  watch: boolean;
  /** ms between content polls (catches changes that raise no file event), with or without `watch`; 0: no polling. */
  pollInterval: number;
}

/** `host:port`, `:port`, `port` or `[v6]:port`. */
export function parseListen(value: string): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(value) ?? /^()()(\d+)$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`invalid listen address '${value}': expected host:port`);
  }
  return { host: m[1] || m[2] || '0.0.0.0', port };
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** The options of `gatewayd start` (also the default command); each has a GATEWAYD_* variable. */
export function addStartOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('-c, --config <path>', 'configuration file or directory (repeatable)').env('GATEWAYD_CONFIG').argParser(collect))
    .addOption(new Option('--listen <host:port>', 'proxy listener (repeatable)').env('GATEWAYD_LISTEN').argParser(collect))
    .addOption(new Option('--admin-listen <host:port|off>', 'admin listener').env('GATEWAYD_ADMIN_LISTEN').default('127.0.0.1:8001'))
    .addOption(new Option('--workers <n>', 'worker threads serving the proxy').env('GATEWAYD_WORKERS').default(String(availableParallelism())))
    .addOption(new Option('--drain-timeout <ms>', 'on SIGTERM, how long in-flight requests may take').env('GATEWAYD_DRAIN_TIMEOUT').default('10000'))
    .addOption(new Option('--state-dir <dir|off>', "where the last applied configuration is kept (default: .gatewayd beside the config)").env('GATEWAYD_STATE_DIR'))
    .addOption(new Option('--no-watch', 'no file events (SIGHUP and POST /config still reload; polling only if --poll-interval is given)'))
    .addOption(new Option('--poll-interval <ms>', 're-read the configuration this often, with or without --watch (for mounts that raise no file events; 0 = off) (default: 2000, 0 with --no-watch)').env('GATEWAYD_POLL_INTERVAL'));
}

export function readStartOptions(raw: Record<string, unknown>): StartOptions {
  const config = (raw.config as string[] | undefined) ?? [];
  if (config.length === 0) throw new Error('no configuration given: use --config FILE|DIR (or GATEWAYD_CONFIG)');
  const listen = ((raw.listen as string[] | undefined) ?? ['0.0.0.0:8000']).map(parseListen);
  const admin = String(raw.adminListen);
  const workers = Number(raw.workers);
  const drainTimeout = Number(raw.drainTimeout);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`invalid --workers '${String(raw.workers)}': expected 1..64`);
  if (!Number.isFinite(drainTimeout) || drainTimeout < 0) throw new Error(`invalid --drain-timeout '${String(raw.drainTimeout)}'`);
  const watch = raw.watch !== false;
  // Polling works without file events (--no-watch --poll-interval 2000: hosts whose events are unreliable);
  // plain --no-watch means no automatic reload at all.
  const pollInterval = Number(raw.pollInterval ?? (watch ? 2000 : 0));
  if (!Number.isFinite(pollInterval) || pollInterval < 0) throw new Error(`invalid --poll-interval '${String(raw.pollInterval)}'`);
  const stateDir = raw.stateDir === undefined ? LastGoodStore.defaultDir(config) : raw.stateDir === 'off' ? null : String(raw.stateDir);
  return {
    config, listen, adminListen: admin === 'off' ? null : parseListen(admin), workers, drainTimeout,
    stateDir, watch, pollInterval,
  };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import pino, { type Logger } from 'pino';
import { startGateway, type RunningGateway } from '../../src/runtime/gateway.js';
import { closedPort } from '../runtime/harness.js';

export interface TestGateway extends RunningGateway {
  proxy: string;
  admin: string;
  configFile: string;
}

/** A free TCP port on 127.0.0.1 (workers share one port, so port 0 cannot be used). */
export const freePort = closedPort;

export interface TestGatewayOptions {
  workers?: number;
  drainTimeout?: number;
  watch?: boolean;
  pollInterval?: number;
  /** default: `.gatewayd` beside the config; null: no state kept */
  stateDir?: string | null;
  /** default: silent */
  log?: Logger;
}

/** Write `yaml` to a temp file and start a real gateway (worker threads, uWS, admin) on it. */
export async function startTestGateway(yaml: string, opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'gatewayd-e2e-'));
  const configFile = join(dir, 'kong.yml');
  writeFileSync(configFile, yaml);
  return startGatewayAt(configFile, opts);
}

/** Start a real gateway on an existing configuration file or directory (symlinks, config dirs). */
export async function startGatewayAt(configPath: string, opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const port = await freePort();
  const gw = await startGateway({
    config: [configPath],
    listen: [{ host: '127.0.0.1', port }],
    adminListen: { host: '127.0.0.1', port: 0 },
    workers: opts.workers ?? 1,
    drainTimeout: opts.drainTimeout ?? 2000,
    stateDir: opts.stateDir === undefined ? join(dirname(configPath), '.gatewayd') : opts.stateDir,
    watch: opts.watch ?? false,
    pollInterval: opts.pollInterval ?? 0,
  }, opts.log ?? pino({ level: 'silent' }));
  return { ...gw, stop: gw.stop, proxy: `http://127.0.0.1:${port}`, admin: `http://127.0.0.1:${gw.adminPort}`, configFile: configPath };
}

export interface EchoUpstream {
  port: number;
  /** every request the upstream received */
  seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** An upstream that records requests and answers `200 <name>` (or what `handler` answers). */
export async function startEcho(name: string, handler?: http.RequestListener): Promise<EchoUpstream> {
  const seen: EchoUpstream['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (handler) return handler(req, res);
    req.resume();
    req.on('end', () => res.end(name));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

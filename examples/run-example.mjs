#!/usr/bin/env node
// Starts two echo upstreams (127.0.0.1:9000 and :9001) and gatewayd on
// kong.yml.example; Ctrl-C stops all three.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn(process.execPath, ['examples/echo-upstream.mjs', '9000'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['examples/echo-upstream.mjs', '9001'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['bin/gatewayd', '--config', 'kong.yml.example', '--listen', '127.0.0.1:8000'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children[2].on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});

#!/usr/bin/env node
// A small upstream for trying gatewayd: answers every request with a JSON
// echo of what it received (method, path, query, headers, body size).
// Usage: node examples/echo-upstream.mjs [port]   (default 9000, 127.0.0.1)
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? process.env.ECHO_PORT ?? 9000);

const server = createServer((req, res) => {
  let size = 0;
  req.on('data', (chunk) => (size += chunk.length));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    const body = JSON.stringify({
      upstream: `echo:${port}`,
      method: req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body_bytes: size,
    }, null, 2);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`echo upstream listening on http://127.0.0.1:${port}\n`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));

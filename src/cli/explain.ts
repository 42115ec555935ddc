import { Command, Option } from 'commander';
import { loadConfig } from '../config/load.js';
import { compileSnapshot } from '../compile/compile-snapshot.js';
import { planRequest, type PlanInput, type RequestPlan } from '../runtime/proxy/plan-request.js';
import { Balancers } from '../runtime/proxy/balancer.js';
import { requestError } from '../errors/catalog.js';
import { renderText } from './render-issues.js';
import { EXIT, UNREADABLE_CODES } from './exit-codes.js';
import { renderExplainText, type ExplainReport } from './explain-text.js';

interface ExplainOptions {
  config: string[];
  format: 'text' | 'json';
  header: string[];
  sni?: string;
  port?: string;
}

export function explainCommand(): Command {
  return new Command('explain')
    .description('show which route a request matches and why, and the exact upstream request')
    .argument('<method>', 'request method, e.g. GET')
    .argument('<url>', 'request URL; its authority is the Host header as sent, e.g. http://api.example.com/v1/x')
    .requiredOption('-c, --config <path>', 'configuration file or directory (repeatable)', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", (v: string, prev: string[]) => [...prev, v], [])
    .option('--sni <name>', 'TLS server name (https only)')
    .option('--port <n>', 'port the request arrived on (default: the URL port, else 80/443)')
    .action((method: string, url: string, opts: ExplainOptions) => {
      process.exitCode = runExplain(method, url, opts);
    });
}

function runExplain(method: string, url: string, opts: ExplainOptions): number {
  let input: PlanInput;
  try {
    input = requestInput(method, url, opts);
  } catch (err) {
    process.stderr.write(`gatewayd explain: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  const result = loadConfig(opts.config);
  if (!result.config) {
    process.stderr.write(renderText(result.issues, result.files));
    return result.issues.some((i) => UNREADABLE_CODES.has(i.code)) ? EXIT.usage : EXIT.problems;
  }
  const { snapshot } = compileSnapshot(result);
  const balancers = new Balancers();
  const plan = planRequest(snapshot, input, (s) => (s.upstream ? balancers.pick(s.upstream) : s));
  const report = buildReport(plan, snapshot.router.explain(input).losers.map((l) => ({ id: l.route.id, name: l.route.name, reason: l.reason })));
  process.stdout.write(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderExplainText(report));
  return EXIT.ok;
}

function requestInput(method: string, url: string, opts: ExplainOptions): PlanInput {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`unsupported URL scheme '${u.protocol}'`);
  const headers = new Map<string, string | string[]>();
  for (const h of opts.header) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new Error(`invalid header '${h}': expected 'Name: value'`);
    const name = h.slice(0, colon).trim().toLowerCase();
    const value = h.slice(colon + 1).trim();
    const prev = headers.get(name);
    headers.set(name, prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value]);
  }
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  const port = opts.port !== undefined ? Number(opts.port) : u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port '${String(opts.port)}'`);
  const host = (headers.get('host') as string | undefined) ?? u.host;
  headers.set('host', host);
  return { method: method.toUpperCase(), host, port, path: rawPath(url), query: u.search.slice(1), headers, scheme, sni: opts.sni };
}

/** The path as written in the URL (not re-encoded by WHATWG URL parsing). */
function rawPath(url: string): string {
  const afterAuthority = url.replace(/^[a-z]+:\/\/[^/?#]*/i, '');
  const path = afterAuthority.split(/[?#]/)[0];
  return path === '' ? '/' : path;
}

function buildReport(plan: RequestPlan, losers: ExplainReport['losers']): ExplainReport {
  const route = plan.match ? { id: plan.match.route.id, name: plan.match.route.name } : null;
  const captures = plan.match?.captures ? { ...plan.match.captures } : null;
  if (plan.kind === 'error') {
    const spec = requestError(plan.code);
    return { route, service: null, status: spec.status, reason: `${plan.code}: ${spec.message}`, upstream: null, captures, losers };
  }
  if (plan.kind === 'redirect') {
    return { route, service: null, status: plan.status, reason: `https redirect to ${plan.location}`, upstream: null, captures, losers };
  }
  return {
    route,
    service: { id: plan.service.id, name: plan.service.name },
    status: null,
    reason: null,
    upstream: { url: `${plan.origin}${plan.path}`, path: plan.path, host_header: plan.hostHeader },
    captures,
    losers,
  };
}

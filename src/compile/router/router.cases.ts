/**
 * The router conformance table: scenarios of routes, each with requests and
 * the route Kong picks (by name; null = 404), drawn from Kong's documentation
 * (routing/proxying, the traditional router page), kong-format.md §4.2 and
 * Kong's own router spec (spec/01-unit/08-router_spec.lua). router.test.ts
 * runs every case against the compiled router and the naive reference matcher.
 */
import type { RouterScenario } from './router-case.js';
import { HOST_SCENARIOS } from './cases-hosts.js';
import { PATH_SCENARIOS } from './cases-paths.js';
import { PRIORITY_SCENARIOS } from './cases-priority.js';
import { CONDITION_SCENARIOS } from './cases-conditions.js';

export type { RouterCase, RouterScenario } from './router-case.js';

export const ROUTER_SCENARIOS: readonly RouterScenario[] = [
  ...HOST_SCENARIOS,
  ...PATH_SCENARIOS,
  ...PRIORITY_SCENARIOS,
  ...CONDITION_SCENARIOS,
];

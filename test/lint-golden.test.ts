/**
 * Golden files for `gatewayd lint`: each broken configuration under
 * test/golden/lint (a file, or a directory linted as one configuration) has
 * its exact text, JSON and GitHub output in sibling files `<input>.text`,
 * `<input>.json` and `<input>.github`. `UPDATE_GOLDEN=1` rewrites them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLint } from '../src/cli/lint.js';
import type { IssueFormat } from '../src/cli/render-issues.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = join(repoRoot, 'test', 'golden', 'lint');
const update = process.env.UPDATE_GOLDEN === '1';

/** The env the vault case resolves: a value that is not a URL, which must never be printed. */
export const GOLDEN_SECRET = 'sEcReT-not-a-url-4711';
const GOLDEN_ENV = { GATEWAYD_GOLDEN_ENDPOINT: GOLDEN_SECRET };

const OUTPUTS: [IssueFormat, string][] = [['text', '.text'], ['json', '.json'], ['github', '.github']];

/** Inputs: directories and config files that are not themselves the output of another input. */
function goldenInputs(): string[] {
  const names = readdirSync(goldenDir);
  const isOutput = (name: string) => OUTPUTS.some(([, ext]) => name.endsWith(ext) && names.includes(name.slice(0, -ext.length)));
  return names
    .filter((name) => statSync(join(goldenDir, name)).isDirectory() || (/\.(ya?ml|json)$/.test(name) && !isOutput(name)))
    .sort();
}

/** Run `gatewayd lint` in this process (cwd = repo root), capturing what it writes. */
export function lintOutput(input: string, format: IssueFormat, strict = false): { out: string; code: number } {
  const saved = { cwd: process.cwd(), write: process.stdout.write, tty: process.stdout.isTTY, env: { ...process.env } };
  let out = '';
  process.chdir(repoRoot);
  process.stdout.isTTY = false; // no colours, as when piped
  Object.assign(process.env, GOLDEN_ENV);
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    const code = runLint([relative(repoRoot, input)], { format, strict });
    return { out, code };
  } finally {
    process.stdout.write = saved.write;
    process.stdout.isTTY = saved.tty;
    process.chdir(saved.cwd);
    for (const k of Object.keys(GOLDEN_ENV)) if (!(k in saved.env)) delete process.env[k];
  }
}

test('there are golden cases for every required situation', () => {
  assert.ok(goldenInputs().length >= 12, goldenInputs().join(', '));
});

for (const name of goldenInputs()) {
  test(`lint golden: ${name}`, () => {
    const input = join(goldenDir, name);
    for (const [format, ext] of OUTPUTS) {
      const { out } = lintOutput(input, format);
      assert.ok(!out.includes(GOLDEN_SECRET), 'a value resolved from a vault reference was printed');
      const expectedFile = input + ext;
      if (update || !existsSync(expectedFile)) {
        if (!update) assert.fail(`missing ${relative(repoRoot, expectedFile)}: run with UPDATE_GOLDEN=1`);
        writeFileSync(expectedFile, out);
        continue;
      }
      assert.equal(out, readFileSync(expectedFile, 'utf8'), `${relative(repoRoot, expectedFile)} differs (UPDATE_GOLDEN=1 rewrites it)`);
    }
  });
}

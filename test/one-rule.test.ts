// One rule, one place (docs/internals.md#build-test-layout): the rules the core owns are
// written once and imported everywhere else (SDK, collector, CLI, dashboard, demo, bench).
// A copy of one of them, even a correct one, fails here, naming the file; the SQL forms of
// the stitching rule are checked against the core by collector/src/identity-parity.test.ts,
// the flags and query parameters by cli/src/commands/analysis-flags.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const CODE = /\.(ts|mts|mjs|js)$/;

/** Product and tooling code: every package's sources (tests excluded), bench, scripts, examples. */
function codeFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'peers' || e.name.startsWith('.')) return [];
      const path = join(dir, e.name);
      return e.isDirectory() ? walk(path) : CODE.test(e.name) && !/\.test\.ts$/.test(e.name) ? [relative(root, path)] : [];
    });
  return [...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src')), ...['bench', 'scripts', 'examples'].map((d) => join(root, d))].flatMap(walk);
}

const files = codeFiles().map((file) => ({ file, code: readFileSync(join(root, file), 'utf8') }));
/** Code without comments: block comments that start a line, line comments after white space (so `'/product/*'` stays). */
const uncommented = (code: string) => code.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/(^|\s)\/\/.*$/gm, '$1');
/** Files whose code (comments dropped) matches `pattern`. */
const holding = (pattern: RegExp) => files.filter(({ code }) => pattern.test(uncommented(code))).map(({ file }) => file);

const RULES: [rule: string, pattern: RegExp, home: string][] = [
  ['the FNV-1a hash (offset basis, prime)', /0x811c9dc5|2166136261|0x01000193|\b16777619\b/i, 'packages/core/src/lib/fnv.ts'],
  ['the 30-minute session gap', /\b30\s*\*\s*60(?:\s*\*\s*1000|_000|e3|000)\b|\b1_?800_?000\b/, 'packages/core/src/sessions.ts'],
  ['the default funnel steps', /'page:\/product\/\*',\s*'cart:add',\s*'cart:checkout'/, 'packages/core/src/funnel.ts'],
  ['the rage-run constants', /\bRAGE_(?:MIN_CLICKS|MAX_GAP_MS|MAX_DISTANCE_PX)\s*=/, 'packages/core/src/frustration.ts'],
  ['the dead-click wait', /\bDEAD_WAIT_MS\s*=/, 'packages/browser/src/capture/click.ts'],
];

describe('one rule, one place', () => {
  it('reads the code it checks', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(RULES.map(([, , home]) => home)));
  });

  it.each(RULES)('%s is written only in its home', (_rule, pattern, home) => {
    expect(holding(pattern)).toEqual([home]);
  });

  it('the SDK sets no rage flag: the core finds rage runs (docs/metrics.md#frustration)', () => {
    expect(holding(/\brage\s*[:=]/).filter((f) => f.startsWith('packages/browser/'))).toEqual([]);
  });
});

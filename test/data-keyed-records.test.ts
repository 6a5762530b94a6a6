// Data never keys a plain object (docs/core.md#hostile-input): in the core and the collector,
// a record keyed by strings starts as `dict()` / `Object.create(null)` or is a Map. This scans
// their sources for a string-keyed record that starts as an object literal (whose keys would
// meet `Object.prototype`: `constructor`, `__proto__`); the few whose keys are never data are
// listed below with the reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIRS = ['packages/core/src', 'packages/collector/src'];

/** `file: text of the line` → why its keys are never data. */
const ALLOWED: Record<string, string> = {
  'packages/core/src/analysis-options.ts: const out: Record<string, unknown> = {};': 'keys are the option table\'s own names',
  'packages/collector/src/node-server.ts: const headers: Record<string, string> = {};': 'keys are the header names of a Response the app made',
  'packages/collector/src/security-headers.ts: const COMMON: Record<string, string> = {': 'fixed header names',
  "packages/collector/src/security-headers.ts: const add: Record<string, string> = { ...COMMON, 'content-security-policy': policy, 'x-frame-options': kind === 'asset' ? 'SAMEORIGIN' : 'DENY' };": 'fixed header names',
  "packages/collector/src/static-files.ts: const mounts: Record<string, string> = { '/sdk/footfall.js': script };": 'keys are the mount paths the operator configures',
  "packages/collector/src/static-files.ts: const headers: Record<string, string> = { 'content-type': TYPES.get(extname(file)) ?? 'application/octet-stream', 'cache-control': 'no-cache' };": 'fixed header names',
  'packages/collector/src/store.ts: export function partitionKey(event: FootfallEvent, links: Readonly<Record<string, string>> = {}): string {': 'an empty default, read with Object.hasOwn',
};

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A string-keyed record type (`Record<string, …>`, `Dict<…>`, `{ [key: string]: … }`) given an object literal. */
const LITERAL_RECORD = /(?:Record<string,[^;=]*>|Dict<[^;=]*>|\{\s*\[\w+: string\]:[^;=]*\})\s*>?\s*=\s*\{/;

describe('records keyed by data (core and collector)', () => {
  it('start without a prototype, or are on the list of records whose keys are never data', () => {
    const found: string[] = [];
    for (const file of DIRS.flatMap(sources)) {
      for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
        if (LITERAL_RECORD.test(line) && !/^\s*(\*|\/\/)/.test(line)) found.push(`${relative(root, join(root, file))}: ${line.trim()}`);
      }
    }
    expect(found.filter((f) => !(f in ALLOWED))).toEqual([]);
    // The list stays true: each entry is still in the sources.
    expect(Object.keys(ALLOWED).filter((a) => !found.includes(a))).toEqual([]);
  });

  it('sees what it looks for', () => {
    expect(LITERAL_RECORD.test('  const byPath: Record<string, number> = {};')).toBe(true);
    expect(LITERAL_RECORD.test('  const byPath: Dict<number> = {};')).toBe(true);
    expect(LITERAL_RECORD.test('  const byPath: Record<string, number> = dict();')).toBe(false);
    expect(LITERAL_RECORD.test('  const byPath = new Map<string, number>();')).toBe(false);
    expect(LITERAL_RECORD.test('  const byPath: { [path: string]: number } = {};')).toBe(true);
    expect(LITERAL_RECORD.test('f(o: { h?: Record<string, string> } = {})')).toBe(false); // the literal is not the record
  });
});

// Every analyzer is built one way (docs/core.md, "What the package exports, and how it
// names things"; docs/internals.md#analyzer-shape): `create*` names only analyzers, each
// returns `Analyzer<State, Result>` made by `defineAnalyzer` over a `KeyedState`, and no
// analyzer copies state by a JSON round trip of its own (`defineAnalyzer` hands `merge` a copy).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from './analyzer.js';
import * as core from './index.js';
import type { KeyedState } from './lib/define-analyzer.js';
import { ANALYSIS_NAMES, ANALYSIS_OPTIONS, createAnalysis } from './analysis-options.js';

const src = fileURLToPath(new URL('.', import.meta.url));
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => [relative(src, join(src, f)), readFileSync(join(src, f), 'utf8')] as const);

/** Each exported `create*` function: its file, name, signature line and body (up to the next top-level declaration). */
const factories = sources.flatMap(([file, code]) =>
  [...code.matchAll(/^export function (create\w*)([^\n]*\{)$/gm)].map((m) => {
    const rest = code.slice(m.index + m[0].length);
    const end = rest.search(/^(?:export |function |const |\/\*\*)/m);
    return { file, name: m[1], signature: m[2], body: end < 0 ? rest : rest.slice(0, end) };
  }),
);

describe('analyzer shape', () => {
  it('finds the analyzers', () => {
    expect(factories.map((f) => f.name)).toEqual(expect.arrayContaining(['createFunnel', 'createPaths', 'createAttribution', 'createJourneyModel', 'createAnalysis']));
  });

  it('create* names only analyzers, each built by defineAnalyzer (createAnalysis picks one by name)', () => {
    const wrong = factories.flatMap(({ file, name, signature, body }) => {
      if (name === 'createAnalysis') return /AnalyzerMap\[N\]/.test(signature) ? [] : [`${file}: ${name} returns no analyzer`];
      const problems: string[] = [];
      if (!/\): Analyzer<\w+State, /.test(signature)) problems.push(`${file}: ${name} does not return Analyzer<…State, …>`);
      if (!/\bdefineAnalyzer(<[^>(]*>)?\(/.test(body)) problems.push(`${file}: ${name} is not built by defineAnalyzer`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  it('every create* the index exports is one of those analyzers', () => {
    const exported = Object.keys(core).filter((k) => k.startsWith('create'));
    expect(exported.length).toBeGreaterThanOrEqual(15);
    expect(exported.filter((k) => !factories.some((f) => f.name === k))).toEqual([]);
  });

  it('every analyzer state type extends KeyedState, and no file copies state by a JSON round trip', () => {
    const states = sources.flatMap(([file, code]) =>
      [...code.matchAll(/^export interface (\w+State) extends ([\w, ]+) \{/gm)].map((m) => ({ file, name: m[1], parents: m[2] })),
    );
    const analyzerStates = factories.flatMap((f) => /Analyzer<(\w+State),/.exec(f.signature)?.[1] ?? []);
    const keyed = (name: string, seen = new Set<string>()): boolean => {
      if (name === 'KeyedState') return true;
      if (seen.has(name)) return false;
      seen.add(name);
      const s = states.find((x) => x.name === name);
      return !!s && s.parents.split(/,\s*/).some((p) => keyed(p, seen));
    };
    expect(analyzerStates.length).toBeGreaterThanOrEqual(15);
    expect(analyzerStates.filter((s) => !keyed(s))).toEqual([]);
    expect(sources.filter(([, code]) => /JSON\.parse\(\s*JSON\.stringify/.test(code)).map(([file]) => file)).toEqual([]);
    expect(sources.filter(([, code]) => /\bStateful\b/.test(code)).map(([file]) => file)).toEqual([]);
  });

  it.each(ANALYSIS_NAMES)('%s: add, merge, state (plain JSON with its options key), result', (name) => {
    const values = new Map(ANALYSIS_OPTIONS[name].map((o) => [o.name, [o.example]]));
    const a = createAnalysis(name, (option) => values.get(option) ?? []) as Analyzer<KeyedState, unknown>;
    const b = createAnalysis(name, (option) => values.get(option) ?? []) as Analyzer<KeyedState, unknown>;
    expect(typeof a.add).toBe('function');
    expect(typeof a.state.key).toBe('string');
    expect(JSON.parse(JSON.stringify(a.state))).toEqual(a.state);
    expect(a.merge(b)).toBe(a);
    expect(JSON.stringify(a.result())).toBe(JSON.stringify(b.result()));
  });
});

// No import cycles in any package's sources, type-only imports included (docs/internals.md#build-test-layout):
// a cycle such as the browser SDK's old options.ts → client.ts → sender.ts → options.ts
// ties modules that should stand alone, and this test fails when one comes back.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = join(import.meta.dirname, '..', 'packages');

/** Relative module specifiers of a file: static and dynamic imports, `import type`, re-exports. */
const relativeImports = (code: string) =>
  [...code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);

/** Every cycle (as `a.ts -> b.ts -> a.ts`) in a graph of files and the files they import. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') found.push([...stack.slice(stack.indexOf(d)), d].join(' -> '));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return found;
}

/** The import graph of one package's non-test sources, keyed by path relative to `packages/`. */
function graphOf(name: string): Map<string, string[]> {
  const src = join(packages, name, 'src');
  const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => /\.ts$/.test(f) && !/\.(test|d)\.ts$/.test(f)).map((f) => join(src, f));
  const known = new Set(files);
  return new Map(files.map((f) => [
    relative(packages, f),
    relativeImports(readFileSync(f, 'utf8')).map((s) => resolve(dirname(f), s.replace(/\.js$/, '.ts'))).filter((d) => known.has(d)).map((d) => relative(packages, d)),
  ]));
}

describe('import cycles', () => {
  it('the check finds a type-only cycle', () => {
    const g = new Map([['options.ts', ['client.ts']], ['client.ts', ['sender.ts']], ['sender.ts', ['options.ts']], ['x.ts', ['options.ts']]]);
    expect(cycles(g)).toEqual(['options.ts -> client.ts -> sender.ts -> options.ts']);
    expect(relativeImports(`import type { Resolved } from './options.js';\nexport { x } from "../y.js";\nawait import('./z.js');\nimport '@footfall/core';`)).toEqual(['./options.js', '../y.js', './z.js']);
  });

  it.each(readdirSync(packages))('packages/%s/src has none, type-only imports included', (name) => {
    const graph = graphOf(name);
    expect(graph.size).toBeGreaterThan(3);
    expect(cycles(graph)).toEqual([]);
  });
});

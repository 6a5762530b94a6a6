// Test helpers stay out of product sources (docs/internals.md#build-test-layout): one
// convention for every package. A file under packages/*/src that is not a test must not
// import a test-only library, and must be product code: reached by imports from an entry
// the build bundles (rollup.config.mjs, packages/*/rollup.extra.mjs). A helper only tests
// import belongs in packages/<name>/test/ or test/lib/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packages = join(root, 'packages');
const TEST_ONLY = /\bfrom\s*['"](vitest|fast-check|fake-indexeddb[^'"]*|playwright-core|happy-dom)['"]|\bimport\s*['"](fake-indexeddb[^'"]*)['"]/;

const sources = readdirSync(packages).flatMap((name) =>
  (readdirSync(join(packages, name, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(packages, name, 'src', f)),
);

/** Source files the build starts from: the library entries and each package's extra inputs. */
function entries(): string[] {
  const config = readFileSync(join(root, 'rollup.config.mjs'), 'utf8');
  const table = /const packages = \{([\s\S]*?)\n\};/.exec(config)![1];
  const fromConfig = [...table.matchAll(/^\s*(\w+): \{([^}]*)\}/gm)].flatMap(([, name, list]) =>
    [...list.matchAll(/'(src\/[^']+\.ts)'/g)].map((m) => join(packages, name, m[1])));
  const fromExtra = readdirSync(packages).flatMap((name) => {
    const extra = join(packages, name, 'rollup.extra.mjs');
    return existsSync(extra) ? [...readFileSync(extra, 'utf8').matchAll(/(src\/[\w/.-]+\.ts)/g)].map((m) => join(packages, name, m[1])) : [];
  });
  return [...new Set([...fromConfig, ...fromExtra])];
}

/** Relative imports of a file (static, dynamic, type-only, re-exports), resolved to .ts files. */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)]
    .map((m) => resolve(dirname(file), m[1].replace(/\.js$/, '.ts')))
    .filter((f) => existsSync(f));

describe('test helpers', () => {
  it('no file under packages/<name>/src but tests imports a test-only library', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((f) => TEST_ONLY.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f))).toEqual([]);
  });

  it('every other file under packages/<name>/src is product code, reached from a build entry', () => {
    const start = entries();
    expect(start.map((f) => relative(root, f))).toEqual(expect.arrayContaining(['packages/core/src/index.ts', 'packages/browser/src/standalone.ts', 'packages/report/src/client/main.ts']));
    const reached = new Set<string>();
    const queue = [...start];
    while (queue.length) {
      const file = queue.pop()!;
      if (reached.has(file)) continue;
      reached.add(file);
      queue.push(...importsOf(file));
    }
    expect(sources.filter((f) => !reached.has(f)).map((f) => relative(root, f))).toEqual([]);
  });
});

// Test helpers stay out of product sources (docs/internals.md): a file under
// packages/*/src that is not a test must not import a test-only library.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const packages = join(import.meta.dirname, '..', 'packages');
const TEST_ONLY = /\bfrom\s*['"](vitest|fast-check|fake-indexeddb[^'"]*|playwright-core|happy-dom)['"]|\bimport\s*['"](fake-indexeddb[^'"]*)['"]/;

describe('test helpers', () => {
  it('live in packages/<name>/test or test/lib, never in packages/<name>/src', () => {
    const sources = readdirSync(packages).flatMap((name) =>
      (readdirSync(join(packages, name, 'src'), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => join(name, 'src', f)),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((f) => TEST_ONLY.test(readFileSync(join(packages, f), 'utf8')))).toEqual([]);
  });
});

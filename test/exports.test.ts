// Every package, imported by its published name from the built output: the exports
// map resolves for ESM and CJS, both expose the same named exports, and the type
// files the map points to exist. Export-map bugs only show here (docs/internals.md#build-test-layout).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const names = ['core', 'node', 'browser', 'collector', 'report', 'cli'];

type Conditions = { import: { types: string; default: string }; require: { types: string; default: string } };

describe.each(names)('@footfall/%s', (name) => {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    exports: Record<string, Conditions | string>;
    sideEffects: boolean | string[];
    type: string;
  };

  it('is an ES module package whose exports map points at built files', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.exports['./package.json']).toBe('./package.json');
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      for (const file of [target.import.types, target.import.default, target.require.types, target.require.default]) {
        expect(existsSync(join(dir, file)), `${subpath} → ${file}`).toBe(true);
      }
    }
  });

  it('exposes the same named exports to import and require', async () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (typeof target === 'string') continue;
      const spec = `@footfall/${name}${subpath === '.' ? '' : subpath.slice(1)}`;
      const esm = Object.keys(await import(spec)).filter((k) => k !== 'default').sort();
      const cjs = Object.keys(require(spec) as object).filter((k) => k !== '__esModule' && k !== 'default').sort();
      expect(cjs, spec).toEqual(esm);
    }
  });
});

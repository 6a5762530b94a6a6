// The core runs anywhere (docs/internals.md): no file it ships may import a Node builtin.
// Readers and other Node-only code belong in @footfall/node. Tests run in Node and are not shipped.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join(src, f));
/** Every module specifier: static and dynamic imports, re-exports, require(). */
const specifiers = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
const isNode = (spec: string) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]);

describe('@footfall/core uses no Node API', () => {
  it('finds the sources and recognizes Node imports', () => {
    expect(sources.length).toBeGreaterThan(20);
    expect(specifiers(`import { x } from 'node:fs';\nexport * from "fs/promises";\nawait import('zlib');\nrequire('os')`).filter(isNode)).toHaveLength(4);
  });
  it('imports no node:* module and no Node builtin in any file under packages/core/src', () => {
    const found = sources.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8')).filter(isNode).map((spec) => `${relative(src, file)}: ${spec}`),
    );
    expect(found).toEqual([]);
  });
  it('uses no Node globals (process, Buffer, __dirname, require)', () => {
    const found = sources.flatMap((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return [...code.matchAll(/\b(process\.|Buffer\.|__dirname|__filename|require\()/g)].map((m) => `${relative(src, file)}: ${m[1]}`);
    });
    expect(found).toEqual([]);
  });
});

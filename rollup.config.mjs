// One config builds every package: ESM + CJS + .d.ts for each entry, plus any
// extra outputs a package declares in its own `rollup.extra.mjs` (the browser
// package's IIFE script-tag build, the report's inlined dashboard bundle).
import { existsSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { pathToFileURL } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

/** Library entries per package: output name → source file. */
const packages = {
  core: { index: 'src/index.ts' },
  node: { index: 'src/index.ts', demo: 'src/demo.ts', 'analyze-worker': 'src/analyze-worker.ts' },
  browser: { index: 'src/index.ts' },
  collector: { index: 'src/index.ts', 'query-worker': 'src/query-worker.ts' },
  report: { index: 'src/index.ts' },
  cli: { index: 'src/index.ts', cli: 'src/cli.ts' },
};

/**
 * Packages whose types a package's .d.ts files carry inline instead of importing: the
 * browser SDK's published types name a few core event types (EventType, CartItem…), but
 * the SDK does not depend on @footfall/core at run time, so its types must not either.
 */
const inlineTypes = { browser: ['@footfall/core'] };

/**
 * Plugins a package's library build adds: the browser SDK bundles the core (the journey extra's
 * analysis, loaded lazily) from source, without the user-agent parser (packages/browser/build/core-in-browser.mjs).
 */
const bundled = { browser: ['@footfall/core', 'ua-parser-js'] };
const extraPlugins = {
  browser: async () => [(await import('./packages/browser/build/core-in-browser.mjs')).coreInBrowser()],
};

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
/** Libraries never bundle their dependencies: anything bare is external. */
const external = (id) => builtins.has(id) || !(id.startsWith('.') || id.startsWith('/') || id.startsWith('\0'));

const onwarn = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((i) => i.includes('node_modules'))) return;
  warn(warning);
};

const configs = [];
for (const [name, entries] of Object.entries(packages)) {
  const dir = `packages/${name}`;
  // Rollup only adds files: a build starts from an empty dist/, so no file of an older
  // build (a renamed entry, a removed chunk) can stand in for a missing one.
  if (!process.env.ROLLUP_WATCH) rmSync(`${dir}/dist`, { recursive: true, force: true });
  const input = Object.fromEntries(
    Object.entries(entries)
      .map(([out, src]) => [out, `${dir}/${src}`])
      .filter(([, src]) => existsSync(src)),
  );
  if (Object.keys(input).length === 0) continue;
  configs.push({
    input,
    external: (id) => !(bundled[name] ?? []).includes(id) && external(id),
    onwarn,
    // `__TEST__` (the browser SDK's test-only code) is false in every build (docs/internals.md#build-test-layout).
    plugins: [...((await extraPlugins[name]?.()) ?? []), esbuild({ target: 'es2022', tsconfig: 'tsconfig.json', define: { __TEST__: 'false' } })],
    output: [
      { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      { dir: `${dir}/dist`, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' },
    ],
  });
  const inline = inlineTypes[name] ?? [];
  configs.push({
    input,
    external: (id) => !inline.includes(id) && external(id),
    onwarn,
    plugins: [dts({ tsconfig: 'tsconfig.json', compilerOptions: { paths: {} }, includeExternal: inline })],
    output: [
      { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: 'chunks/[name]-[hash].d.cts' },
    ],
  });
  const extra = `${dir}/rollup.extra.mjs`;
  if (existsSync(extra)) {
    const mod = await import(pathToFileURL(extra).href);
    configs.push(...(await mod.default({ dir, external, onwarn })));
  }
}

export default configs;

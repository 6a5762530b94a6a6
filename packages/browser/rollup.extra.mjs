// Extra outputs of @footfall/browser:
// - dist/footfall.js: the script-tag build (IIFE), web-vitals left to the `vitals` chunk,
//   minified by terser with `_`-prefixed properties mangled (docs/internals.md#build-test-layout);
//   its client takes the queue from src/queue-chunk.ts (the IndexedDB queue is the `queue` chunk).
// - dist/footfall-<name>.js: the script tag's lazily loaded chunks (ES modules, loaded by
//   import() from next to the script, docs/sdk.md#lazy-chunks), minified the same way.
// - dist/size/npm-core.js: what an app that imports init, track, page, identify, flush, reset (no autocapture)
//   ships after tree-shaking and minifying, measured by size-limit.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { resolve as resolvePath } from 'node:path';
import { coreInBrowser } from './build/core-in-browser.mjs';

const NPM_CORE = '\0footfall-npm-core';
/** The script tag's lazily loaded chunks: name → source (src/lib/chunk.ts loads `footfall-<name>.js`). */
const CHUNKS = { vitals: 'src/chunks/vitals.ts', recent: 'src/chunks/recent.ts', journey: 'src/chunks/journey.ts', queue: 'src/chunks/queue.ts' };

export default async ({ dir, onwarn }) => {
  // `script`: the script tag's own code, where no function is called with `new` (so function
  // expressions may become arrows); the chunks carry libraries (web-vitals, the core) and keep them.
  const minify = (mangleProps, script) =>
    terser({
      ecma: 2020,
      compress: { passes: 2, unsafe_arrows: !!script },
      mangle: mangleProps ? { properties: { regex: /^_(?!_)/ } } : true,
      format: { comments: false },
    });
  /**
   * Before terser: every `const` declaration becomes `let` (the same program once it type-checks:
   * nothing assigns a const), one keyword for brotli instead of two.
   */
  const constToLet = {
    name: 'const-to-let',
    renderChunk(code) {
      const starts = [];
      const walk = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node.type === 'VariableDeclaration' && node.kind === 'const') starts.push(node.start);
        for (const v of Object.values(node)) for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child === 'object') walk(child);
      };
      walk(this.parse(code));
      let out = code;
      for (const at of starts.sort((a, b) => b - a)) {
        if (code.slice(at, at + 5) !== 'const') this.error(`const-to-let: no "const" at ${at}`);
        out = out.slice(0, at) + 'let' + out.slice(at + 5);
      }
      return { code: out, map: null };
    },
  };
  const plugins = (mangleProps, script) => [coreInBrowser(), resolve({ browser: true }), esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', define: { __TEST__: 'false' } }), constToLet, minify(mangleProps, script)];
  /** The script's client gets the queue that loads the IndexedDB queue as a chunk (docs/sdk.md#lazy-chunks). */
  const queueChunk = {
    name: 'queue-chunk',
    resolveId: (id, importer) => (id === './queue.js' && /[\\/]src[\\/]client\.ts$/.test(importer ?? '') ? resolvePath(`${dir}/src/queue-chunk.ts`) : null),
  };
  return [
    {
      input: `${dir}/src/standalone.ts`,
      onwarn,
      plugins: [queueChunk, ...plugins(true, true)],
      output: { file: `${dir}/dist/footfall.js`, format: 'iife', strict: false },
    },
    ...Object.entries(CHUNKS).map(([name, src]) => ({
      input: `${dir}/${src}`,
      onwarn,
      plugins: plugins(true),
      output: { file: `${dir}/dist/footfall-${name}.js`, format: 'es' },
    })),
    {
      input: NPM_CORE,
      onwarn,
      plugins: [
        {
          name: 'npm-core-entry',
          resolveId: (id) => (id === NPM_CORE ? id : null),
          load: (id) =>
            id === NPM_CORE
              ? `import { init, track, page, identify, flush, reset } from ${JSON.stringify(`${process.cwd()}/${dir}/dist/index.js`)};
                 window.ff = { init, track, page, identify, flush, reset };`
              : null,
        },
        ...plugins(false),
      ],
      output: { file: `${dir}/dist/size/npm-core.js`, format: 'es' },
    },
  ];
};

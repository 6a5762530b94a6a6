// The dashboard client: one minified IIFE (ECharts tree-shaken in) that renderDashboard and
// renderReport inline into their HTML. Bundles its dependencies on purpose: the page must
// work with no network and no module loader.
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

/** ECharts checks `process.env.NODE_ENV` for its dev warnings: fix it to production. */
const production = {
  name: 'footfall-production-env',
  transform(code) {
    return code.includes('process.env.NODE_ENV') ? { code: code.replaceAll('process.env.NODE_ENV', '"production"'), map: null } : null;
  },
};

export default async ({ dir, onwarn }) => [
  {
    input: `${dir}/src/client/main.ts`,
    onwarn,
    // ECharts modules only register what `echarts.use()` is given: unused ones can go.
    treeshake: { moduleSideEffects: (id) => !/node_modules[\\/](echarts|zrender|ua-parser-js)[\\/]/.test(id) },
    plugins: [
      production,
      nodeResolve({ browser: true }),
      // @footfall/core imports ua-parser-js (CommonJS); only parseStep is used, the rest is shaken out
      commonjs(),
      esbuild({ target: 'es2020', tsconfig: 'tsconfig.json', minify: true, legalComments: 'none' }),
    ],
    output: { file: `${dir}/dist/client.js`, format: 'iife', name: 'footfallDashboard', sourcemap: false },
  },
];

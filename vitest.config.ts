import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));
/** Tests see the sources; `test/dist` and the e2e tests see the built packages. */
const alias = {
  '@footfall/node/demo': fileURLToPath(new URL('./packages/node/src/demo.ts', import.meta.url)),
  '@footfall/core': src('core'),
  '@footfall/node': src('node'),
  '@footfall/browser': src('browser'),
  '@footfall/collector': src('collector'),
  '@footfall/report': src('report'),
};

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      { resolve: { alias }, test: { name: 'core', environment: 'node', include: ['packages/core/src/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'node', environment: 'node', include: ['packages/node/src/**/*.test.ts'] } },
      // `__TEST__`: the browser SDK's test-only code (its teardown) is there in its unit tests only.
      { resolve: { alias }, define: { __TEST__: 'true' }, test: { name: 'browser', environment: 'happy-dom', include: ['packages/browser/src/**/*.test.ts'], setupFiles: ['packages/browser/test/setup.ts'] } },
      { resolve: { alias }, test: { name: 'collector', environment: 'node', include: ['packages/collector/src/**/*.test.ts'], testTimeout: 30_000 } },
      { resolve: { alias }, test: { name: 'report', environment: 'node', include: ['packages/report/src/**/*.test.ts'] } },
      { resolve: { alias }, test: { name: 'cli', environment: 'node', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 60_000 } },
      // Cross-package tests against the built output: real Chromium, real servers.
      { test: { name: 'e2e', environment: 'node', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});

/**
 * `true` in the unit tests (vitest's `define`), `false` in every build (rollup's esbuild
 * `define`): test-only code, such as the client's teardown between tests, is left out of what
 * ships (docs/internals.md#build-test-layout).
 */
declare const __TEST__: boolean;

/**
 * Whether test-only code runs: `__TEST__` is `true` in the browser package's unit tests and
 * `false` in every build (both by `define`, docs/internals.md#build-test-layout), so what only
 * tests use, such as the client's teardown, is not shipped. A bundle made from the sources
 * without that `define` (the SPA example's test bundles them) has none either.
 */
export const TEST: boolean = typeof __TEST__ !== 'undefined' && __TEST__;

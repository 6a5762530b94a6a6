/**
 * The built-ins the SDK calls, taken once when it loads, so a host page that replaces
 * them later cannot break or fool it (docs/sdk.md, "Hostile pages"). The SDK's own code
 * never calls `Promise.prototype.then`, `Promise.all` or the array methods `map`,
 * `forEach`, `filter`, so a page that replaces those, even before the SDK loads, does
 * not reach it either.
 */

/** `JSON.stringify` as it was at load. */
export const stringify = JSON.stringify;
/** `JSON.parse` as it was at load. */
export const parse = JSON.parse;
/** Whether `JSON.stringify` works as it should: a page that broke it before the SDK loaded gets no batches sent from it (they stay queued). */
export const jsonWorks = ((): boolean | undefined => {
  try {
    return stringify([1]) === '[1]';
  } catch {
    /* broken */
  }
})();

/** Milliseconds on the page's monotonic clock (`performance.now`). */
export const mono = (): number => performance.now();

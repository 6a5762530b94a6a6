/**
 * One tab sends at a time: an exclusive Web Lock (`navigator.locks`, in every browser
 * since 2022). `fn` runs only when this tab holds the lock; otherwise the call resolves
 * to `false` at once. Without Web Locks every tab sends, and the collector keeps one copy
 * of an event two tabs sent. `fn` must not wait without bound: the sender's IndexedDB
 * opens and requests time out.
 */

/** Runs `fn` under the send lock; resolves `false` when another tab holds it. */
export async function withLock(fn: () => Promise<void>): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (!locks?.request) return await fn(), true;
  return await locks.request('footfall-send', { ifAvailable: true }, async (lock) => !!lock && (await fn(), true));
}

/**
 * One tab sends at a time: an exclusive Web Lock (`navigator.locks`), else a
 * localStorage lease with an expiry. `fn` runs only when this tab holds the lock;
 * otherwise the call resolves to `false` at once. `fn` must not wait without bound:
 * the sender's IndexedDB opens and requests time out.
 */
import { uuid } from './util.js';

const NAME = 'footfall-send';
const LEASE_MS = 30_000;
const tab = uuid();

/** Runs `fn` under the send lock; resolves `false` when another tab holds it. */
export async function withLock(fn: () => Promise<void>): Promise<boolean> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks?.request) {
    return locks.request(NAME, { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await fn();
      return true;
    });
  }
  try {
    const [owner, until] = (localStorage.getItem(NAME) || '').split(' ');
    // A lease dated further ahead than LEASE_MS (a clock set back) has expired.
    const left = +until - Date.now();
    if (owner !== tab && left > 0 && left <= LEASE_MS) return false;
    localStorage.setItem(NAME, tab + ' ' + (Date.now() + LEASE_MS));
  } catch {
    /* no storage: this tab is alone as far as it can know */
  }
  try {
    await fn();
  } finally {
    try {
      localStorage.removeItem(NAME);
    } catch {
      /* no storage */
    }
  }
  return true;
}

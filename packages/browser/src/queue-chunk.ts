/**
 * The script tag's queue (docs/sdk.md#lazy-chunks): the IndexedDB queue (`queue.ts`) is its
 * `queue` chunk, loaded on the queue's first use (never before consent, like the database).
 * Every queue operation waits for it, at most `OPEN_TIMEOUT_MS` after the first one; a chunk
 * that has not come by then (404, blocked, offline) leaves the queue in memory for the rest
 * of the page, as where IndexedDB is missing: leaving the page copies what is unsent to
 * localStorage, and a later page queues and sends it (docs/sdk.md, "Delivery"). The script
 * build puts this module in the place of `queue.ts` for the client (rollup.extra.mjs).
 */
import { loadChunk } from './lib/chunk.js';
import { debugOn } from './lib/util.js';
import { memoryQueue, OPEN_TIMEOUT_MS, type MemoryQueue, type Queue } from './queue.js';
import type { Stats } from './types.js';

export { keyOf, type Entry, type Queue } from './queue.js';

/** The queue of the script tag: the `queue` chunk's IndexedDB queue, or memory without it. */
export function createQueue(max: number, stats: Stats): Queue {
  let q: Promise<Queue | MemoryQueue> | undefined;
  const get = () =>
    (q ||= new Promise((resolve) => {
      const memory = () => resolve(memoryQueue(max, stats));
      setTimeout(memory, OPEN_TIMEOUT_MS);
      void (async () => {
        const m = await loadChunk<{ start(max: number, stats: Stats, debug: boolean): Queue }>('queue');
        try {
          resolve(m!.start(max, stats, debugOn));
        } catch {
          memory();
        }
      })();
    }));
  // `return await`: an async function that returns a promise would call its `then`, which a
  // hostile page may have replaced (docs/sdk.md, "Hostile pages").
  return {
    add: async (entries) => await (await get()).add(entries),
    peek: async (n) => await (await get()).peek(n),
    del: async (keys) => await (await get()).del(keys),
    lock: async (fn) => {
      const q = await get();
      return 'lock' in q ? await q.lock(fn) : (await fn(), true);
    },
  };
}

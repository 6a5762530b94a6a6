/**
 * The durable event queue: IndexedDB database `footfall`, store `queue`, shared by every
 * tab, oldest key first. Over `max` events the oldest are evicted and counted. The
 * database is opened on first use only (never before consent), closed as soon as another
 * connection asks to upgrade or delete it (`versionchange`), and an open that has not
 * finished after `OPEN_TIMEOUT_MS` (a delete blocked by another tab, a stuck browser) is
 * given up: the queue then lives in memory for the rest of the page. Safari's
 * "Connection to Indexed Database server lost" reopens; a queue that keeps failing, or
 * a browser without IndexedDB, also falls back to memory (docs/sdk.md, "Delivery"). The
 * script tag loads this queue as its `queue` chunk (`queue-chunk.ts`, docs/sdk.md#lazy-chunks).
 */
import { now } from './lib/clock.js';
import { transact } from './lib/idb.js';
import { withLock } from './lib/lock.js';
import { warn } from './lib/util.js';
import type { Ev, Stats } from './types.js';

/** A queued event with its key (page order, see `keyOf`); the client marks it `durable` once IndexedDB committed it. */
export type Entry = [key: string, event: Ev, durable?: 1];

/** The queue's operations: plain names, since the script tag gets the queue from a chunk minified apart. */
export interface Queue {
  /** Stores entries; resolves `true` once they are committed to IndexedDB, `false` when they are only in memory. */
  add(entries: Entry[]): Promise<boolean>;
  /** The oldest `n` entries. */
  peek(n: number): Promise<Entry[]>;
  /** Removes entries by key. */
  del(keys: string[]): Promise<void>;
  /** Runs `fn` holding the send lock (one tab sends at a time, `lib/lock.ts`); `false` when another tab holds it. */
  lock(fn: () => Promise<void>): Promise<boolean>;
}

/** How long an IndexedDB open may take before the queue gives up and uses memory, ms. */
export const OPEN_TIMEOUT_MS = 2000;

let seq = 0;

/**
 * A new queue key for an event: the page clock (`now`, which never goes back within a
 * page, so a clock set back cannot put later events first), a counter for order within
 * a millisecond, then its id. Call once per event.
 */
export function keyOf(e: Ev): string {
  return '' + (1e13 + now()) + (1e6 + (seq++ % 1e6)) + e.id;
}

/** Counts `n` evicted events (the queue was full) and warns. */
const evict = (stats: Stats, n: number) => {
  if (n > 0) {
    stats.evicted += n;
    warn('queue full, oldest evicted');
  }
};

/** The memory queue's operations: `Queue`'s, answered at once, and no lock (no other tab sends from it). */
export type MemoryQueue = { [K in Exclude<keyof Queue, 'lock'>]: (...args: Parameters<Queue[K]>) => Awaited<ReturnType<Queue[K]>> };

/**
 * The queue in memory, for this page only: where IndexedDB is missing or keeps failing,
 * and in the script tag when its `queue` chunk does not load (docs/sdk.md, "Delivery").
 */
export function memoryQueue(max: number, stats: Stats): MemoryQueue {
  const mem = new Map<string, Ev>();
  return {
    add: (entries) => {
      // Map keeps insertion order: the first keys are the oldest.
      for (const [k, e] of entries) mem.set(k, e);
      for (const k of mem.keys()) if (mem.size > max) mem.delete(k), evict(stats, 1);
      return false;
    },
    peek: (n) => {
      const out: Entry[] = [];
      for (const entry of mem) if (out.length < n) out.push(entry);
      return out;
    },
    del: (keys) => {
      for (const k of keys) mem.delete(k);
    },
  };
}

/** Creates the queue over IndexedDB database `dbName`, store `queue`. */
export function createQueue(max: number, stats: Stats, dbName = 'footfall'): Queue {
  const mem = memoryQueue(max, stats);
  let db: Promise<IDBDatabase | undefined> | undefined;
  let memory = false;
  let failures = 0;
  const open = () =>
    (db ||= new Promise((resolve) => {
      let settled = false;
      const settle = (d?: IDBDatabase) => {
        if (settled) return d?.close();
        settled = true;
        if (!d) memory = true;
        resolve(d);
      };
      try {
        const r = indexedDB.open(dbName);
        r.onupgradeneeded = () => r.result.createObjectStore('queue');
        r.onsuccess = () => {
          const d = r.result;
          // Another tab (or the page) wants to delete or upgrade: let it, reopen on next use.
          d.onversionchange = d.onclose = () => {
            d.close();
            db = undefined;
          };
          settle(d);
        };
        r.onerror = () => settle();
        setTimeout(settle, OPEN_TIMEOUT_MS);
      } catch {
        settle();
      }
    }));
  /** Runs one transaction (`fn` returns a reader of its result, read once it is committed) or, without IndexedDB, `inMemory`. */
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => () => T, inMemory: () => T): Promise<T> => {
    for (;;) {
      const d = memory ? undefined : await open();
      if (!d) return inMemory();
      try {
        return await transact(d, 'queue', mode, fn);
      } catch {
        // Safari's "Connection to Indexed Database server lost" and the like: reopen, twice.
        if (++failures > 2) {
          warn('IndexedDB failing: memory queue');
          memory = true;
        } else db = undefined;
      }
    }
  };
  return {
    add: async (entries) => {
      const over = await run(
        'readwrite',
        (s) => {
          for (const [k, e] of entries) s.put(e, k);
          const count = s.count();
          // Commit now, without waiting for this page's callbacks: the page may be about to go, or be
          // frozen in the back/forward cache, where an open transaction would block other tabs (and evict it).
          s.transaction.commit?.();
          return () => count.result - max;
        },
        () => (mem.add(entries), 0),
      );
      const durable = !memory;
      // Evicted in a transaction of its own, so the one above commits at once.
      if (over > 0) {
        await run(
          'readwrite',
          (s) => {
            const old = s.getAllKeys(null, over);
            old.onsuccess = () => {
              for (const k of old.result) s.delete(k);
              evict(stats, over);
            };
            return () => undefined;
          },
          () => undefined,
        );
      }
      return durable;
    },
    peek: (n) =>
      run(
        'readonly',
        (s) => {
          const keys = s.getAllKeys(null, n);
          const values = s.getAll(null, n);
          return () => {
            const out: Entry[] = [];
            for (let i = 0; i < keys.result.length; i++) out.push([keys.result[i] as string, values.result[i] as Ev]);
            return out;
          };
        },
        () => mem.peek(n),
      ),
    del: (keys) =>
      run(
        'readwrite',
        (s) => {
          for (const k of keys) s.delete(k);
          return () => undefined;
        },
        () => mem.del(keys),
      ),
    lock: withLock,
  };
}

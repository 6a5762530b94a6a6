/**
 * The durable event queue: IndexedDB (an idb-keyval custom store), shared by every
 * tab, oldest first. Over `max` events the oldest are evicted and counted. Safari's
 * "Connection to Indexed Database server lost" (UnknownError / InvalidStateError)
 * reopens the database; when IndexedDB is missing or keeps failing (private modes)
 * the queue lives in memory.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { warn } from './lib/util.js';
import type { Ev, Stats } from './types.js';

/** A queued event with its key (time-ordered). */
export type Entry = [key: string, event: Ev];

/** The queue's operations. */
export interface Queue {
  /** Stores events (resolves once they are durable). */
  _add(entries: Entry[]): Promise<void>;
  /** The oldest `n` entries. */
  _peek(n: number): Promise<Entry[]>;
  /** Removes entries by key. */
  _del(keys: string[]): Promise<void>;
}

let seq = 0;

/**
 * A new queue key for an event: its time (fixed width, so keys sort by age), a
 * counter (keeps this tab's order within a millisecond), then its id. Call once per event.
 */
export function keyOf(e: Ev): string {
  return String(1e13 + e.ts) + (1e6 + (seq++ % 1e6)) + e.id;
}

/** Creates the queue over IndexedDB database `footfall`, store `queue`. */
export function createQueue(max: number, stats: Stats, dbName = 'footfall'): Queue {
  const mem = new Map<string, Ev>();
  let store: UseStore | undefined;
  let failures = 0;
  const open = () => {
    try {
      store = createStore(dbName, 'queue');
    } catch {
      store = undefined;
    }
  };
  open();

  const run = async <T>(mode: IDBTransactionMode, idb: (s: IDBObjectStore) => T | PromiseLike<T>, memory: () => T): Promise<T> => {
    for (;;) {
      if (!store) return memory();
      try {
        const r = await store(mode, idb);
        failures = 0;
        return r;
      } catch (e) {
        if (++failures > 2) {
          warn('IndexedDB failing: memory queue');
          store = undefined;
        } else if (/UnknownError|InvalidStateError/.test((e as Error)?.name)) open();
      }
    }
  };

  const evict = (n: number) => {
    if (n > 0) {
      stats.evicted += n;
      warn('queue full, evicted ' + n);
    }
  };

  return {
    _add: (entries) =>
      run(
        'readwrite',
        (s) => {
          for (const [k, e] of entries) s.put(e, k);
          return promisifyRequest(s.count())
            .then((n) => (n > max ? promisifyRequest(s.getAllKeys(null, n - max)) : []))
            .then((keys) => {
              keys.forEach((k) => s.delete(k));
              evict(keys.length);
              return promisifyRequest(s.transaction);
            })
            .then(() => undefined);
        },
        () => {
          // Map keeps insertion order: the first keys are the oldest.
          for (const [k, e] of entries) mem.set(k, e);
          const over = [...mem.keys()].slice(0, mem.size - max);
          over.forEach((k) => mem.delete(k));
          evict(over.length);
        },
      ),
    _peek: (n) =>
      run(
        'readonly',
        (s) =>
          Promise.all([promisifyRequest(s.getAllKeys(null, n)), promisifyRequest(s.getAll(null, n))]).then(([keys, values]) =>
            keys.map((k, i): Entry => [String(k), values[i] as Ev]),
          ),
        () => [...mem].slice(0, n),
      ),
    _del: (keys) =>
      run(
        'readwrite',
        (s) => {
          keys.forEach((k) => s.delete(k));
          return promisifyRequest(s.transaction).then(() => undefined);
        },
        () => keys.forEach((k) => mem.delete(k)),
      ),
  };
}

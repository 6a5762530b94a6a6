/**
 * The visitor's recent events, kept on the device for the journey extra (docs/sdk.md#journey):
 * store `recent` of the SDK's own IndexedDB database `footfall` (the queue's; version 2 adds
 * the store), the newest `RECENT_MAX`, without device context. Written only with consent,
 * read only by the page's journey, never sent. Without IndexedDB, this page's events only.
 */
import type { ChunkHost } from './lib/chunk.js';
import { transact } from './lib/idb.js';
import type { Ev } from './types.js';

/** Recent events kept. */
export const RECENT_MAX = 200;

let db: Promise<IDBDatabase | undefined> | undefined;
/** This page's recent events (all there is without IndexedDB). */
let page: Ev[] = [];
/** Marks the page as keeping recent events: on `window`, since the `recent` and `journey` chunks each bundle this module. */
const KEEPING = Symbol.for('footfall.recent');

/** The `footfall` database at version 2 (with `recent`), or `undefined` when it cannot be had within 2 s. */
function open(): Promise<IDBDatabase | undefined> {
  return (db ||= new Promise((resolve) => {
    try {
      const r = indexedDB.open('footfall', 2);
      r.onupgradeneeded = () => {
        for (const name of ['queue', 'recent']) if (!r.result.objectStoreNames.contains(name)) r.result.createObjectStore(name);
      };
      r.onsuccess = () => {
        const d = r.result;
        // Let another tab upgrade or delete it; reopen on next use.
        d.onversionchange = () => {
          d.close();
          db = undefined;
        };
        resolve(d);
      };
      r.onerror = () => resolve(undefined);
      setTimeout(resolve, 2000);
    } catch {
      resolve(undefined);
    }
  }));
}

/** Time order, then id: the key of a recent event. */
const keyOf = (e: Ev) => String(1e13 + e.ts) + e.id;

/** One transaction on `recent`; resolves `undefined` when IndexedDB is not there or fails. */
async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => () => T): Promise<T | undefined> {
  const d = await open();
  if (!d) return undefined;
  try {
    return await transact(d, 'recent', mode, fn);
  } catch {
    return undefined;
  }
}

/** Starts keeping the events `h` taps (once per page). */
export function keepRecent(h: ChunkHost): void {
  const w = window as unknown as Record<symbol, boolean>;
  if (w[KEEPING]) return;
  w[KEEPING] = true;
  h.tap((events) => {
    const lean = events.map((e) => ({ ...e, ctx: undefined }) as Ev);
    page = page.concat(lean).slice(-RECENT_MAX);
    if (!h.granted()) return;
    void run('readwrite', (s) => {
      for (const e of lean) s.put(e, keyOf(e));
      const count = s.count();
      count.onsuccess = () => {
        const over = count.result - RECENT_MAX;
        // (a count of 0 would mean every key)
        if (over > 0) {
          const old = s.getAllKeys(null, over);
          old.onsuccess = () => {
            for (const k of old.result) s.delete(k);
          };
        }
      };
      return () => undefined;
    });
  });
}

/** The recent events, oldest first: the device's (with consent) and this page's. */
export async function readRecent(h: ChunkHost): Promise<Ev[]> {
  const kept = (h.granted() && (await run('readonly', (s) => {
    const all = s.getAll();
    return () => all.result as Ev[];
  }))) || [];
  const ids = new Set(kept.map((e) => e.id));
  return kept.concat(page.filter((e) => !ids.has(e.id))).sort((a, b) => a.ts - b.ts).slice(-RECENT_MAX);
}

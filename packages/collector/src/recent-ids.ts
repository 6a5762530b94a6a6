import { recentIdWindow } from '@footfall/core';

/**
 * The ids stored lately (bounded, first stored forgotten first): a retry of an acknowledged
 * batch is answered without writing its events again. Stores still dedupe on read,
 * so forgetting an id only costs a duplicate row, never a doubled count.
 */
export interface RecentIds {
  /** How many ids it keeps. */
  readonly max: number;
  has(id: string): boolean;
  add(ids: Iterable<string>): void;
  /** Forgets ids (an erased person's events, docs/privacy.md#erasure). */
  delete(ids: Iterable<string>): void;
}

/**
 * The core's `recentIdWindow`: 64-bit fingerprints of the ids in a table and a ring in arrival
 * order, seeded with random bits so that ids cannot be chosen to collide, and a bound on the
 * slots any lookup reads. It replaced a `Set` of the id strings with a ring beside it, whose
 * lookups, evictions and rehashing cost ~1.5 µs per event at ingest (docs/collector.md#throughput).
 */
export function createRecentIds(max: number): RecentIds {
  const window = recentIdWindow(max);
  return {
    max,
    has: (id) => window.has(id),
    delete(ids) {
      for (const id of ids) window.delete(id);
    },
    add(ids) {
      for (const id of ids) window.add(id);
    },
  };
}

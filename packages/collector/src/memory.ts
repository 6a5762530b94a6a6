import { isPersonEvent, personIds } from './person-ids.js';
import { checkPartition, inPartition, personKey, type ScanOptions, type Store, type StoredEvent, type StoreStats } from './store.js';

/**
 * A store in memory, for tests and short-lived tools. Dedupes by `id` on write (the
 * first copy wins); nothing survives the process.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.append([{ id: 'e1', type: 'page', ts: 1, anonymousId: 'a', url: 'https://x.test/' }]);
 * (await store.stats()).events; // 1
 * ```
 */
export function createMemoryStore(): Store {
  const byId = new Map<string, StoredEvent>();
  return {
    spec: 'memory:',
    async append(events) {
      for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
    },
    async *scan(options: ScanOptions = {}) {
      checkPartition(options.partition);
      const { from = -Infinity, to = Infinity, partition, writeKey, identified } = options;
      const rows = [...byId.values()].filter(
        (e) => e.ts >= from && e.ts <= to && (writeKey === undefined || e.writeKey === writeKey) && (!identified || !!e.userId) && inPartition(e, partition),
      );
      // Time order, not device order: a person stitched from several devices must come back
      // in time order (the sessionizer and the funnel need it), whatever links exist later.
      rows.sort((a, b) => a.ts - b.ts || compare(a.id, b.id));
      yield* rows;
    },
    async recentIds(limit) {
      return [...byId.keys()].slice(-limit).reverse();
    },
    async stats(): Promise<StoreStats> {
      const persons = new Set<string>();
      let firstTs: number | null = null;
      let lastTs: number | null = null;
      for (const e of byId.values()) {
        persons.add(personKey(e));
        firstTs = firstTs === null ? e.ts : Math.min(firstTs, e.ts);
        lastTs = lastTs === null ? e.ts : Math.max(lastTs, e.ts);
      }
      return { events: byId.size, persons: persons.size, firstTs, lastTs };
    },
    async forget(id) {
      const ids = await personIds(this, id);
      const eventIds = [...byId.values()].filter((e) => isPersonEvent(ids, e)).map((e) => e.id);
      for (const eventId of eventIds) byId.delete(eventId);
      return { person: ids.person, removed: eventIds.length, eventIds };
    },
    async expire(before) {
      let removed = 0;
      for (const [eventId, e] of byId) if (e.ts < before && byId.delete(eventId)) removed++;
      return { removed };
    },
    async close() {},
  };
}

/** Byte-order string comparison (what SQL engines use for VARCHAR ordering). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The Store seam: where the collector puts events and where every analyzer reads them
 * back. Implementations: `memory.ts` (tests), `duckdb.ts` (the default file store),
 * `clickhouse.ts` (scale-out). A store stores what the collector hands it and gives it
 * back in time order, deduplicated by `id`.
 */
import { identityLinks, FootfallError, personSlice, stitchedPerson, type Agent, type FootfallEvent } from '@footfall/core';

/**
 * An event as the collector stores it: the docs/events.md event after skew correction
 * (`receivedAt`, `clientTs` set) with its parsed user agent and the write key it came with.
 */
export type StoredEvent = FootfallEvent & {
  /** The site key of the envelope the event arrived in. */
  writeKey?: string;
  /** The parsed user agent (set at ingest). */
  agent?: Agent;
};

/**
 * One slice of the persons: events are split by a hash of their person key
 * (`userId`, else `links[anonymousId]`, else `anonymousId`: the core's stitched person),
 * `index` in `0..count-1`. Pass the identity links (`learnLinks`) so that a person's
 * anonymous events from several devices land in the same slice.
 */
export interface Partition {
  index: number;
  count: number;
  /** `anonymousId → userId`, the first user each device identified as. @default {} */
  links?: Readonly<Record<string, string>>;
}

/** What to read back. Every field is optional. */
export interface ScanOptions {
  /** First `ts` included, ms. @default no lower bound */
  from?: number;
  /** Last `ts` included, ms. @default no upper bound */
  to?: number;
  /** Only the persons of this slice. @default every person */
  partition?: Partition;
  /** Only events of this site key. @default every site */
  writeKey?: string;
  /** Only events that carry a `userId` (what identity stitching learns from). @default false */
  identified?: boolean;
}

/** Counts a store reports about itself. */
export interface StoreStats {
  /** Stored events after dedupe by `id`. */
  events: number;
  /** Distinct persons (storage key: `anonymousId`). */
  persons: number;
  /** Smallest `ts`, ms; `null` when empty. */
  firstTs: number | null;
  /** Largest `ts`, ms; `null` when empty. */
  lastTs: number | null;
}

/** What `Store.forget` erased. */
export interface ForgetResult {
  /** The person the id resolved to (their `userId`, or the device id of a never-identified visitor). */
  person: string;
  /** Events removed (distinct ids). */
  removed: number;
  /** The ids of the removed events (the collector's dedupe cache forgets them). */
  eventIds: string[];
}

/** What `Store.expire` erased. */
export interface ExpireResult {
  /** Events removed (distinct ids). */
  removed: number;
}

/**
 * Where events live. `append` resolves only once the events are durable (an event is
 * acknowledged to the browser only after that); `scan` yields each stored event once
 * (dedupe by `id`), ordered by `ts` then `id`. Time order across all persons (rather than
 * device, then time) is what keeps each stitched person's events in time order: the
 * devices a person uses are linked only by `identify` events the store does not interpret.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await store.append(events);
 * for await (const e of store.scan({ partition: { index: 0, count: 4 } })) console.log(e.id);
 * ```
 */
export interface Store {
  /** Stores events durably; resolves when they are committed. */
  append(events: readonly StoredEvent[]): Promise<void>;
  /** Reads events back, once each, in time order (`ts`, then `id`). */
  scan(options?: ScanOptions): AsyncIterable<StoredEvent>;
  /** Counts. */
  stats(): Promise<StoreStats>;
  /**
   * Erases every event of the person with this id (a `userId` or any of their devices'
   * `anonymousId`s; the core's identity stitching decides, see `personIds`), and resolves
   * once those events are gone from the store's files too, not only from its answers
   * (docs/privacy.md#erasure).
   */
  forget(id: string): Promise<ForgetResult>;
  /** Erases every event with `ts` before `before` (ms), with the same guarantee as `forget` (docs/privacy.md#retention). */
  expire(before: number): Promise<ExpireResult>;
  /**
   * The ids of the last `limit` events stored, most recent first: the batch handler reloads
   * its window of recent ids from them at start, so a batch re-sent across a restart is not
   * stored twice (docs/collector.md, "Dedupe"). Optional: without it a store dedupes on read only.
   */
  recentIds?(limit: number): Promise<string[]>;
  /** Releases files and connections; pending appends finish first. */
  close(): Promise<void>;
  /** The spec that reopens this store in another thread (`duckdb:PATH`, `clickhouse:URL`, `memory:`). */
  readonly spec: string;
  /**
   * For a store no other thread may open while this one has it (a DuckDB file: one database
   * per file per process), the stored JSON text of each event `scan` would yield, in the same
   * order: `runQuery` scans here and its worker threads parse and analyze the text
   * (docs/collector.md, "Queries in worker threads"). Absent: workers reopen the store by `spec`.
   */
  scanText?(options?: ScanOptions): AsyncIterable<string>;
}

/**
 * The storage key that orders events: the device id (`anonymousId`).
 *
 * @example
 * ```ts
 * personKey({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a1', url: '/' }); // 'a1'
 * ```
 */
export function personKey(event: FootfallEvent): string {
  // docs/events.md, "Events without a browser": a backend's event names its userId alone; adstats name nobody.
  return event.anonymousId ?? event.userId ?? '';
}

/**
 * The key an event is partitioned by: the core's stitched person (`userId`, else the
 * device's link, else `anonymousId`).
 *
 * @example
 * ```ts
 * partitionKey({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a1', url: '/' }, { a1: 'u1' }); // 'u1'
 * ```
 */
export function partitionKey(event: FootfallEvent, links: Readonly<Record<string, string>> = {}): string {
  return stitchedPerson(event, event.anonymousId !== undefined && Object.hasOwn(links, event.anonymousId) ? links[event.anonymousId] : undefined);
}

/**
 * The stitching rule (the core's `stitchedPerson`) as a SQL expression, for the stores
 * that slice persons in SQL: `userId` when not empty, else `linkedDevice`, the engine's
 * lookup of the device's link that falls back to the device itself. Tested against the
 * core on tricky identify sequences (`identity-parity.test.ts`).
 *
 * @example
 * ```ts
 * personSql('user_id', 'coalesce(links.l_user, person)'); // DuckDB
 * ```
 */
export function personSql(userIdColumn: string, linkedDevice: string): string {
  return `(CASE WHEN ${userIdColumn} <> '' THEN ${userIdColumn} ELSE ${linkedDevice} END)`;
}

/**
 * Whether an event falls into a partition (always true without one).
 *
 * @example
 * ```ts
 * events.filter((e) => inPartition(e, { index: 0, count: 2 }));
 * ```
 */
export function inPartition(event: FootfallEvent, partition: Partition | undefined): boolean {
  return !partition || personSlice(partitionKey(event, partition.links), partition.count) === partition.index;
}

/**
 * Reads the identity links of a store: the core's identity learns them from the events
 * that carry a `userId`, in scan order (for each device, the first `userId` it carried).
 * Pass them in `Partition.links`.
 *
 * @example
 * ```ts
 * const links = await learnLinks(store);
 * store.scan({ partition: { index: 0, count: 2, links } });
 * ```
 */
export async function learnLinks(store: Store, options: Omit<ScanOptions, 'partition' | 'identified'> = {}): Promise<Record<string, string>> {
  const identity = identityLinks();
  for await (const e of store.scan({ ...options, identified: true })) identity.learn(e);
  const links: Record<string, string> = Object.create(null);
  for (const [anonymousId, userId] of identity.links()) links[anonymousId] = userId;
  return links;
}

/**
 * Throws `INVALID_OPTION` unless the partition is `{ index: 0..count-1, count ≥ 1 }`.
 *
 * @example
 * ```ts
 * checkPartition({ index: 2, count: 2 }); // throws: index must be below count
 * ```
 */
export function checkPartition(partition: Partition | undefined): void {
  if (!partition) return;
  const { index, count } = partition;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new FootfallError('INVALID_OPTION', `partition must be { index: 0..count-1, count >= 1 }, got ${JSON.stringify(partition)}: pass integers with index < count`);
  }
}

/**
 * A stored event's JSON text as the event; text that is not JSON fails the scan with a
 * `STORE_FAILED` that names the store, instead of a bare SyntaxError.
 *
 * @example
 * ```ts
 * parseStored('{"id":"e1","type":"page","ts":1,"anonymousId":"a","url":"/"}', 'DuckDB').id; // 'e1'
 * ```
 */
export function parseStored(text: string, storeName: string): StoredEvent {
  try {
    return JSON.parse(text) as StoredEvent;
  } catch (cause) {
    throw new FootfallError('STORE_FAILED', `${storeName} returned a stored event that is not JSON (${JSON.stringify(text.slice(0, 40))}): run the query again, and report it if it persists`, { cause });
  }
}

import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { FootfallError, globToRegExp, parseSteps, stepSubject } from '@footfall/core';
import { randomUUID } from 'node:crypto';
import { personIds } from './person-ids.js';
import { checkPartition, personKey, personSql, type ScanOptions, type Store, type StoredEvent, type StoreStats } from './store.js';

/** Options of the ClickHouse store. */
export interface ClickHouseStoreOptions {
  /** The server's HTTP address. @default 'http://127.0.0.1:8123' */
  url?: string;
  /** Table to use (created when missing). @default 'footfall_events' */
  table?: string;
  /** Database. @default 'default' */
  database?: string;
  /**
   * Seconds ClickHouse keeps a part after a merge or mutation replaced it (`old_parts_lifetime`,
   * set when this store creates the table). Erasure and retention wait until the replaced
   * parts are gone from disk, so this bounds how long they take (docs/privacy.md#erasure).
   * ClickHouse's own default is 480.
   * @default 60
   */
  oldPartsLifetime?: number;
  /** Longest wait for an erasure's mutation and the removal of old parts, ms. @default 900000 */
  eraseTimeoutMs?: number;
}

/** Options of the pushed-down funnel: the CLI's default mode only (`ordered`). */
export interface PushdownFunnelOptions {
  /** Step matchers (`page:/`, `cart:purchase`). */
  steps: readonly string[];
  /** Window, ms. @default 1209600000 (14 days) */
  windowMs?: number;
  /** Only this site's events. @default every site */
  writeKey?: string;
  /** Only events at or after this time, ms. @default no lower bound */
  from?: number;
  /** Only events at or before this time, ms. @default no upper bound */
  to?: number;
  /**
   * Device → user links (`learnLinks(store)`), so that a person who used several devices
   * counts once, as the core counts them. @default none: each device counts as a person
   */
  links?: Readonly<Record<string, string>>;
}

/** Persons that reached each step, as ClickHouse's `windowFunnel` counts them. */
export interface PushdownFunnelResult {
  steps: { step: string; count: number }[];
}

/** Views per URL path, as a GROUP BY counts them. */
export interface PushdownPagesResult {
  pages: { path: string; views: number }[];
}

/** A ClickHouse store: the Store interface (docs/collector.md#stores) plus the queries ClickHouse answers itself. */
export interface ClickHouseStore extends Store {
  /** The default-mode funnel through `windowFunnel`. */
  funnel(options: PushdownFunnelOptions): Promise<PushdownFunnelResult>;
  /** Page views per path through GROUP BY. */
  pageViews(options?: Pick<ScanOptions, 'writeKey' | 'from' | 'to'>): Promise<PushdownPagesResult>;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new FootfallError('INVALID_OPTION', `expected an integer, got ${n}: pass whole milliseconds`);
  return String(n);
};

/**
 * The schema, compatible with ClickHouse 18.16 and later: times are UInt64 ms, the table
 * is a MergeTree ordered by (writeKey, person, ts); dedupe by `id` happens on read
 * (`LIMIT 1 BY id`), since a retried event carries a different skew-corrected `ts`.
 *
 * @example
 * ```ts
 * await fetch('http://127.0.0.1:8123', { method: 'POST', body: clickHouseSchema('footfall_events') });
 * ```
 */
export function clickHouseSchema(table = 'footfall_events', oldPartsLifetime = 60): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  writeKey String, id String, person String, userId String, ts UInt64, type String, subject String, receivedAt UInt64, body String
) ENGINE = MergeTree ORDER BY (writeKey, person, ts) SETTINGS old_parts_lifetime = ${int(oldPartsLifetime)}`;
}


/**
 * A store on a ClickHouse server over HTTP (`@clickhouse/client`). `append` resolves after
 * the INSERT is acknowledged by the server. Also answers the default-mode funnel with
 * `windowFunnel` and page views with GROUP BY (pushdown).
 *
 * @example
 * ```ts
 * const store = await createClickHouseStore({ url: 'http://127.0.0.1:8123' });
 * await store.append(events);
 * const { steps } = await store.funnel({ steps: ['page:/', 'cart:purchase'] });
 * ```
 */
export async function createClickHouseStore(options: ClickHouseStoreOptions = {}): Promise<ClickHouseStore> {
  const url = options.url ?? 'http://127.0.0.1:8123';
  const table = options.table ?? 'footfall_events';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new FootfallError('INVALID_OPTION', `table "${table}" is not a plain identifier: use letters, digits and _`);
  const client: ClickHouseClient = createClient({ url, database: options.database ?? 'default' });
  try {
    await client.command({ query: clickHouseSchema(table, options.oldPartsLifetime) });
  } catch (cause) {
    await client.close();
    throw new FootfallError('STORE_FAILED', `could not reach ClickHouse at ${url}: ${(cause as Error).message}. Start the server or fix the URL`, { cause });
  }

  /** The stitched person of a row: its `userId`, else its device's link, else the device. */
  const stitched = (links: Readonly<Record<string, string>> | undefined) => {
    const entries = Object.entries(links ?? {});
    const device = entries.length
      ? `transform(person, [${entries.map(([a]) => quote(a)).join(',')}], [${entries.map(([, u]) => quote(u)).join(',')}], person)`
      : 'person';
    return personSql('userId', device);
  };
  const where = (o: ScanOptions) => {
    const parts: string[] = [];
    if (o.from !== undefined) parts.push(`ts >= ${int(o.from)}`);
    if (o.to !== undefined) parts.push(`ts <= ${int(o.to)}`);
    if (o.writeKey !== undefined) parts.push(`writeKey = ${quote(o.writeKey)}`);
    if (o.identified) parts.push("userId != ''");
    if (o.partition) parts.push(`cityHash64(${stitched(o.partition.links)}) % ${int(o.partition.count)} = ${int(o.partition.index)}`);
    return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  };
  /** One row per id (the earliest received), with the columns the pushdowns read. */
  const deduped = (o: ScanOptions) => `(SELECT person, userId, ts, type, subject FROM ${table} ${where(o)} ORDER BY receivedAt LIMIT 1 BY id)`;
  const rows = async <T>(query: string): Promise<T[]> => (await client.query({ query, format: 'JSONEachRow' })).json<T>();
  const timeoutMs = options.eraseTimeoutMs ?? 900_000;
  /** Polls until `query` answers 0, or fails after the erase timeout. */
  const until = async (query: string, what: string, started: number) => {
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      const [r] = await rows<{ n: string }>(query);
      if (Number(r.n) === 0) return;
      if (Date.now() - started > timeoutMs) throw new FootfallError('STORE_FAILED', `ClickHouse has not finished ${what} on ${table} after ${timeoutMs} ms: run the erasure again later, and check system.mutations`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  /**
   * Erases the rows matching `condition`: an `ALTER TABLE … DELETE` mutation waited to
   * completion (system.mutations), then until the parts it replaced are removed from disk
   * (system.parts, `active = 0`; `old_parts_lifetime` decides when), since until then the
   * erased rows' bytes are still in the data directory.
   */
  const mutate = async (condition: string): Promise<string[]> => {
    const started = Date.now();
    // GROUP BY, then a Set: an id stored twice (a retried batch) counts once.
    const ids = [...new Set((await rows<{ id: string }>(`SELECT id FROM ${table} WHERE ${condition} GROUP BY id`)).map((r) => r.id))];
    if (!ids.length) return ids;
    await client.command({ query: `ALTER TABLE ${table} DELETE WHERE ${condition}` });
    await until(`SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = ${quote(table)} AND is_done = 0`, 'the delete mutation', started);
    const [left] = await rows<{ n: string }>(`SELECT count() AS n FROM ${table} WHERE ${condition}`);
    if (Number(left.n) !== 0) throw new FootfallError('STORE_FAILED', `ClickHouse still holds ${left.n} of the erased rows of ${table} after the mutation: run the erasure again`);
    await until(`SELECT count() AS n FROM system.parts WHERE database = currentDatabase() AND table = ${quote(table)} AND active = 0`, 'removing the replaced parts', started);
    return ids;
  };

  const store: ClickHouseStore = {
    spec: `clickhouse:${url}${table === 'footfall_events' ? '' : `#${table}`}`,
    async append(events) {
      if (events.length === 0) return;
      try {
        await client.insert({
          table,
          format: 'JSONEachRow',
          values: events.map((e) => ({
            writeKey: e.writeKey ?? '', id: e.id, person: personKey(e), userId: e.userId ?? '', ts: e.ts, type: e.type,
            subject: stepSubject(e), receivedAt: e.receivedAt ?? e.ts, body: JSON.stringify(e),
          })),
        });
      } catch (cause) {
        throw new FootfallError('STORE_FAILED', `ClickHouse did not take the batch: ${(cause as Error).message}. The client will retry; check the server`, { cause });
      }
    },
    async *scan(o: ScanOptions = {}) {
      checkPartition(o.partition);
      const result = await client.query({
        query: `SELECT body FROM (SELECT body, person, ts, id FROM ${table} ${where(o)} ORDER BY receivedAt, ts LIMIT 1 BY id) ORDER BY ts, id`,
        format: 'JSONEachRow',
        // The identity links travel inside the query text.
        clickhouse_settings: { max_query_size: '1073741824' },
      });
      for await (const batch of result.stream<{ body: string }>()) {
        for (const row of batch) yield JSON.parse(row.json().body) as StoredEvent;
      }
    },
    async recentIds(limit) {
      return (await rows<{ id: string }>(`SELECT id FROM ${table} ORDER BY receivedAt DESC LIMIT ${int(Math.max(0, Math.floor(limit)))}`)).map((r) => r.id);
    },
    async stats(): Promise<StoreStats> {
      const [r] = await rows<{ events: string; persons: string; firstTs: string; lastTs: string }>(
        `SELECT uniqExact(id) AS events, uniqExact(person) AS persons, min(ts) AS firstTs, max(ts) AS lastTs FROM ${table}`,
      );
      const events = Number(r.events);
      return { events, persons: Number(r.persons), firstTs: events ? Number(r.firstTs) : null, lastTs: events ? Number(r.lastTs) : null };
    },
    async funnel(f) {
      const steps = parseSteps(f.steps);
      const windowMs = f.windowMs ?? 14 * 24 * 3600 * 1000;
      const conditions = steps.map((s) =>
        s.pattern === undefined ? `type = ${quote(s.type)}` : `type = ${quote(s.type)} AND match(subject, ${quote(globToRegExp(s.pattern).source)})`,
      );
      // Grouped by the stitched person, as the core counts. windowFunnel needs UInt32 times:
      // ms relative to the person's first event (49 days of span).
      const range = { writeKey: f.writeKey, from: f.from, to: f.to };
      const person = stitched(f.links);
      const query = `SELECT level, count() AS persons FROM (
          SELECT p, windowFunnel(${int(windowMs)})(toUInt32(least(ts - m, 4294967295)), ${conditions.join(', ')}) AS level
          FROM (SELECT ${person} AS p, ts, type, subject FROM ${deduped(range)})
          ANY INNER JOIN (SELECT ${person} AS p, min(ts) AS m FROM ${table} ${where(range)} GROUP BY p) USING p
          GROUP BY p
        ) GROUP BY level`;
      const byLevel = await rows<{ level: string | number; persons: string }>(query);
      const counts = steps.map((_, k) => byLevel.filter((r) => Number(r.level) >= k + 1).reduce((sum, r) => sum + Number(r.persons), 0));
      return { steps: steps.map((s, k) => ({ step: s.text, count: counts[k] })) };
    },
    async pageViews(o = {}) {
      const result = await rows<{ path: string; views: string }>(
        `SELECT subject AS path, count() AS views FROM ${deduped({ writeKey: o.writeKey, from: o.from, to: o.to })} WHERE type = 'page' GROUP BY path ORDER BY views DESC, path`,
      );
      return { pages: result.map((r) => ({ path: r.path, views: Number(r.views) })) };
    },
    async forget(id) {
      const ids = await personIds(store, id);
      // The ids travel in a Memory table, so that the mutation's text (kept in the data
      // directory and system.mutations) names no person.
      const keys = `${table}_forget_${randomUUID().replace(/-/g, '')}`;
      await client.command({ query: `CREATE TABLE ${keys} (kind String, value String) ENGINE = Memory` });
      try {
        await client.insert({ table: keys, format: 'JSONEachRow', values: [{ kind: 'user', value: ids.person }, ...ids.devices.map((value) => ({ kind: 'device', value }))] });
        const eventIds = await mutate(
          `userId IN (SELECT value FROM ${keys} WHERE kind = 'user') OR (userId = '' AND person IN (SELECT value FROM ${keys} WHERE kind = 'device'))`,
        );
        return { person: ids.person, removed: eventIds.length, eventIds };
      } catch (cause) {
        if (cause instanceof FootfallError) throw cause;
        throw new FootfallError('STORE_FAILED', `ClickHouse did not erase the person: ${(cause as Error).message}. Run it again`, { cause });
      } finally {
        // A mutation still running (after the timeout) needs its keys: then `<table>_forget_*` stays until it is done.
        const [pending] = await rows<{ n: string }>(`SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND table = ${quote(table)} AND is_done = 0`).catch(() => [{ n: '1' }]);
        if (Number(pending.n) === 0) await client.command({ query: `DROP TABLE IF EXISTS ${keys}` }).catch(() => {});
      }
    },
    async expire(before) {
      try {
        return { removed: (await mutate(`ts < ${int(Math.max(0, Math.floor(before)))}`)).length };
      } catch (cause) {
        if (cause instanceof FootfallError) throw cause;
        throw new FootfallError('STORE_FAILED', `ClickHouse did not expire events: ${(cause as Error).message}. Run it again`, { cause });
      }
    },
    async close() {
      await client.close();
    },
  };
  return store;
}

import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { FootfallError } from '@footfall/core';
import { checkPartition, personKey, type ScanOptions, type Store, type StoredEvent, type StoreStats } from './store.js';

/** Options of the DuckDB store. */
export interface DuckDbStoreOptions {
  /** The database file (`:memory:` for a throwaway one). @default './footfall.duckdb' */
  path?: string;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  write_key VARCHAR, id VARCHAR, person VARCHAR, user_id VARCHAR, ts BIGINT, type VARCHAR, received_at BIGINT, body VARCHAR
)`;

interface Pending {
  events: readonly StoredEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The default store: one DuckDB file. Appends are group-committed: every append that
 * arrives while a commit runs joins the next one, so many small batches cost one
 * commit, and `append` resolves only after its rows are committed to the file (WAL).
 * Dedupe by `id` happens on read (the first received copy wins).
 *
 * One process owns the file while it runs (DuckDB's lock); other threads of that
 * process share it through DuckDB's instance cache.
 *
 * @example
 * ```ts
 * const store = await createDuckDbStore({ path: './footfall.duckdb' });
 * await store.append(events);
 * for await (const e of store.scan()) console.log(e.type);
 * await store.close();
 * ```
 */
export async function createDuckDbStore(options: DuckDbStoreOptions = {}): Promise<Store> {
  const path = options.path ?? './footfall.duckdb';
  let instance: DuckDBInstance;
  let writer: DuckDBConnection;
  let appender: DuckDBAppender;
  try {
    instance = path === ':memory:' ? await DuckDBInstance.create(path) : await DuckDBInstance.fromCache(path);
    writer = await instance.connect();
    await writer.run(SCHEMA);
    appender = await writer.createAppender('events');
  } catch (cause) {
    throw new FootfallError('STORE_FAILED', `could not open the DuckDB file ${path}: ${(cause as Error).message}. Check the path, and that no other process has it open`, { cause });
  }
  let queue: Pending[] = [];
  let scheduled = false;
  let closed = false;

  /** Appends every queued batch and commits them together. */
  const commit = () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      for (const { events } of batch) {
        for (const e of events) {
          appender.appendVarchar(e.writeKey ?? '');
          appender.appendVarchar(e.id);
          appender.appendVarchar(personKey(e));
          appender.appendVarchar(e.userId ?? '');
          appender.appendBigInt(BigInt(e.ts));
          appender.appendVarchar(e.type);
          appender.appendBigInt(BigInt(e.receivedAt ?? e.ts));
          appender.appendVarchar(JSON.stringify(e));
          appender.endRow();
        }
      }
      appender.flushSync();
      for (const p of batch) p.resolve();
    } catch (cause) {
      try { appender.clear(); } catch { /* the appender is replaced below */ }
      const error = new FootfallError('STORE_FAILED', `DuckDB did not commit the batch: ${(cause as Error).message}. The client will retry; check disk space and the file`, { cause });
      for (const p of batch) p.reject(error);
    }
  };

  const where = (o: ScanOptions, values: (number | string)[]) => {
    const parts: string[] = [];
    if (o.from !== undefined) { values.push(o.from); parts.push(`ts >= $${values.length}`); }
    if (o.to !== undefined) { values.push(o.to); parts.push(`ts <= $${values.length}`); }
    if (o.writeKey !== undefined) { values.push(o.writeKey); parts.push(`write_key = $${values.length}`); }
    if (o.identified) parts.push("user_id <> ''");
    if (o.partition) {
      const linked = Object.keys(o.partition.links ?? {}).length > 0;
      parts.push(`hash(coalesce(nullif(user_id, ''), ${linked ? 'links.l_user' : 'NULL'}, person)) % ${o.partition.count} = ${o.partition.index}`);
    }
    return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  };

  return {
    spec: `duckdb:${path}`,
    append(events) {
      if (closed) return Promise.reject(new FootfallError('STORE_FAILED', 'the DuckDB store is closed: open it again'));
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(commit);
        }
      });
    },
    async *scan(options: ScanOptions = {}) {
      checkPartition(options.partition);
      const values: (number | string)[] = [];
      const links = Object.entries(options.partition?.links ?? {});
      const join = links.length ? 'LEFT JOIN links ON links.l_anon = events.person' : '';
      const sql = `SELECT body FROM events ${join} ${where(options, values)}
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY received_at, ts) = 1
        ORDER BY person, ts, id`;
      const connection = await instance.connect();
      try {
        if (links.length) {
          await connection.run('CREATE TEMP TABLE links (l_anon VARCHAR, l_user VARCHAR)');
          const a = await connection.createAppender('links', 'main', 'temp');
          for (const [anon, user] of links) {
            a.appendVarchar(anon);
            a.appendVarchar(user);
            a.endRow();
          }
          a.closeSync();
        }
        const result = await connection.stream(sql, values);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          for (const [body] of chunk.getRows()) yield JSON.parse(body as string) as StoredEvent;
        }
      } finally {
        connection.closeSync();
      }
    },
    async stats(): Promise<StoreStats> {
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(
          'SELECT count(DISTINCT id)::DOUBLE, count(DISTINCT person)::DOUBLE, min(ts)::DOUBLE, max(ts)::DOUBLE FROM events',
        );
        const [events, persons, firstTs, lastTs] = reader.getRows()[0] as (number | null)[];
        return { events: events ?? 0, persons: persons ?? 0, firstTs, lastTs };
      } finally {
        connection.closeSync();
      }
    },
    async close() {
      if (closed) return;
      commit();
      closed = true;
      appender.closeSync();
      writer.closeSync();
      if (path === ':memory:') instance.closeSync();
    },
  };
}

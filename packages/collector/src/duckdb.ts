import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { open as fsOpen, rename, rm } from 'node:fs/promises';
import { dirname, resolve as resolvePath } from 'node:path';
import { FootfallError } from '@footfall/core';
import { personIds } from './person-ids.js';
import { checkPartition, parseStored, personKey, personSql, type ScanOptions, type Store, type StoredEvent, type StoreStats } from './store.js';

/** Options of the DuckDB store. */
export interface DuckDbStoreOptions {
  /** The database file (`:memory:` for a throwaway one). @default './footfall.duckdb' */
  path?: string;
  /**
   * WAL size that triggers a checkpoint. Checkpoints are what costs most when ingesting,
   * so fewer, larger ones keep throughput up; a bigger WAL only makes a restart replay longer.
   * @default '256MB'
   */
  checkpointAfter?: string;
  /**
   * Writer connections committing in parallel. One is enough: while it commits, the next
   * group gathers in memory; a second one splits groups smaller, and each commit has a fixed
   * cost (~0.4 ms CPU: statement, WAL sync), so two measured 5–10% more CPU per event at
   * the same rate. @default 1
   */
  writers?: number;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS events (
  write_key VARCHAR, id VARCHAR, person VARCHAR, user_id VARCHAR, ts BIGINT, type VARCHAR, received_at BIGINT, body VARCHAR
)`;

/** One writer: a connection with its prepared INSERT (and an appender for odd rows). */
interface Lane {
  connection: DuckDBConnection;
  insert: DuckDBPreparedStatement;
  appender: DuckDBAppender;
}

/**
 * The rows of a group travel as eight strings, one per column, one row a line, and one
 * INSERT statement (autocommit) splits each inside DuckDB and zips them back into rows
 * (`unnest` of equal-length lists, docs/collector.md, "Throughput"). That statement runs
 * wholly on libuv's thread pool: the event loop only builds the strings. (The appender's
 * `flushSync` ran on the event loop and waited there while the other lane committed: a
 * fifth of the loop's time under load. One string of whole rows, split by line and then
 * each row by U+001F, cost DuckDB a list of eight copied strings per row.) `body` is
 * `JSON.stringify` output and the integers are digits, which never hold a raw newline; the
 * other text fields may, so a group with such a field takes the appender instead.
 */
const INSERT = `INSERT INTO events SELECT
  unnest(string_split($1, chr(10))), unnest(string_split($2, chr(10))), unnest(string_split($3, chr(10))), unnest(string_split($4, chr(10))),
  unnest(string_split($5, chr(10)))::BIGINT, unnest(string_split($6, chr(10))), unnest(string_split($7, chr(10)))::BIGINT, unnest(string_split($8, chr(10)))`;
/** The INSERT's columns, in its parameters' order. */
const COLUMNS = 8;

/**
 * One append's rows as the INSERT's column texts, or undefined when a text field holds a
 * newline (or a number cannot be written). Built when `append` is called, not when the group
 * starts, so a free writer starts the next group at once instead of waiting for the event
 * loop to serialise all of it (and what is stored is the event as it was handed over).
 */
function columnsText(events: readonly StoredEvent[]): string[] | undefined {
  // Joined once per column: flat strings, where `+=` left ropes that binding had to flatten.
  const writeKeys: string[] = [];
  const ids: string[] = [];
  const persons: string[] = [];
  const userIds: string[] = [];
  const tss: string[] = [];
  const types: string[] = [];
  const receivedAts: string[] = [];
  const bodies: string[] = [];
  try {
    for (const e of events) {
      const writeKey = e.writeKey ?? '';
      const person = personKey(e);
      const userId = e.userId ?? '';
      if (writeKey.includes('\n') || e.id.includes('\n') || person.includes('\n') || userId.includes('\n') || e.type.includes('\n')) return undefined;
      writeKeys.push(writeKey);
      ids.push(e.id);
      persons.push(person);
      userIds.push(userId);
      tss.push(bigint(e.ts));
      types.push(e.type);
      receivedAts.push(bigint(e.receivedAt ?? e.ts));
      bodies.push(JSON.stringify(e));
    }
  } catch {
    return undefined; // the appender path reports it, failing the group as before
  }
  return [writeKeys, ids, persons, userIds, tss, types, receivedAts, bodies].map((column) => column.join('\n'));
}

/** A BIGINT literal: an integer ms as digits (validated integers; `1e+21` and the like fail the cast, as BigInt did). */
function bigint(ms: number): string {
  return Number.isSafeInteger(ms) ? String(ms) : BigInt(ms).toString();
}

/** The appender path, for groups with a newline in a text field. */
async function appendRows({ connection, appender }: Lane, batch: readonly Pending[]): Promise<void> {
  try {
    await connection.run('BEGIN TRANSACTION');
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
    await connection.run('COMMIT');
  } catch (cause) {
    try { appender.clear(); } catch { /* nothing buffered */ }
    await connection.run('ROLLBACK').catch(() => {});
    throw cause;
  }
}

/**
 * Writes the group in one transaction on a lane and commits it; resolves every batch's
 * `append` after the commit, or rejects every one of them.
 */
async function commitOn(lane: Lane, batch: Pending[]): Promise<void> {
  try {
    if (batch.some((p) => p.columns === undefined)) {
      await appendRows(lane, batch);
    } else {
      for (let c = 0; c < COLUMNS; c++) lane.insert.bindVarchar(c + 1, batch.length === 1 ? batch[0].columns![c] : batch.map((p) => p.columns![c]).join('\n'));
      await lane.insert.run();
    }
  } catch (cause) {
    const error = new FootfallError('STORE_FAILED', `DuckDB did not commit the batch: ${(cause as Error).message}. The client will retry; check disk space and the file`, { cause });
    for (const p of batch) p.reject(error);
    return;
  }
  for (const p of batch) p.resolve();
}

function closeLane({ appender, insert, connection }: Lane): void {
  insert.destroySync();
  appender.closeSync();
  connection.closeSync();
}

/** Makes a rename durable (best effort: some file systems cannot open a directory). */
async function syncDir(dir: string): Promise<void> {
  const handle = await fsOpen(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => {});
  await handle?.close();
}

/**
 * Store objects open per file in this thread. They share one DuckDB instance (the instance
 * cache), so a file is rewritten only when one store has it open.
 */
const OPEN_FILES = new Map<string, number>();

interface Pending {
  events: readonly StoredEvent[];
  /** The rows as the INSERT's column texts (`columnsText`); undefined sends the group through the appender. */
  columns: string[] | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The default store: one DuckDB file. Appends are group-committed: every append that
 * arrives while the writers are busy joins the next transaction, so many small batches
 * cost one transaction, and `append` resolves only after its rows are committed (WAL
 * written and synced). A group is one INSERT statement that runs off the event loop, so the
 * loop keeps parsing the next requests while DuckDB commits. Dedupe by `id` happens on
 * read (the first received copy wins).
 *
 * One process owns the file while it runs (DuckDB's lock); other threads of that
 * process share it through DuckDB's instance cache.
 *
 * `forget` and `expire` rewrite the file without the erased rows and swap it in, since
 * DuckDB's DELETE leaves their bytes in the file (docs/privacy.md#erasure); meanwhile
 * appends queue and new scans wait.
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
  const checkpoint = options.checkpointAfter ?? '256MB';
  let instance!: DuckDBInstance;
  let lanes: Lane[] = [];
  /** Whether the table holds a committed row (see `scan`). */
  let filled = false;
  /** Opens the file (again, after a rewrite) with its writer lanes. */
  const open = async () => {
    try {
      instance = path === ':memory:' ? await DuckDBInstance.create(path) : await DuckDBInstance.fromCache(path);
      const setup = await instance.connect();
      if (!/^\d+\s*[KMG]?i?B$/i.test(checkpoint)) throw new Error(`checkpointAfter "${checkpoint}" is not a size such as 256MB`);
      await setup.run(`SET wal_autocheckpoint = '${checkpoint}'`);
      await setup.run(SCHEMA);
      filled = (await setup.runAndReadAll('SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)')).getRows()[0][0] !== 0n;
      setup.closeSync();
      lanes = [];
      for (let i = 0; i < (options.writers ?? 1); i++) {
        const connection = await instance.connect();
        lanes.push({ connection, insert: await connection.prepare(INSERT), appender: await connection.createAppender('events') });
      }
    } catch (cause) {
      throw new FootfallError('STORE_FAILED', `could not open the DuckDB file ${path}: ${(cause as Error).message}. Check the path, and that no other process has it open`, { cause });
    }
  };
  await open();
  const fileKey = resolvePath(path);
  OPEN_FILES.set(fileKey, (OPEN_FILES.get(fileKey) ?? 0) + 1);
  let queue: Pending[] = [];
  let free = [...lanes];
  let idle: (() => void) | undefined;
  let closed = false;
  /** Set while the file is rewritten (erasure, retention): commits and new scans wait for it. */
  let rewriting: Promise<void> | undefined;
  let scans = 0;

  /** Starts a transaction on every free lane that has queued batches to take. */
  const pump = () => {
    if (rewriting) return;
    while (queue.length && free.length) {
      const lane = free.pop()!;
      const batch = queue;
      queue = [];
      void commitOn(lane, batch).then(() => {
        filled = true;
        free.push(lane);
        pump();
      });
    }
    if (free.length === lanes.length && !queue.length) idle?.();
  };

  /**
   * Erases the rows matching `condition` so that their bytes leave the file: DELETE and
   * CHECKPOINT (and VACUUM) only mark rows deleted or free their blocks, whose old bytes stay
   * in the file (measured: docs/privacy.md#erasure). So the rows kept are copied into a new
   * file, the old file is closed and the new one renamed over it (atomic), and the store
   * reopens. Commits queue meanwhile; scans in flight finish first.
   */
  const rewrite = async (condition: string, values: (string | number)[]): Promise<string[]> => {
    while (rewriting) await rewriting;
    let finished!: () => void;
    rewriting = new Promise<void>((resolve) => { finished = resolve; });
    try {
      while (free.length < lanes.length || scans > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const connection = await instance.connect();
      let ids: string[];
      const fresh = `${path}.rewrite`;
      try {
        ids = (await connection.runAndReadAll(`SELECT DISTINCT id FROM events WHERE ${condition}`, values)).getRows().map(([id]) => id as string);
        if (!ids.length) return ids;
        if (path === ':memory:') {
          await connection.run(`DELETE FROM events WHERE ${condition}`, values);
          return ids;
        }
        if ((OPEN_FILES.get(fileKey) ?? 0) > 1) {
          throw new FootfallError('STORE_FAILED', `another store of ${path} is open in this process: close it before erasing, so the file can be rewritten`);
        }
        await rm(fresh, { force: true });
        await rm(`${fresh}.wal`, { force: true });
        await connection.run(`ATTACH '${fresh.replace(/'/g, "''")}' AS footfall_rewrite`);
        await connection.run(`CREATE TABLE footfall_rewrite.events AS SELECT * FROM events WHERE NOT coalesce(${condition}, false)`, values);
        await connection.run('DETACH footfall_rewrite');
      } finally {
        connection.closeSync();
      }
      for (const lane of lanes) closeLane(lane);
      instance.closeSync();
      try {
        // The old WAL was checkpointed on close; one left over must never replay onto the new file.
        await rm(`${path}.wal`, { force: true });
        await rename(fresh, path);
        await syncDir(dirname(path));
      } finally {
        await open();
        free = [...lanes];
      }
      const check = await instance.connect();
      try {
        const [[left]] = (await check.runAndReadAll(`SELECT count(*)::DOUBLE FROM events WHERE ${condition}`, values)).getRows();
        if (left !== 0) throw new FootfallError('STORE_FAILED', `the DuckDB file ${path} still holds ${left} of the erased rows after the rewrite: run the erasure again`);
      } finally {
        check.closeSync();
      }
      return ids;
    } catch (cause) {
      if (cause instanceof FootfallError) throw cause;
      throw new FootfallError('STORE_FAILED', `could not erase from the DuckDB file ${path}: ${(cause as Error).message}. Nothing was erased if the file was not swapped; run it again`, { cause });
    } finally {
      rewriting = undefined;
      finished();
      pump();
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
      parts.push(`hash(${personSql('user_id', linked ? 'coalesce(links.l_user, person)' : 'person')}) % ${o.partition.count} = ${o.partition.index}`);
    }
    return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  };

  const store: Store = {
    spec: `duckdb:${path}`,
    append(events) {
      if (closed) return Promise.reject(new FootfallError('STORE_FAILED', 'the DuckDB store is closed: open it again'));
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ events, columns: columnsText(events), resolve, reject });
        // Let the requests already parsed join this transaction.
        if (queue.length === 1) setImmediate(pump);
      });
    },
    async *scan(options: ScanOptions = {}) {
      for await (const body of store.scanText!(options)) yield parseStored(body, 'DuckDB');
    },
    async *scanText(options: ScanOptions = {}) {
      checkPartition(options.partition);
      const values: (number | string)[] = [];
      const links = Object.entries(options.partition?.links ?? {});
      const join = links.length ? 'LEFT JOIN links ON links.l_anon = events.person' : '';
      const sql = `SELECT body FROM events ${join} ${where(options, values)}
        QUALIFY row_number() OVER (PARTITION BY id ORDER BY received_at, ts) = 1
        ORDER BY ts, id`;
      while (rewriting) await rewriting;
      // A scan racing the first commits into an empty table read every body as one garbage
      // letter (about one run in ten: docs/collector.md, "DuckDB"): until a commit has landed,
      // scans wait for the commits in flight.
      while (!filled && (queue.length || free.length < lanes.length)) await new Promise((resolve) => setTimeout(resolve, 2));
      scans++;
      let connection: DuckDBConnection;
      try {
        connection = await instance.connect();
      } catch (error) {
        scans--;
        throw error;
      }
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
          for (const [body] of chunk.getRows()) yield body as string;
        }
      } finally {
        connection.closeSync();
        scans--;
      }
    },
    async forget(id) {
      const ids = await personIds(store, id);
      const values: string[] = [ids.person, ...ids.devices];
      const devices = ids.devices.length ? `person IN (${ids.devices.map((_, i) => `$${i + 2}`).join(', ')})` : 'false';
      const eventIds = await rewrite(`(user_id = $1 OR (user_id = '' AND ${devices}))`, values);
      return { person: ids.person, removed: eventIds.length, eventIds };
    },
    async expire(before) {
      return { removed: (await rewrite('ts < $1', [before])).length };
    },
    async recentIds(limit) {
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll('SELECT id FROM events ORDER BY received_at DESC LIMIT $1', [Math.max(0, Math.floor(limit))]);
        return reader.getRows().map(([id]) => id as string);
      } finally {
        connection.closeSync();
      }
    },
    async stats(): Promise<StoreStats> {
      while (rewriting) await rewriting;
      scans++;
      const connection = await instance.connect().catch((error: unknown) => {
        scans--;
        throw error;
      });
      try {
        const reader = await connection.runAndReadAll(
          'SELECT count(DISTINCT id)::DOUBLE, count(DISTINCT person)::DOUBLE, min(ts)::DOUBLE, max(ts)::DOUBLE FROM events',
        );
        const [events, persons, firstTs, lastTs] = reader.getRows()[0] as (number | null)[];
        return { events: events ?? 0, persons: persons ?? 0, firstTs, lastTs };
      } finally {
        connection.closeSync();
        scans--;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      while (rewriting) await rewriting;
      OPEN_FILES.set(fileKey, (OPEN_FILES.get(fileKey) ?? 1) - 1);
      if (queue.length || free.length < lanes.length) await new Promise<void>((done) => { idle = done; pump(); });
      for (const lane of lanes) closeLane(lane);
      // Drops this store's hold on the cached instance (other stores of the file keep theirs), so
      // that once none is left the file is really closed and a rewrite's reopen reads the new file.
      instance.closeSync();
    },
  };
  return store;
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeStream, FootfallError, parseState, type Analyzer, type SessionFilterOptions } from '@footfall/core';
import { queryFilter } from './query-filter.js';
import { createQueryAnalyzer, type QueryName } from './query-params.js';
import { learnLinks, type Partition, type ScanOptions, type Store, type StoredEvent } from './store.js';

/** A query: an endpoint name and its parameters (the CLI's options). */
export interface Query {
  name: QueryName;
  /** URL-encoded parameters, e.g. `step=page:/&step=cart:purchase`; `channel` and `device` filter whole sessions. */
  params: string;
  /** Time range and site. @default everything */
  scan?: Omit<ScanOptions, 'partition'>;
}

/**
 * Runs analyzers over a store: pass 1 teaches the normalizer identity links, pass 2
 * normalizes (person, session, channel, agent) and feeds each analyzer the events of the
 * sessions `filter` keeps (entry channel, first event's device; default every session).
 *
 * @example
 * ```ts
 * const [kpis] = await feedStore(store, [createKpis()]);
 * kpis.result();
 * ```
 */
export async function feedStore<A extends Analyzer<unknown, unknown>>(store: Store, analyzers: A[], scan: ScanOptions = {}, filter: SessionFilterOptions = {}): Promise<A[]> {
  // A store's scan yields each id once (docs/events.md, "Duplicates"): the normalizer need not dedupe again.
  await analyzeStream({ [Symbol.asyncIterator]: () => store.scan(scan)[Symbol.asyncIterator]() }, analyzers, { filter, deduped: true });
  return analyzers;
}

/**
 * The state of one query's analyzer over the events of one partition, as a scan yields them
 * (read once: the partition's links are every link its persons have).
 */
export async function partitionState(events: AsyncIterable<StoredEvent>, query: Query, partition: Partition): Promise<unknown> {
  const params = new URLSearchParams(query.params);
  const analyzer = createQueryAnalyzer(query.name, params);
  await analyzeStream(events, [analyzer], { filter: queryFilter(params), deduped: true, links: Object.entries(partition.links ?? {}) });
  return analyzer.state;
}

/** Stored events from which queries use worker threads by default. */
const PARALLEL_FROM = 200_000;

/** Options of `runQuery`. */
export interface RunQueryOptions {
  /**
   * Partitions run in parallel worker threads; 1 runs in this thread.
   * @default min(cores, 4) from 200,000 stored events on; below that, and for the memory store, 1 (starting workers costs more than it saves)
   */
  partitions?: number;
}

/**
 * Runs a query over a store and returns the analyzer's result. With several partitions,
 * the identity links are read first (events with a `userId`), then each worker thread opens
 * the store by its spec, scans its slice of stitched persons and sends its analyzer state
 * back; the states are merged, which equals one run over everything.
 *
 * @example
 * ```ts
 * const pages = await runQuery(store, { name: 'pages', params: '' }, { partitions: 2 });
 * ```
 */
export async function runQuery(store: Store, query: Query, options: RunQueryOptions = {}): Promise<unknown> {
  let count = Math.max(1, options.partitions ?? Math.min(availableParallelism(), 4));
  // A store that lives only in this thread's memory cannot be reopened by a worker.
  if (store.spec === 'memory:' || store.spec === 'duckdb::memory:') count = 1;
  else if (options.partitions === undefined && count > 1 && (await store.stats()).events < PARALLEL_FROM) count = 1;
  const params = new URLSearchParams(query.params);
  const analyzer = createQueryAnalyzer(query.name, params);
  const filter = queryFilter(params);
  if (count === 1) {
    await feedStore(store, [analyzer], query.scan, filter);
    return analyzer.result();
  }
  const links = await learnLinks(store, query.scan);
  const states = await Promise.all(Array.from({ length: count }, (_, index) => inWorker(store, query, { index, count, links })));
  for (const state of states) analyzer.merge(typeof state === 'string' ? parseState(state) : state);
  return analyzer.result();
}

/** The built worker: beside the entry (`dist/`), above a chunk (`dist/chunks/`), or in `dist/` seen from `src/`. */
function workerFile(): string {
  for (const candidate of ['./query-worker.js', '../query-worker.js', '../dist/query-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  throw new FootfallError('STORE_FAILED', 'the query worker is not built: run `npm run build`');
}

/** Batches of stored text a worker may have queued before the scan waits for it. */
const QUEUED_BATCHES = 4;
/** Stored events per message to a worker. */
const BATCH = 1000;

/**
 * One partition in a worker thread. A store with `scanText` (DuckDB: one database per file
 * per process) is scanned here and the worker gets the text; any other store is reopened by
 * the worker from its spec.
 */
function inWorker(store: Store, query: Query, partition: Partition): Promise<unknown> {
  const fed = store.scanText !== undefined;
  const worker = new Worker(workerFile(), { workerData: { spec: store.spec, query, partition, fed } });
  let queued = 0;
  let resume: (() => void) | undefined;
  let failed: Error | undefined;
  const result = new Promise<unknown>((resolve, reject) => {
    const fail = (error: Error) => {
      failed ??= error;
      reject(failed);
      resume?.();
    };
    worker.on('message', (m: { ack?: true; state?: unknown; error?: { code: string; message: string } }) => {
      if (m.ack) {
        queued--;
        if (queued < QUEUED_BATCHES) resume?.();
      } else if (m.error) fail(new FootfallError(m.error.code as FootfallError['code'], m.error.message));
      else resolve(m.state);
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new FootfallError('STORE_FAILED', `a query thread stopped (exit code ${code}) before it answered: run the query again, or with partitions: 1`)));
  });
  if (!fed) return result;
  const feed = async () => {
    let batch: string[] = [];
    const send = async () => {
      queued++;
      worker.postMessage({ texts: batch });
      batch = [];
      while (queued >= QUEUED_BATCHES && !failed) await new Promise<void>((r) => (resume = r));
      resume = undefined;
    };
    try {
      for await (const text of store.scanText!({ ...query.scan, partition })) {
        if (failed) return;
        batch.push(text);
        if (batch.length === BATCH) await send();
      }
      if (batch.length) await send();
      worker.postMessage({ end: true });
    } catch (error) {
      // The worker holds no native handle here: it stops once told, and the scan's error is the answer.
      worker.postMessage({ abort: true });
      throw error;
    }
  };
  return Promise.all([result, feed()]).then(([state]) => state);
}

/** Worker-thread entry of `runQuery`: opens the store, scans one partition, posts the analyzer state. */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open-store.js';
import { partitionState, type Query } from './run-query.js';
import type { Partition } from './store.js';

async function main(): Promise<void> {
  const { spec, query, partition } = workerData as { spec: string; query: Query; partition: Partition };
  try {
    const store = await openStore(spec);
    let state: unknown;
    try {
      state = await partitionState(store, query, partition);
    } finally {
      await store.close();
    }
    // The thread then ends by itself; terminating it under DuckDB's native handles can abort the process.
    parentPort!.postMessage({ state });
  } catch (error) {
    const e = error as { code?: string; message: string };
    parentPort!.postMessage({ error: { code: e.code ?? 'STORE_FAILED', message: e.message } });
  }
}

void main();

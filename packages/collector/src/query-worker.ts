/**
 * Worker-thread entry of `runQuery`: analyzes one partition and posts the analyzer state (as JSON text).
 * Fed (a DuckDB file, which only the thread that opened it may use): the stored text comes
 * in messages, acknowledged one batch at a time. Otherwise it opens the store by its spec.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { stateMessage } from '@footfall/core';
import { partitionState, type Query } from './run-query.js';
import { parseStored, type Partition, type StoredEvent } from './store.js';

interface Task {
  spec: string;
  query: Query;
  partition: Partition;
  fed: boolean;
}

/** The events of the text batches this thread is sent, until `end`; `abort` ends the thread quietly. */
async function* received(spec: string): AsyncGenerator<StoredEvent> {
  const batches: (string[] | 'end' | 'abort')[] = [];
  let wake: (() => void) | undefined;
  parentPort!.on('message', (m: { texts?: string[]; end?: true; abort?: true }) => {
    batches.push(m.texts ?? (m.end ? 'end' : 'abort'));
    wake?.();
  });
  for (;;) {
    while (batches.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const batch = batches.shift()!;
    if (batch === 'end') return;
    if (batch === 'abort') process.exit(0);
    for (const text of batch) yield parseStored(text, `the store ${spec}`);
    parentPort!.postMessage({ ack: true });
  }
}

async function main(): Promise<void> {
  const { spec, query, partition, fed } = workerData as Task;
  try {
    let state: unknown;
    if (fed) {
      state = await partitionState(received(spec), query, partition);
    } else {
      const { openStore } = await import('./open-store.js');
      const store = await openStore(spec);
      try {
        state = await partitionState(store.scan({ ...query.scan, partition }), query, partition);
      } finally {
        await store.close();
      }
    }
    // The thread then ends by itself; terminating it under DuckDB's native handles can abort the process.
    // As JSON text (the core's stateMessage): the main thread reads it with parseState, which merge takes without copying.
    parentPort!.postMessage({ state: stateMessage(state) });
  } catch (error) {
    const e = error as { code?: string; message: string };
    parentPort!.postMessage({ error: { code: e.code ?? 'STORE_FAILED', message: e.message } });
  } finally {
    // Nothing more comes in: the port no longer keeps the thread alive.
    parentPort!.removeAllListeners('message');
    parentPort!.unref();
  }
}

void main();

/**
 * Worker-thread entry of `analyzeFiles`: starts at once (loading its modules while the main
 * thread learns the identity links), then takes the links, its shard's lines batch by batch
 * (acknowledging each, so that the reader can hold back), and `end`, to which it answers with
 * its analyzer states and bad lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FootfallEvent } from '@footfall/core';
import { runShard, type ShardRun, type ShardTask } from './reader/run-shard.js';
import type { ShardLines } from './reader/split-by-person.js';

let run: ShardRun | undefined;
parentPort!.on('message', (m: { links?: FootfallEvent[]; lines?: ShardLines; end?: true }) => {
  try {
    if (m.links) run = runShard(workerData as ShardTask, m.links);
    else if (m.lines) {
      run!.feed(m.lines);
      parentPort!.postMessage({ ack: true });
    } else if (m.end) {
      const result = run!.result();
      parentPort!.postMessage({ result }, result.ids ? [result.ids.buffer as ArrayBuffer] : []);
      parentPort!.close();
    }
  } catch (error) {
    const e = error as { code?: string; message: string };
    parentPort!.postMessage({ error: { code: e.code ?? 'INPUT_UNREADABLE', message: e.message } });
    parentPort!.close();
  }
});

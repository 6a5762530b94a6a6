/**
 * Worker-thread entry of `analyzeFiles`: starts at once (loading its modules while the main
 * thread learns the identity links), waits for the links, reads one shard of persons, posts its
 * analyzer states and bad lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FootfallEvent } from '@footfall/core';
import { runShard, type ShardTask } from './reader/run-shard.js';

parentPort!.once('message', (links: FootfallEvent[]) => {
  let last = 0;
  runShard(workerData as ShardTask, links, (bytes) => {
    if (bytes - last >= 16 << 20) parentPort!.postMessage({ bytes: (last = bytes) });
  }).then(
    (result) => parentPort!.postMessage({ result }, result.ids ? [result.ids.buffer as ArrayBuffer] : []),
    (error: { code?: string; message: string }) => parentPort!.postMessage({ error: { code: error.code ?? 'INPUT_UNREADABLE', message: error.message } }),
  );
});

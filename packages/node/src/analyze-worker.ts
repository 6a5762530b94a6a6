/** Worker-thread entry of `analyzeFiles`: reads one shard of persons, posts its analyzer states and bad lines. */
import { parentPort, workerData } from 'node:worker_threads';
import * as core from '@footfall/core';
import type { Analyzer } from '@footfall/core';
import type { ShardResult, ShardTask } from './analyze-files.js';
import { feedShard } from './reader/feed-shard.js';

async function main(): Promise<void> {
  const task = workerData as ShardTask;
  try {
    const analyzers = task.recipes.map(({ create, options }) => {
      const make = (core as unknown as Record<string, unknown>)[create];
      if (!create.startsWith('create') || typeof make !== 'function') throw new core.FootfallError('INVALID_OPTION', `${create} is not an analyzer factory of @footfall/core; name one, e.g. createFunnel`);
      return (make as (o: unknown) => Analyzer<unknown, unknown>)(options ?? {});
    });
    const problems: ShardResult['problems'] = [];
    let last = 0;
    const outcome = await feedShard(task.files, analyzers, {
      ...task.normalizeOptions,
      links: task.links,
      filter: task.filter,
      shard: task.shard,
      onProblem: (message, file, line) => problems.push([file, line, message]),
      onBytes: (bytes) => {
        if (bytes - last >= 16 << 20) parentPort!.postMessage({ bytes: (last = bytes) });
      },
    });
    const result: ShardResult = { states: analyzers.map((a) => a.state), kept: outcome.kept, ids: outcome.ids, problems };
    parentPort!.postMessage({ result }, outcome.ids ? [outcome.ids.buffer as ArrayBuffer] : []);
  } catch (error) {
    const e = error as { code?: string; message: string };
    parentPort!.postMessage({ error: { code: e.code ?? 'INPUT_UNREADABLE', message: e.message } });
  }
}

void main();

/**
 * One shard of pass 2 as a whole, in whichever thread runs it: analyzers made from their
 * recipes, `feedShard` over the shard's persons, and what the caller merges (analyzer states,
 * events kept, bad lines with their places, the events' ids).
 */
import * as core from '@footfall/core';
import type { Analyzer, FootfallEvent, NormalizeOptions, SessionFilterOptions } from '@footfall/core';
import { feedShard, type FileSource, type Shard } from './feed-shard.js';

/**
 * How to make an analyzer again in a worker thread: the name of a `@footfall/core` factory and
 * the options it was called with (plain data). `createFunnel` with `{ steps: [...] }` makes an
 * analyzer equal to `createFunnel({ steps: [...] })`.
 */
export interface AnalyzerRecipe {
  /** A factory `@footfall/core` exports, e.g. `createFunnel`, `createPaths`, `createPages`, `createBottlenecks`. */
  create: `create${string}`;
  /** Its options, as structured-clonable data. @default {} */
  options?: unknown;
}

/** What a shard is given besides the links: everything `feedShard` needs, with recipes instead of analyzers. */
export interface ShardTask {
  files: FileSource[];
  filter?: SessionFilterOptions;
  normalizeOptions: NormalizeOptions;
  recipes: readonly AnalyzerRecipe[];
  shard: Shard;
}

/** What a shard hands back: analyzer states, events kept, its bad lines with their places, and its events' ids (`ShardOutcome.ids`). */
export interface ShardResult {
  states: unknown[];
  kept: number;
  ids?: Uint32Array;
  /** `[file index, line, message]`, in file order. */
  problems: [number, number, string][];
}

/** Fresh analyzers from their recipes; throws `INVALID_OPTION` for a name that is no factory of `@footfall/core`. */
function analyzersOf(recipes: readonly AnalyzerRecipe[]): Analyzer<unknown, unknown>[] {
  return recipes.map(({ create, options }) => {
    const make = (core as unknown as Record<string, unknown>)[create];
    if (!create.startsWith('create') || typeof make !== 'function') throw new core.FootfallError('INVALID_OPTION', `${create} is not an analyzer factory of @footfall/core; name one, e.g. createFunnel`);
    return (make as (o: unknown) => Analyzer<unknown, unknown>)(options ?? {});
  });
}

/** Reads one shard of persons (`feedShard`) into fresh analyzers; `onBytes` gets the bytes read so far. */
export async function runShard(task: ShardTask, links: readonly FootfallEvent[], onBytes?: (bytes: number) => void): Promise<ShardResult> {
  const analyzers = analyzersOf(task.recipes);
  const problems: ShardResult['problems'] = [];
  const outcome = await feedShard(task.files, analyzers, {
    ...task.normalizeOptions,
    links,
    filter: task.filter,
    shard: task.shard,
    onProblem: (message, file, line) => problems.push([file, line, message]),
    onBytes,
  });
  return { states: analyzers.map((a) => a.state), kept: outcome.kept, ids: outcome.ids, problems };
}

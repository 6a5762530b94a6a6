/**
 * One shard of threaded pass 2, in its worker thread: analyzers made from their recipes, the
 * shard's lines (`ShardLines` from `splitByPerson`) fed through `lineFeeder`, and what the main
 * thread merges (analyzer states, events kept, bad lines with their places, the events' ids).
 */
import * as core from '@footfall/core';
import type { Analyzer, FootfallEvent, NormalizeOptions, SessionFilterOptions } from '@footfall/core';
import { lineFeeder } from './feed-shard.js';
import type { ShardLines } from './split-by-person.js';

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

/** What a shard's worker is given when it starts (the links follow as its first message). */
export interface ShardTask {
  /** The names problems give the files, in input order. */
  labels: string[];
  filter?: SessionFilterOptions;
  normalizeOptions: NormalizeOptions;
  recipes: readonly AnalyzerRecipe[];
  /** About how many events the shard will see (`FeedShardOptions.expectedEvents`). */
  expectedEvents?: number;
}

/** What a shard hands back: analyzer states, events kept, its bad lines with their places, and its events' ids (`ShardOutcome.ids`). */
export interface ShardResult {
  /**
   * Each analyzer's state as the core's `stateMessage` sends it (states are plain JSON,
   * docs/internals.md#analyzer-shape): its JSON text, read with `parseState`, faster to read on
   * the receiving thread than structured clone (the one part of handing states over that does
   * not run in parallel), or the state itself when it is too large for one string.
   */
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

/** A shard being read: `feed` it its lines in input order, then take its `result`. */
export interface ShardRun {
  feed(lines: ShardLines): void;
  result(): ShardResult;
}

/** Starts a shard over fresh analyzers, once the identity links are known. */
export function runShard(task: ShardTask, links: readonly FootfallEvent[]): ShardRun {
  const analyzers = analyzersOf(task.recipes);
  const problems: ShardResult['problems'] = [];
  const feeder = lineFeeder(task.labels, analyzers, {
    ...task.normalizeOptions,
    links,
    filter: task.filter,
    expectedEvents: task.expectedEvents,
    onProblem: (message, file, line) => problems.push([file, line, message]),
  });
  return {
    feed({ pieces, meta }) {
      const chunks = pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
      for (let m = 0; m < meta.length; m += 5) feeder.line(chunks[meta[m]], meta[m + 1], meta[m + 2], meta[m + 3], meta[m + 4]);
    },
    result() {
      const { kept, ids } = feeder.outcome();
      return { states: analyzers.map((a) => core.stateMessage(a.state)), kept, ids, problems };
    },
  };
}

/** The tail every analysis command shares: read INPUT into one analyzer, print its result. */
import type { Analyzer } from '@footfall/core';
import type { AnalyzerRecipe } from '@footfall/node';
import { printJson, type Args, type Io } from '../command.js';
import { feed } from '../input.js';
import { sessionFilterOf } from './session-filter-flags.js';

/**
 * Feeds INPUT to `analyzer` (`--strict` stops at the first bad line; `--channel` and
 * `--device` keep whole sessions), then prints the result. With `recipe` (how `analyzer` was
 * made), a large file is read by worker threads, a shard of persons each. Prints
 * one JSON document with `--json`, else `text(result)`. Resolves to exit code 0.
 *
 * @example
 * ```ts
 * return printAnalysis(input, createPages(), args, io, pagesTable);
 * ```
 */
export async function printAnalysis<S, R>(input: string, analyzer: Analyzer<S, R>, args: Args, io: Io, text: (result: R) => string, recipe?: AnalyzerRecipe): Promise<number> {
  const filter = sessionFilterOf(args);
  await feed(input, io, [analyzer as unknown as Analyzer<unknown, unknown>], { strict: args.values.strict === true, filter, recipes: recipe && [recipe] });
  const result = analyzer.result();
  if (args.values.json) printJson(io, result);
  else io.stdout.write(text(result));
  return 0;
}

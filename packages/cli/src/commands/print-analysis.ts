/** What every analysis command shares: its flags, reading INPUT into one analyzer, printing its result. */
import type { AnalysisName, Analyzer, AnalyzerMap } from '@footfall/core';
import { printJson, type Args, type Command, type Io } from '../command.js';
import type { AnalyzerRecipe } from '@footfall/node';
import { feed } from '../input.js';
import { analysisFlags, analysisOptionsOf, analyzerOf } from './analysis-flags.js';
import { inputsOf } from './format.js';
import { SESSION_FILTER_FLAGS, sessionFilterOf } from './session-filter-flags.js';

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
export async function printAnalysis<S, R>(input: string | readonly string[], analyzer: Analyzer<S, R>, args: Args, io: Io, text: (result: R) => string, recipe?: AnalyzerRecipe): Promise<number> {
  const filter = sessionFilterOf(args);
  await feed(input, io, [analyzer as unknown as Analyzer<unknown, unknown>], { strict: args.values.strict === true, filter, recipes: recipe && [recipe] });
  const result = analyzer.result();
  if (args.values.json) printJson(io, result);
  else io.stdout.write(text(result));
  return 0;
}

/** The core factories a worker thread can rebuild an analysis's analyzer from (`AnalyzerRecipe`). */
const RECIPE_FACTORY: Partial<Record<AnalysisName, AnalyzerRecipe['create']>> = {
  funnel: 'createFunnel', paths: 'createPaths', pages: 'createPages', bottlenecks: 'createBottlenecks',
  channels: 'createChannels', email: 'createEmail', service: 'createService', products: 'createProducts',
};

/** The result an analysis's analyzer gives. */
export type ResultOf<N extends AnalysisName> = ReturnType<AnalyzerMap[N]['result']>;

/**
 * An analysis command: its flags are the core's options of that analysis plus
 * `--channel`, `--device` and `--strict`; it reads INPUT into the analyzer and prints
 * `text(result, args)`, or the result as JSON with `--json`.
 *
 * @example
 * ```ts
 * export const pages = analysisCommand('pages', 'page metrics', help, pagesTable);
 * ```
 */
export function analysisCommand<N extends AnalysisName>(name: N, summary: string, help: string, text: (result: ResultOf<N>, args: Args) => string): Command {
  return {
    name,
    summary,
    help,
    flags: { ...analysisFlags(name), ...SESSION_FILTER_FLAGS, strict: { type: 'boolean' } },
    run(args, io) {
      const input = inputsOf(args, name);
      const analyzer = analyzerOf(name, args) as unknown as Analyzer<unknown, ResultOf<N>>;
      const create = RECIPE_FACTORY[name];
      const recipe = create && { create, options: analysisOptionsOf(name, args) as unknown };
      return printAnalysis(input, analyzer, args, io, (result) => text(result, args), recipe);
    },
  };
}

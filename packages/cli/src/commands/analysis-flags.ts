/**
 * An analysis command's own flags are the core's option table (`ANALYSIS_OPTIONS`): the
 * same names as the query API's parameters, read by the same parser (`createAnalysis`).
 */
import { ANALYSIS_OPTIONS, createAnalysis, parseAnalysisOptions, type AnalysisName, type AnalysisOptionsMap, type AnalyzerMap } from '@footfall/core';
import type { Args, Flags } from '../command.js';
import { fromFlags } from './from-flags.js';
import { listFlag } from './format.js';

/**
 * parseArgs config of an analysis's options: a string flag each, repeatable where the
 * option is. Spread into a command's `flags`.
 *
 * @example
 * ```ts
 * const flags = { ...analysisFlags('funnel'), ...SESSION_FILTER_FLAGS, strict: { type: 'boolean' } };
 * ```
 */
export function analysisFlags(name: AnalysisName): Flags {
  const flags: Flags = {};
  for (const o of ANALYSIS_OPTIONS[name]) flags[o.name] = o.multiple ? { type: 'string', multiple: true } : { type: 'string' };
  return flags;
}

/**
 * The options the command line gives an analysis, read by the core; its errors become
 * usage errors (exit 1) naming the flag.
 *
 * @example
 * ```ts
 * analysisOptionsOf('funnel', args).windowMs; // 604800000 for --window 7d
 * ```
 */
export function analysisOptionsOf<N extends AnalysisName>(name: N, args: Args): AnalysisOptionsMap[N] {
  return fromFlags(() => parseAnalysisOptions(name, (option) => listFlag(args, option), { style: 'flag' }));
}

/**
 * The analyzer the command line asks for (the core's `createAnalysis` over the flags); its
 * errors become usage errors (exit 1) naming the flag.
 *
 * @example
 * ```ts
 * const analyzer = analyzerOf('paths', args);
 * ```
 */
export function analyzerOf<N extends AnalysisName>(name: N, args: Args): AnalyzerMap[N] {
  return fromFlags(() => createAnalysis(name, (option) => listFlag(args, option), { style: 'flag' }));
}

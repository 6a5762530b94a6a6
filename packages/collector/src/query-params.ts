/**
 * Query parameters are the CLI's options: the core's option table reads both
 * (`createAnalysis`, docs/collector.md "Query API").
 */
import { ANALYSIS_NAMES, createAnalysis, type Analyzer, type AnalysisName } from '@footfall/core';

/** The query endpoints, by name (`/v1/<name>`): the core's analyses. */
export const QUERY_NAMES = ANALYSIS_NAMES;
/** One query endpoint's name. */
export type QueryName = AnalysisName;

/**
 * Makes the analyzer a query asks for from its parameters, which are the CLI's options
 * (`/v1/funnel?step=page:/&step=cart:purchase&window=14d&mode=ordered`), read by the
 * core's `createAnalysis`.
 *
 * @example
 * ```ts
 * const funnel = createQueryAnalyzer('funnel', new URLSearchParams('step=page:/&step=cart:purchase'));
 * ```
 */
export function createQueryAnalyzer(name: QueryName, p: URLSearchParams): Analyzer<unknown, unknown> {
  return createAnalysis(name, (option) => p.getAll(option)) as unknown as Analyzer<unknown, unknown>;
}

/** Builds the `Analyzer` object around plain functions over a JSON state. */
import type { Analyzer, NormalizedEvent } from '../analyzer.js';
import { FootfallError } from '../errors.js';

/** The JSON state every analyzer built here carries: its options' fingerprint and its data. */
export interface Stateful {
  /** JSON of the options, so `merge` refuses states made with other options. */
  options: string;
}

/** What one analyzer does, over its state. */
export interface AnalyzerImpl<S extends Stateful, R> {
  name: string;
  add(state: S, event: NormalizedEvent): void;
  /** Folds `other` (a private copy) into `into`. */
  merge(into: S, other: S): void;
  /** Computes the result without changing `state`. */
  result(state: S): R;
}

/** Wraps state + functions into an `Analyzer`. */
export function defineAnalyzer<S extends Stateful, R>(state: S, impl: AnalyzerImpl<S, R>): Analyzer<S, R> {
  const analyzer: Analyzer<S, R> = {
    state,
    add(event) {
      impl.add(state, event);
    },
    merge(other) {
      const o = (typeof (other as Analyzer<S, R>).add === 'function' ? (other as Analyzer<S, R>).state : other) as S;
      if (o.options !== state.options) {
        throw new FootfallError(
          'MERGE_MISMATCH',
          `cannot merge ${impl.name} states made with different options (${o.options} vs ${state.options}): create every shard with the same options`,
        );
      }
      impl.merge(state, structuredClone(o));
      return analyzer;
    },
    result() {
      return impl.result(state);
    },
  };
  return analyzer;
}

/** Adds the counts of `b` into `a`, key by key. */
export function addCounts(a: Record<string, number>, b: Record<string, number>): void {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
}

/** Builds the `Analyzer` object around plain functions over a JSON state. */
import type { Analyzer, NormalizedEvent } from '../analyzer.js';
import { stateToMerge, type KeyedState } from './analyzerState.js';
import { cloneState } from './dict.js';

export { addCounts } from './analyzerState.js';

/** The JSON state every analyzer built here carries: its options' fingerprint (`key`) and its data. */
export type Stateful = KeyedState;

/** What one analyzer does, over its state. */
export interface AnalyzerImpl<S extends Stateful, R> {
  name: string;
  add(state: S, event: NormalizedEvent): void;
  /** Folds `other` (a private copy) into `into`. */
  merge(into: S, other: S): void;
  /** Computes the result without changing `state`. */
  result(state: S): R;
}

/** Wraps state + functions into an `Analyzer`; `merge` refuses states made with other options (`MERGE_MISMATCH`). */
export function defineAnalyzer<S extends Stateful, R>(state: S, impl: AnalyzerImpl<S, R>): Analyzer<S, R> {
  const analyzer: Analyzer<S, R> = {
    state,
    add(event) {
      impl.add(state, event);
    },
    merge(other) {
      impl.merge(state, cloneState(stateToMerge(state, other, impl.name)));
      return analyzer;
    },
    result() {
      return impl.result(state);
    },
  };
  return analyzer;
}

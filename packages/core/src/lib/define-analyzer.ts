/**
 * How every analyzer is built: a JSON state that carries its options' fingerprint, plain
 * functions over it, and `defineAnalyzer`, which wraps them into an `Analyzer` whose `merge`
 * refuses a state made with other options and hands `merge` a private copy of the other state.
 */
import type { Analyzer, NormalizedEvent } from '../analyzer.js';
import { FootfallError } from '../errors.js';
import { cloneState } from './dict.js';

/** The JSON state every analyzer carries: its options' fingerprint (`key`) beside its data. */
export interface KeyedState {
  /** The options fingerprint (JSON of the options that shape the state). */
  key: string;
}

/** What one analyzer does, over its state. */
export interface AnalyzerImpl<S extends KeyedState, R> {
  /** Named in a merge error (`funnel`, `journey model`). */
  name: string;
  add(state: S, event: NormalizedEvent): void;
  /** Folds `other` into `into`; `other` is a private copy, so its parts may be moved into `into`. */
  merge(into: S, other: S): void;
  /** Computes the result without changing `state`. */
  result(state: S): R;
}

/**
 * Wraps state + functions into an `Analyzer`; `merge` refuses states made with other
 * options (`MERGE_MISMATCH`).
 *
 * @example
 * ```ts
 * const counter = defineAnalyzer({ key: 'count', n: 0 }, { name: 'count', add: (s) => void s.n++, merge: (into, o) => void (into.n += o.n), result: (s) => s.n });
 * ```
 */
export function defineAnalyzer<S extends KeyedState, R>(state: S, impl: AnalyzerImpl<S, R>): Analyzer<S, R> {
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

/**
 * The state of `other` (an analyzer or a bare state), checked to come from the same options.
 * Throws `FootfallError` `MERGE_MISMATCH` otherwise.
 */
function stateToMerge<S extends KeyedState>(own: S, other: Analyzer<S, unknown> | S, what: string): S {
  const state = 'add' in other && typeof other.add === 'function' ? (other as Analyzer<S, unknown>).state : (other as S);
  if (state?.key !== own.key) {
    throw new FootfallError(
      'MERGE_MISMATCH',
      `cannot merge ${what} states made with different options (${own.key} vs ${state?.key}): create every shard's ${what} with the same options`,
    );
  }
  return state;
}

/**
 * How every analyzer is built: a JSON state that carries its options' fingerprint, plain
 * functions over it, and `defineAnalyzer`, which wraps them into an `Analyzer` whose `merge`
 * refuses a state made with other options and hands `merge` a private copy of the other state
 * (or the state itself, once, when `parseState` read it: nothing else holds that one).
 */
import type { Analyzer, NormalizedEvent } from '../analyzer.js';
import { FootfallError } from '../errors.js';
import { cloneState } from './dict.js';

/** States `parseState` read: nothing else holds them, and their objects are null-prototype already. */
const owned = new WeakSet<object>();
/** Owned states a merge took over: merging one again would count what the first merge's analyzer has added into it since. */
const taken = new WeakSet<object>();

/** Marks a state `parseState` read as owned: the next `merge` of it takes it as it is. */
export function adoptState(state: KeyedState): void {
  owned.add(state);
}

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
  /** Folds `other` into `into`; `other` is private (a copy, or a state `parseState` read), so its parts may be moved into `into`. */
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
      const theirs = stateToMerge(state, other, impl.name);
      if (taken.has(theirs)) {
        throw new FootfallError('MERGE_MISMATCH', `this ${impl.name} state from parseState was merged already, and that merge took it over: read the text again with parseState for each merge`);
      }
      // A state from `parseState` is taken over as it is, once; any other is copied.
      const mine = owned.delete(theirs) ? (taken.add(theirs), theirs) : cloneState(theirs);
      impl.merge(state, mine);
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

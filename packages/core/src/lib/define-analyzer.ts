/**
 * How every analyzer is built: a JSON state that carries its options' fingerprint, plain
 * functions over it, and `defineAnalyzer`, which wraps them into an `Analyzer` whose `merge`
 * refuses a state made with other options and hands `merge` a private copy of the other state.
 */
import type { Analyzer, NormalizedEvent } from '../analyzer.js';
import { FootfallError } from '../errors.js';
import { cloneState } from './dict.js';

/** States `parseState` made: nothing else holds them, and their objects are null-prototype already. */
const owned = new WeakSet<object>();

/**
 * A state from its JSON text (a worker thread's, a file's), ready for `merge`: its objects are
 * made null-prototype where they lie, and `merge` folds it in as it is, where it copies any
 * other state it is given (a copy of a large state cost about three times this).
 *
 * @example
 * ```ts
 * funnel.merge(parseState(textFromAWorker));
 * ```
 */
export function parseState(text: string): KeyedState {
  const state = JSON.parse(text) as KeyedState;
  // Iterative: however deep the text nests, no stack to overflow.
  const stack: unknown[] = [state];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
      continue;
    }
    Object.setPrototypeOf(v, null);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  if (state !== null && typeof state === 'object' && !Array.isArray(state)) owned.add(state);
  return state;
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
      const theirs = stateToMerge(state, other, impl.name);
      // A state from `parseState` is used once, as it is; it is merged at most once.
      const mine = owned.delete(theirs) ? theirs : cloneState(theirs);
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

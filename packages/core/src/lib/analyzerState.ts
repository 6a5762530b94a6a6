/**
 * What every journey analyzer does the same way: carry its options' fingerprint in its
 * state, and refuse to merge a state built with other options.
 */
import type { Analyzer } from '../analyzer.js';
import { FootfallError } from '../errors.js';
import { copyDict, dict } from './dict.js';

/** A state that remembers which options made it. */
export interface KeyedState {
  /** The options fingerprint (JSON of the options that shape the state). */
  key: string;
}

/**
 * The state of `other` (an analyzer or a bare state), checked to come from the same options.
 * Throws `FootfallError` `MERGE_MISMATCH` otherwise.
 */
export function stateToMerge<S extends KeyedState>(own: S, other: Analyzer<S, unknown> | S, what: string): S {
  const state = 'add' in other && typeof other.add === 'function' ? (other as Analyzer<S, unknown>).state : (other as S);
  if (state?.key !== own.key) {
    throw new FootfallError(
      'MERGE_MISMATCH',
      `cannot merge ${what} states made with different options (${own.key} vs ${state?.key}): create every shard's ${what} with the same options`,
    );
  }
  return state;
}

/** Adds every count of `from` into `into` (sparse counters keyed by string). */
export function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const k of Object.keys(from)) into[k] = (into[k] ?? 0) + from[k];
}

/** Adds `n` to the `from → to` count of a transition table. */
export function addTransition(chain: Record<string, Record<string, number>>, from: string, to: string, n = 1): void {
  const row = (chain[from] ??= dict());
  row[to] = (row[to] ?? 0) + n;
}

/** Adds every transition count of `from` into `into`. */
export function addTransitions(into: Record<string, Record<string, number>>, from: Readonly<Record<string, Readonly<Record<string, number>>>>): void {
  for (const [f, row] of Object.entries(from)) for (const [to, n] of Object.entries(row)) addTransition(into, f, to, n);
}

/** A deep copy of a transition table. */
export function copyTransitions(chain: Readonly<Record<string, Readonly<Record<string, number>>>>): Record<string, Record<string, number>> {
  const out = dict<Record<string, number>>();
  for (const k of Object.keys(chain)) out[k] = copyDict(chain[k]);
  return out;
}

/** Plain helpers over analyzer states: sparse counters and transition tables, kept null-prototype (lib/dict.ts). */
import { copyDict, dict } from './dict.js';

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

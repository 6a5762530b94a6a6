/**
 * The one mergeable quantile sketch every analyzer uses for medians and p75.
 *
 * Exact below {@link SKETCH_EXACT_LIMIT} samples (it keeps the values and answers by
 * nearest rank). Above that it switches to log-spaced buckets (the DDSketch scheme,
 * Masson et al., VLDB 2019) with relative accuracy {@link SKETCH_RELATIVE_ERROR}: a reported
 * quantile `q̂` of a true nearest-rank value `q` satisfies `|q̂ − q| ≤ 1% · |q|`.
 * Bucketing is deterministic per value, so merging shards gives exactly the sketch of
 * one run over all values.
 */
import { dict } from './lib/dict.js';

/** Samples kept exactly before the sketch switches to buckets. */
export const SKETCH_EXACT_LIMIT = 10_000;
/** Relative accuracy of quantiles once bucketed (1%). */
export const SKETCH_RELATIVE_ERROR = 0.01;

const GAMMA = (1 + SKETCH_RELATIVE_ERROR) / (1 - SKETCH_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Magnitudes below this count as zero in bucket mode. */
const MIN_MAGNITUDE = 1e-9;

/** Plain-JSON state of a sketch. */
export interface SketchState {
  /** Samples seen. */
  n: number;
  /** Sum of samples (for means). */
  sum: number;
  min: number | null;
  max: number | null;
  /** The samples while `n ≤ SKETCH_EXACT_LIMIT`, else `null`. */
  exact: number[] | null;
  /** Bucket counts by key, positive values. */
  pos: Record<string, number>;
  /** Bucket counts by key, negative values (key of the magnitude). */
  neg: Record<string, number>;
  /** Samples whose magnitude is below 1e-9 (bucket mode). */
  zero: number;
}

/**
 * A new, empty sketch state.
 *
 * @example
 * ```ts
 * const s = emptySketch();
 * sketchAdd(s, 1200); sketchAdd(s, 3400);
 * sketchQuantile(s, 0.75); // 3400
 * ```
 */
export function emptySketch(): SketchState {
  return { n: 0, sum: 0, min: null, max: null, exact: [], pos: dict(), neg: dict(), zero: 0 };
}

const keyOf = (magnitude: number) => String(Math.ceil(Math.log(magnitude) / LOG_GAMMA));
const valueOf = (key: string) => (2 * GAMMA ** Number(key)) / (GAMMA + 1);

function bucket(s: SketchState, v: number, count: number): void {
  const m = Math.abs(v);
  if (m < MIN_MAGNITUDE) {
    s.zero += count;
    return;
  }
  const map = v > 0 ? s.pos : s.neg;
  const k = keyOf(m);
  map[k] = (map[k] ?? 0) + count;
}

function toBuckets(s: SketchState): void {
  if (!s.exact) return;
  const values = s.exact;
  s.exact = null;
  for (const v of values) bucket(s, v, 1);
}

/**
 * Adds one sample (non-finite values are ignored).
 *
 * @example
 * ```ts
 * sketchAdd(state, 2500);
 * ```
 */
export function sketchAdd(s: SketchState, v: number): void {
  if (!Number.isFinite(v)) return;
  s.n += 1;
  s.sum += v;
  s.min = s.min === null ? v : Math.min(s.min, v);
  s.max = s.max === null ? v : Math.max(s.max, v);
  if (s.exact) {
    s.exact.push(v);
    if (s.exact.length > SKETCH_EXACT_LIMIT) toBuckets(s);
  } else bucket(s, v, 1);
}

/**
 * Folds `other` into `into` (neither needs to be exact). The result equals a sketch that
 * saw both sample sets.
 *
 * @example
 * ```ts
 * sketchMerge(a, b); // a now holds a ∪ b
 * ```
 */
export function sketchMerge(into: SketchState, other: SketchState): void {
  if (other.n === 0) return;
  into.n += other.n;
  into.sum += other.sum;
  into.min = into.min === null ? other.min : Math.min(into.min, other.min as number);
  into.max = into.max === null ? other.max : Math.max(into.max, other.max as number);
  if (into.exact && other.exact && into.n <= SKETCH_EXACT_LIMIT) {
    for (const v of other.exact) into.exact.push(v);
    return;
  }
  toBuckets(into);
  if (other.exact) for (const v of other.exact) bucket(into, v, 1);
  else {
    into.zero += other.zero;
    for (const [k, c] of Object.entries(other.pos)) into.pos[k] = (into.pos[k] ?? 0) + c;
    for (const [k, c] of Object.entries(other.neg)) into.neg[k] = (into.neg[k] ?? 0) + c;
  }
}

/**
 * The nearest-rank quantile: the value at rank `ceil(q · n)` (at least 1) in ascending
 * order. Exact below 10,000 samples, within 1% relative error above. `null` when empty.
 *
 * @example
 * ```ts
 * sketchQuantile(state, 0.75); // p75
 * ```
 */
export function sketchQuantile(s: SketchState, q: number): number | null {
  if (s.n === 0) return null;
  const rank = Math.min(s.n, Math.max(1, Math.ceil(q * s.n)));
  if (s.exact) {
    const sorted = [...s.exact].sort((a, b) => a - b);
    return sorted[rank - 1];
  }
  const clamp = (v: number) => Math.min(s.max as number, Math.max(s.min as number, v));
  let seen = 0;
  const negKeys = Object.keys(s.neg).sort((a, b) => Number(b) - Number(a));
  for (const k of negKeys) {
    seen += s.neg[k];
    if (seen >= rank) return clamp(-valueOf(k));
  }
  seen += s.zero;
  if (seen >= rank) return clamp(0);
  const posKeys = Object.keys(s.pos).sort((a, b) => Number(a) - Number(b));
  for (const k of posKeys) {
    seen += s.pos[k];
    if (seen >= rank) return clamp(valueOf(k));
  }
  return s.max;
}

/**
 * The mean of the samples, `null` when empty.
 *
 * @example
 * ```ts
 * sketchMean(state);
 * ```
 */
export function sketchMean(s: SketchState): number | null {
  return s.n === 0 ? null : s.sum / s.n;
}

/**
 * Web vitals (docs/metrics.md#web-vitals; thresholds of web.dev / the
 * `web-vitals` library): rating per sample, and per page the p75 (nearest rank) and the
 * share of each rating.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import type { VitalMetric, VitalRating } from './events.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { urlPath } from './matchers.js';
import { emptySketch, sketchAdd, sketchMerge, sketchQuantile, type SketchState } from './sketch.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** The metrics with a rating (`LOAD` has no published thresholds and is not rated). */
export type RatedVital = Exclude<VitalMetric, 'LOAD'>;
/** The rated metrics, in the order results list them. */
export const RATED_VITALS: readonly RatedVital[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];

/** Good / poor thresholds per metric (ms, CLS unitless): value > poor → poor; > good → needs-improvement. */
export const VITAL_THRESHOLDS: Readonly<Record<RatedVital, { good: number; poor: number }>> = {
  LCP: { good: 2500, poor: 4000 },
  INP: { good: 200, poor: 500 },
  CLS: { good: 0.1, poor: 0.25 },
  FCP: { good: 1800, poor: 3000 },
  TTFB: { good: 800, poor: 1800 },
};

/**
 * Rates one measurement: `value > poor` → `poor`, `value > good` → `needs-improvement`,
 * else `good`. `LOAD` (no thresholds) → `undefined`.
 *
 * @example
 * ```ts
 * rateVital('LCP', 2500); // 'good'
 * rateVital('LCP', 2501); // 'needs-improvement'
 * rateVital('CLS', 0.2501); // 'poor'
 * ```
 */
export function rateVital(metric: VitalMetric, value: number): VitalRating | undefined {
  if (metric === 'LOAD') return undefined;
  const t = VITAL_THRESHOLDS[metric];
  return value > t.poor ? 'poor' : value > t.good ? 'needs-improvement' : 'good';
}

/** One metric's summary: p75 (nearest rank) and the share of samples per rating (sum 1). */
export interface VitalSummary {
  p75: number;
  good: number;
  needsImprovement: number;
  poor: number;
  /** Samples behind the figures. */
  samples: number;
}

/** Mergeable tally of one metric. */
export interface VitalTally {
  sketch: SketchState;
  good: number;
  needsImprovement: number;
  poor: number;
}

/** An empty tally. */
export function emptyVitalTally(): VitalTally {
  return { sketch: emptySketch(), good: 0, needsImprovement: 0, poor: 0 };
}

/** Counts one sample into a tally. */
export function tallyVital(t: VitalTally, metric: RatedVital, value: number): void {
  sketchAdd(t.sketch, value);
  const r = rateVital(metric, value);
  if (r === 'good') t.good += 1;
  else if (r === 'poor') t.poor += 1;
  else t.needsImprovement += 1;
}

/** Folds one tally into another. */
export function mergeVitalTally(into: VitalTally, other: VitalTally): void {
  sketchMerge(into.sketch, other.sketch);
  into.good += other.good;
  into.needsImprovement += other.needsImprovement;
  into.poor += other.poor;
}

/** A tally's summary, `undefined` when it holds no sample. */
export function summarizeVital(t: VitalTally): VitalSummary | undefined {
  const n = t.good + t.needsImprovement + t.poor;
  if (n === 0) return undefined;
  return { p75: sketchQuantile(t.sketch, 0.75) as number, good: t.good / n, needsImprovement: t.needsImprovement / n, poor: t.poor / n, samples: n };
}

/** Per-metric tallies. */
export type VitalTallies = Partial<Record<RatedVital, VitalTally>>;

/** Counts a vitals event into per-metric tallies (ignores `LOAD` and other types). */
export function tallyVitalEvent(tallies: VitalTallies, event: NormalizedEvent): void {
  if (event.type !== 'vitals' || event.metric === 'LOAD') return;
  const t = (tallies[event.metric] ??= emptyVitalTally());
  tallyVital(t, event.metric, event.value);
}

/** Merges per-metric tallies. */
export function mergeVitalTallies(into: VitalTallies, other: VitalTallies): void {
  for (const m of RATED_VITALS) {
    const o = other[m];
    if (!o) continue;
    const t = (into[m] ??= emptyVitalTally());
    mergeVitalTally(t, o);
  }
}

/** Summaries of the metrics that have samples. */
export function summarizeVitals(tallies: VitalTallies): Partial<Record<RatedVital, VitalSummary>> {
  const out: Partial<Record<RatedVital, VitalSummary>> = {};
  for (const m of RATED_VITALS) {
    const s = tallies[m] && summarizeVital(tallies[m]);
    if (s) out[m] = s;
  }
  return out;
}

/** Options of `createVitals` (none yet; kept for symmetry with other analyzers). */
export interface VitalsOptions {}

/** State of `createVitals`. */
export interface VitalsState extends KeyedState {
  pages: Record<string, VitalTallies>;
  overall: VitalTallies;
}

/** Result of `createVitals`: per page (most samples first) and over all pages. */
export interface VitalsResult {
  pages: { path: string; vitals: Partial<Record<RatedVital, VitalSummary>> }[];
  overall: Partial<Record<RatedVital, VitalSummary>>;
}

/**
 * Web vitals per page (URL path) and overall: p75 (nearest rank, through the shared
 * sketch: exact below 10,000 samples, 1% relative error above) and rating shares. Each
 * `vitals` event is one sample, rated by `rateVital` from its value (the event's own
 * `rating` is not trusted).
 *
 * @example
 * ```ts
 * const v = createVitals();
 * for (const e of normalize(events)) v.add(e);
 * v.result().pages[0].vitals.LCP; // { p75: 3120, good: 0.41, needsImprovement: 0.38, poor: 0.21, samples: 812 }
 * ```
 */
export function createVitals(options: VitalsOptions = {}): Analyzer<VitalsState, VitalsResult> {
  return defineAnalyzer<VitalsState, VitalsResult>(
    { key: JSON.stringify(options), pages: dict(), overall: dict() },
    {
      name: 'vitals',
      add(s, e) {
        if (e.type !== 'vitals') return;
        tallyVitalEvent((s.pages[urlPath(e.url)] ??= dict()), e);
        tallyVitalEvent(s.overall, e);
      },
      merge(into, other) {
        for (const [p, t] of Object.entries(other.pages)) mergeVitalTallies((into.pages[p] ??= dict()), t);
        mergeVitalTallies(into.overall, other.overall);
      },
      result(s) {
        const count = (t: VitalTallies) => RATED_VITALS.reduce((n, m) => n + (t[m] ? t[m].good + t[m].needsImprovement + t[m].poor : 0), 0);
        const pages = Object.entries(s.pages)
          .sort(([a, ta], [b, tb]) => count(tb) - count(ta) || (a < b ? -1 : 1))
          .map(([path, t]) => ({ path, vitals: summarizeVitals(t) }));
        return { pages, overall: summarizeVitals(s.overall) };
      },
    },
  );
}

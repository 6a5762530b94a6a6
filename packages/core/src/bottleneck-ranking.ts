/**
 * Bottlenecks, part 2: ranking the marks (docs/metrics.md, "Bottleneck scores"): which
 * page-signal pairs cost conversions significantly, how many, and the sentence that says so.
 */
import { addPair, SCROLL_BUCKET, type BottleneckSignal, type BottlenecksState, type Pair } from './bottleneck-marks.js';
import { sketchQuantile, type SketchState } from './sketch.js';
import { twoProportionZTest } from './stats.js';

/** One ranked bottleneck (the `footfall bottlenecks --json` row). */
export interface Bottleneck {
  /** `page:/path`. */
  target: string;
  signal: BottleneckSignal;
  /** Lost conversions / all conversions: the relative gain if the friction went away. */
  score: number;
  /** affected × (CR unaffected − CR affected). */
  lostConversions: number;
  /** lostConversions × AOV (revenue / orders). */
  lostRevenue: number;
  affected: number;
  crAffected: number;
  crUnaffected: number;
  /** Two-sided two-proportion z-test. */
  pValue: number;
  reason: string;
}

const SIGNAL_WORDS: Record<BottleneckSignal, string> = {
  'poor-lcp': 'poor LCP',
  'poor-inp': 'poor INP',
  'poor-cls': 'poor CLS',
  'rage-clicks': 'rage clicks',
  'dead-clicks': 'dead clicks',
  'low-scroll': 'scroll reach above the main call to action',
  error: 'an error event',
  'high-exit': 'an exit from this page',
};
const VITAL_OF: Partial<Record<BottleneckSignal, 'LCP' | 'INP' | 'CLS'>> = { 'poor-lcp': 'LCP', 'poor-inp': 'INP', 'poor-cls': 'CLS' };

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => Math.round(x).toLocaleString('en-US');
const top = (counts: Record<string, number>) => Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];

/** The page's main call to action: its most-clicked element and that element's mean click y. */
export function mainCallToAction(clicks: Record<string, number>, clickY: Record<string, number>): { selector: string; y: number } | undefined {
  const selector = top(clicks);
  return selector === undefined ? undefined : { selector, y: clickY[selector] / clicks[selector] };
}

function vitalText(metric: 'LCP' | 'INP' | 'CLS', sk: SketchState | undefined): string {
  const p75 = sk && sketchQuantile(sk, 0.75);
  if (p75 === null || p75 === undefined) return '';
  if (metric === 'CLS') return ` (p75 ${p75.toFixed(2)})`;
  return p75 >= 1000 ? ` (p75 ${(p75 / 1000).toFixed(1)} s)` : ` (p75 ${Math.round(p75)} ms)`;
}

/** How entries are tested: the signals, the smallest group and the significance level. */
export interface RankOptions {
  signals: readonly BottleneckSignal[];
  minGroup: number;
  alpha: number;
}

/**
 * Ranks the page totals: for each page and signal, affected against unaffected sessions,
 * kept when both groups have ≥ `minGroup` sessions, the affected convert less and the
 * two-proportion z-test gives p < `alpha`; most lost conversions first.
 */
export function rankBottlenecks(state: BottlenecksState, aov: number, { signals, minGroup, alpha }: RankOptions): Bottleneck[] {
  const out: Bottleneck[] = [];
  for (const [path, p] of Object.entries(state.pages)) {
    const groups: [BottleneckSignal, Pair, string][] = [];
    for (const signal of signals) {
      if (signal === 'low-scroll') {
        const cta = mainCallToAction(p.clicks, p.clickY);
        if (!cta) continue;
        const g: Pair = [0, 0];
        for (const [b, pair] of Object.entries(p.scroll)) if (Number(b) + SCROLL_BUCKET <= cta.y) addPair(g, pair);
        groups.push([signal, g, `${SIGNAL_WORDS[signal]} (${cta.selector} at ${num(cta.y)} px)`]);
      } else if (signal === 'high-exit') {
        groups.push([signal, p.exits, SIGNAL_WORDS[signal]]);
      } else {
        const g = p.signals[signal];
        if (!g) continue;
        const metric = VITAL_OF[signal];
        const where = signal === 'rage-clicks' ? top(p.rageOn) : signal === 'dead-clicks' ? top(p.deadOn) : undefined;
        const detail = metric ? vitalText(metric, p.worst[metric]) : where ? ` (mostly on ${where})` : '';
        groups.push([signal, g, `${SIGNAL_WORDS[signal]}${detail}`]);
      }
    }
    for (const [signal, [na, ca], words] of groups) {
      const nu = p.sessions - na;
      const cu = p.conversions - ca;
      if (na < minGroup || nu < minGroup) continue;
      const crA = ca / na;
      const crU = cu / nu;
      if (!(crA < crU)) continue;
      const { pValue } = twoProportionZTest(ca, na, cu, nu);
      if (!(pValue < alpha)) continue;
      const lost = na * (crU - crA);
      out.push({
        target: `page:${path}`,
        signal,
        score: state.conversions ? lost / state.conversions : 0,
        lostConversions: lost,
        lostRevenue: lost * aov,
        affected: na,
        crAffected: crA,
        crUnaffected: crU,
        pValue,
        reason:
          `${path}: sessions with ${words} converted ${pct(crA)} vs ${pct(crU)}; ${num(lost)} conversions lost` +
          (aov > 0 ? ` (≈ ${num(lost * aov)} in revenue)` : ''),
      });
    }
  }
  return out.sort((a, b) => b.lostConversions - a.lostConversions || a.pValue - b.pValue || (a.target + a.signal < b.target + b.signal ? -1 : 1));
}

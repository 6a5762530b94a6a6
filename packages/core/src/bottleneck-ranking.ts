/**
 * Bottlenecks, part 2: ranking the marks (docs/metrics.md, "Bottleneck scores"): which
 * page-signal pairs cost conversions significantly, how many, and the sentence that says so.
 */
import { addPair, SCROLL_BUCKET, type BottleneckSignal, type BottlenecksState, type Pair } from './bottleneck-marks.js';
import { conversionLoss, lossReason, num, type ConversionLoss, type LossRule } from './lib/lost-conversions.js';
import { sketchQuantile, type SketchState } from './sketch.js';

/** One ranked bottleneck (the `footfall bottlenecks --json` row). */
export interface Bottleneck {
  /** `page:/path`, `product:id` or `campaign:source / medium / campaign / keyword`. */
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
  'support-contact': 'a support contact within 24 h',
  'low-rating': 'a view of a low-rated product',
  'landing-mismatch': 'a landing whose ads draw clicks it does not convert',
};
const VITAL_OF: Partial<Record<BottleneckSignal, 'LCP' | 'INP' | 'CLS'>> = { 'poor-lcp': 'LCP', 'poor-inp': 'INP', 'poor-cls': 'CLS' };

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

/** How entries are tested: the signals, and the loss rule (smallest group, significance level). */
export interface RankOptions {
  signals: readonly BottleneckSignal[];
  rule: LossRule;
}

/** A ranked bottleneck from a loss: score = lost / all conversions, lost revenue = lost × AOV. */
export function rankedLoss(target: string, signal: BottleneckSignal, loss: ConversionLoss, conversions: number, aov: number, reason: string): Bottleneck {
  return {
    target,
    signal,
    score: conversions ? loss.lostConversions / conversions : 0,
    lostConversions: loss.lostConversions,
    lostRevenue: loss.lostConversions * aov,
    affected: loss.affected,
    crAffected: loss.crAffected,
    crUnaffected: loss.crUnaffected,
    pValue: loss.pValue,
    reason,
  };
}

/**
 * Ranks the page totals: for each page and signal, affected against unaffected sessions,
 * kept when both groups have ≥ `minGroup` sessions, the affected convert less and the
 * two-proportion z-test gives p < `alpha`; most lost conversions first.
 */
export function rankBottlenecks(state: BottlenecksState, aov: number, { signals, rule }: RankOptions): Bottleneck[] {
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
      const loss = conversionLoss(ca, na, p.conversions - ca, p.sessions - na, rule);
      if (loss) out.push(rankedLoss(`page:${path}`, signal, loss, state.conversions, aov, lossReason(path, words, loss, aov)));
    }
  }
  return out.sort((a, b) => b.lostConversions - a.lostConversions || a.pValue - b.pValue || (a.target + a.signal < b.target + b.signal ? -1 : 1));
}

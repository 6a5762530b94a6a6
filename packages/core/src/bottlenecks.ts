/**
 * Bottleneck scores (docs/metrics.md#bottleneck-scores): for every page, split the
 * sessions that viewed it by each friction signal met on it, and estimate the conversions
 * the friction costs. Collecting the marks is `bottleneck-marks.ts`, ranking them
 * `bottleneck-ranking.ts`; this module is the analyzer over both.
 */
import type { Analyzer } from './analyzer.js';
import {
  BOTTLENECK_DEFAULT_SIGNALS, BOTTLENECK_SIGNALS, closeSession, markEvent, mergePage,
  type BottleneckSignal, type BottlenecksState,
} from './bottleneck-marks.js';
import { rankBottlenecks, rankedLoss, type Bottleneck } from './bottleneck-ranking.js';
import { FootfallError } from './errors.js';
import { inSession } from './event-scope.js';
import {
  addJourneySignals, emptyJourneySignals, journeyBottlenecks, journeySignalOptions, mergeJourneySignals, type JourneySignalOptions,
} from './journey-signals.js';
import { defineAnalyzer } from './lib/define-analyzer.js';
import { lossRule } from './lib/lost-conversions.js';
import { emptyOpenSessions, mergeOpenSessions } from './lib/open-sessions.js';
import { parseStep } from './matchers.js';
import { cloneState, dict } from './lib/dict.js';

export { BOTTLENECK_SIGNALS, BOTTLENECK_OPT_IN_SIGNALS, BOTTLENECK_DEFAULT_SIGNALS, type BottleneckSignal, type BottlenecksState } from './bottleneck-marks.js';
export { mainCallToAction, rankedLoss, type Bottleneck } from './bottleneck-ranking.js';

/** Options of `createBottlenecks` (with the journey signals' `lowRating` and `minRatings`). */
export interface BottlenecksOptions extends JourneySignalOptions {
  /**
   * Funnel steps (`parseStep` matchers): a session converts when it meets them in order.
   * @default [] (a session converts with a `cart:purchase`)
   */
  steps?: string[];
  /**
   * Smallest affected and unaffected group, in sessions.
   * @default 30
   */
  minGroup?: number;
  /**
   * Significance level of the two-sided two-proportion z-test.
   * @default 0.01
   */
  alpha?: number;
  /**
   * Signals to test. `low-scroll` and `high-exit` are opt-in (`BOTTLENECK_OPT_IN_SIGNALS`):
   * both are partly effects of not converting rather than causes (a visitor must scroll to
   * the call to action to use it, and leaving means not converting), so on shop data they
   * come out significant even where nothing is wrong.
   * @default `BOTTLENECK_DEFAULT_SIGNALS` (poor-lcp, poor-inp, poor-cls, rage-clicks, dead-clicks, error)
   */
  signals?: BottleneckSignal[];
  /**
   * The error event.
   * @default 'track:error'
   */
  error?: string;
}

/** Result of `createBottlenecks`: significant bottlenecks, most lost conversions first. */
export interface BottlenecksResult {
  bottlenecks: Bottleneck[];
  sessions: number;
  conversions: number;
  aov: number;
}

/**
 * Ranked bottlenecks. For each page (URL path) and each friction signal met on it —
 * poor LCP / INP / CLS (rated by `rateVital`), a rage run, a dead click, scroll reach that
 * ended above the page's main call to action (the most-clicked element's mean y, in 100-px
 * buckets; opt-in), a `track:error` event, or leaving the site from the page (opt-in) — the
 * sessions that viewed the page split into affected and unaffected. A session converts
 * when it meets `steps` in order (default: a `cart:purchase`). An entry is reported when
 * both groups have ≥ `minGroup` sessions, CR affected < CR unaffected, and the two-proportion
 * z-test gives p < `alpha`; lost conversions = affected × (CR unaffected − CR affected),
 * lost revenue = lost conversions × AOV. For `high-exit` the groups are the sessions that
 * left the site from the page against those that went on.
 *
 * @example
 * ```ts
 * const b = createBottlenecks({ steps: ['page:/cart', 'page:/checkout/*', 'cart:purchase'] });
 * for (const e of normalize(events)) b.add(e);
 * b.result().bottlenecks[0].reason;
 * // "/checkout/payment: sessions with poor LCP (p75 5.1 s) converted 18.0% vs 46.0%; 312 conversions lost"
 * ```
 */
export function createBottlenecks(options: BottlenecksOptions = {}): Analyzer<BottlenecksState, BottlenecksResult> {
  const steps = (options.steps?.length ? options.steps : ['cart:purchase']).map(parseStep);
  const isError = parseStep(options.error ?? 'track:error');
  const rule = lossRule(options);
  const journeyOptions = journeySignalOptions(options);
  const { minGroup, alpha } = rule;
  const signals = options.signals ?? [...BOTTLENECK_DEFAULT_SIGNALS];
  for (const s of signals) {
    if (!BOTTLENECK_SIGNALS.includes(s)) throw new FootfallError('INVALID_OPTION', `unknown bottleneck signal "${s}": use one of ${BOTTLENECK_SIGNALS.join(', ')}`);
  }

  return defineAnalyzer<BottlenecksState, BottlenecksResult>(
    {
      key: JSON.stringify({ steps: steps.map((s) => s.text), minGroup, alpha, signals, error: isError.text, ...journeyOptions }),
      sessions: 0, conversions: 0, revenue: 0, orders: 0, pages: dict(), open: emptyOpenSessions(), journey: emptyJourneySignals(),
    },
    {
      name: 'bottlenecks',
      add(state, e) {
        addJourneySignals(state.journey, e, steps);
        if (inSession(e)) markEvent(state, e, steps, isError);
      },
      merge(into, o) {
        into.sessions += o.sessions;
        into.conversions += o.conversions;
        into.revenue += o.revenue;
        into.orders += o.orders;
        for (const [path, p] of Object.entries(o.pages)) {
          if (into.pages[path]) mergePage(into.pages[path], p);
          else into.pages[path] = p;
        }
        mergeOpenSessions(into.open, o.open);
        mergeJourneySignals(into.journey, o.journey);
      },
      result(state) {
        const s: BottlenecksState = { ...state, pages: cloneState(state.pages) };
        for (const x of Object.values(state.open.open)) closeSession(s, x);
        const aov = s.orders ? s.revenue / s.orders : 0;
        const journey = journeyBottlenecks(state.journey, {
          signals, rule, options: journeyOptions, conversions: s.conversions, aov,
          rank: (target, signal, loss, reason) => rankedLoss(target, signal, loss, s.conversions, aov, reason),
        });
        const ranked = [...rankBottlenecks(s, aov, { signals, rule }), ...journey]
          .sort((a, b) => b.lostConversions - a.lostConversions || a.pValue - b.pValue || (a.target + a.signal < b.target + b.signal ? -1 : 1));
        return { bottlenecks: ranked, sessions: s.sessions, conversions: s.conversions, aov };
      },
    },
  );
}

/**
 * Bottleneck scores (contract `semantics.md`, "Bottleneck scores"): for every page, split
 * the sessions that viewed it by each friction signal met on it, and estimate the
 * conversions the friction costs.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { FootfallError } from './errors.js';
import { isDeadClick, trackRage, type RageTracker } from './frustration.js';
import { addCounts, defineAnalyzer, type Stateful } from './lib/define-analyzer.js';
import { createOpenSessions, mergeOpenSessions, sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { purchaseValue } from './lib/purchase.js';
import { parseStep, urlPath } from './matchers.js';
import { createSketch, sketchAdd, sketchMerge, sketchQuantile, type SketchState } from './sketch.js';
import { twoProportionZTest } from './stats.js';
import { rateVital } from './vitals.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** The friction signals a session can meet on a page. */
export const BOTTLENECK_SIGNALS = ['poor-lcp', 'poor-inp', 'poor-cls', 'rage-clicks', 'dead-clicks', 'low-scroll', 'error', 'high-exit'] as const;
/** One friction signal. */
export type BottleneckSignal = (typeof BOTTLENECK_SIGNALS)[number];
/** Signals tested only when asked for (see `BottlenecksOptions.signals`). */
export const BOTTLENECK_OPT_IN_SIGNALS: readonly BottleneckSignal[] = ['low-scroll', 'high-exit'];
/** Signals tested by default. */
export const BOTTLENECK_DEFAULT_SIGNALS: readonly BottleneckSignal[] = BOTTLENECK_SIGNALS.filter((s) => !BOTTLENECK_OPT_IN_SIGNALS.includes(s));

/** Options of `createBottlenecks`. */
export interface BottlenecksOptions {
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

/** Per page of a session: what it met there. */
interface Mark {
  /** Signals met, as names. */
  s: BottleneckSignal[];
  /** Worst LCP / INP / CLS seen on the page. */
  v: Partial<Record<'LCP' | 'INP' | 'CLS', number>>;
  /** Deepest scroll, px (−1: none). */
  px: number;
  /** Views of the page in the session. */
  views: number;
}

interface BnSession {
  progress: number;
  converted: boolean;
  pages: Record<string, Mark>;
  last: string | null;
  rage?: RageTracker;
  /** Order keys seen (purchases deduplicated by `orderId` within a session). */
  orders: string[];
}

/** [sessions, conversions]. */
type Pair = [number, number];

interface PageAgg {
  sessions: number;
  conversions: number;
  views: number;
  /** Sessions whose last page view is this page: [sessions, conversions]. */
  exits: Pair;
  signals: Partial<Record<BottleneckSignal, Pair>>;
  /** Affected sessions' worst value, for the reason text. */
  worst: Partial<Record<'LCP' | 'INP' | 'CLS', SketchState>>;
  /** 100-px bucket of the session's deepest scroll → [sessions, conversions]. */
  scroll: Record<string, Pair>;
  /** selector → clicks, and the sum of their y. */
  clicks: Record<string, number>;
  clickY: Record<string, number>;
  /** selector → rage runs / dead clicks. */
  rageOn: Record<string, number>;
  deadOn: Record<string, number>;
}

/** State of `createBottlenecks`. */
export interface BottlenecksState extends Stateful {
  sessions: number;
  conversions: number;
  revenue: number;
  orders: number;
  pages: Record<string, PageAgg>;
  open: OpenSessions<BnSession>;
}

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

/** Result of `createBottlenecks`: significant bottlenecks, most lost conversions first. */
export interface BottlenecksResult {
  bottlenecks: Bottleneck[];
  sessions: number;
  conversions: number;
  aov: number;
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
const SCROLL_BUCKET = 100;

const pageAgg = (): PageAgg => ({
  sessions: 0, conversions: 0, views: 0, exits: [0, 0], signals: dict(), worst: dict(), scroll: dict(), clicks: dict(), clickY: dict(), rageOn: dict(), deadOn: dict(),
});
const mark = (): Mark => ({ s: [], v: dict(), px: -1, views: 0 });
const flag = (m: Mark, s: BottleneckSignal) => {
  if (!m.s.includes(s)) m.s.push(s);
};
const addPair = (a: Pair, b: Pair) => {
  a[0] += b[0];
  a[1] += b[1];
};

function close(state: BottlenecksState, x: BnSession): void {
  state.sessions += 1;
  const c = x.converted ? 1 : 0;
  state.conversions += c;
  for (const [path, m] of Object.entries(x.pages)) {
    const p = (state.pages[path] ??= pageAgg());
    p.sessions += 1;
    p.conversions += c;
    p.views += m.views;
    if (x.last === path) addPair(p.exits, [1, c]);
    for (const s of m.s) addPair((p.signals[s] ??= [0, 0]), [1, c]);
    for (const [metric, v] of Object.entries(m.v) as ['LCP' | 'INP' | 'CLS', number][]) {
      if (rateVital(metric, v) === 'poor') sketchAdd((p.worst[metric] ??= createSketch()), v);
    }
    if (m.px >= 0) addPair((p.scroll[Math.floor(m.px / SCROLL_BUCKET) * SCROLL_BUCKET] ??= [0, 0]), [1, c]);
  }
}

function mergePage(into: PageAgg, o: PageAgg): void {
  into.sessions += o.sessions;
  into.conversions += o.conversions;
  into.views += o.views;
  addPair(into.exits, o.exits);
  for (const [s, pair] of Object.entries(o.signals) as [BottleneckSignal, Pair][]) addPair((into.signals[s] ??= [0, 0]), pair);
  for (const [m, sk] of Object.entries(o.worst) as ['LCP' | 'INP' | 'CLS', SketchState][]) sketchMerge((into.worst[m] ??= createSketch()), sk);
  for (const [b, pair] of Object.entries(o.scroll)) addPair((into.scroll[b] ??= [0, 0]), pair);
  addCounts(into.clicks, o.clicks);
  addCounts(into.clickY, o.clickY);
  addCounts(into.rageOn, o.rageOn);
  addCounts(into.deadOn, o.deadOn);
}

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
  const minGroup = options.minGroup ?? 30;
  const alpha = options.alpha ?? 0.01;
  const signals = options.signals ?? [...BOTTLENECK_DEFAULT_SIGNALS];
  for (const s of signals) {
    if (!BOTTLENECK_SIGNALS.includes(s)) throw new FootfallError('INVALID_OPTION', `unknown bottleneck signal "${s}": use one of ${BOTTLENECK_SIGNALS.join(', ')}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new FootfallError('INVALID_OPTION', `alpha must be between 0 and 1 (got ${alpha})`);
  if (!(minGroup >= 1)) throw new FootfallError('INVALID_OPTION', `minGroup must be at least 1 (got ${minGroup})`);

  function add(state: BottlenecksState, e: NormalizedEvent): void {
    const x = sessionFor(state.open, e, (): BnSession => ({ progress: 0, converted: false, pages: dict(), last: null, orders: [] }), (done) => close(state, done));
    if (!x.converted && steps[x.progress].matches(e)) {
      x.progress += 1;
      if (x.progress === steps.length) x.converted = true;
    }
    if (e.type === 'cart' && e.action === 'purchase') {
      const k = e.orderId || `event:${e.id}`;
      if (!x.orders.includes(k)) {
        x.orders.push(k);
        state.orders += 1;
        state.revenue += purchaseValue(e);
      }
    }
    if (e.type === 'identify') return;
    const path = urlPath(e.url);
    const m = (x.pages[path] ??= mark());
    switch (e.type) {
      case 'page':
        m.views += 1;
        x.last = path;
        x.rage = undefined;
        break;
      case 'click': {
        const p = (state.pages[path] ??= pageAgg());
        p.clicks[e.selector] = (p.clicks[e.selector] ?? 0) + 1;
        p.clickY[e.selector] = (p.clickY[e.selector] ?? 0) + e.y;
        const r = trackRage(x.rage, e);
        x.rage = r.tracker;
        if (r.newRun) {
          flag(m, 'rage-clicks');
          p.rageOn[e.selector] = (p.rageOn[e.selector] ?? 0) + 1;
        }
        if (isDeadClick(e)) {
          flag(m, 'dead-clicks');
          p.deadOn[e.selector] = (p.deadOn[e.selector] ?? 0) + 1;
        }
        break;
      }
      case 'scroll':
        m.px = Math.max(m.px, e.px);
        break;
      case 'vitals':
        if (e.metric === 'LCP' || e.metric === 'INP' || e.metric === 'CLS') {
          m.v[e.metric] = Math.max(m.v[e.metric] ?? 0, e.value);
          if (rateVital(e.metric, e.value) === 'poor') flag(m, e.metric === 'LCP' ? 'poor-lcp' : e.metric === 'INP' ? 'poor-inp' : 'poor-cls');
        }
        break;
      default:
        if (isError.matches(e)) flag(m, 'error');
    }
  }

  function entries(state: BottlenecksState, aov: number): Bottleneck[] {
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

  return defineAnalyzer<BottlenecksState, BottlenecksResult>(
    {
      key: JSON.stringify({ steps: steps.map((s) => s.text), minGroup, alpha, signals, error: isError.text }),
      sessions: 0, conversions: 0, revenue: 0, orders: 0, pages: dict(), open: createOpenSessions(),
    },
    {
      name: 'bottlenecks',
      add,
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
      },
      result(state) {
        const s: BottlenecksState = { ...state, pages: cloneState(state.pages) };
        for (const x of Object.values(state.open.open)) close(s, x);
        const aov = s.orders ? s.revenue / s.orders : 0;
        return { bottlenecks: entries(s, aov), sessions: s.sessions, conversions: s.conversions, aov };
      },
    },
  );
}

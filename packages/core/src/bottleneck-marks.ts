/**
 * Bottlenecks, part 1: collecting marks (docs/metrics.md, "Bottleneck scores"). Each session
 * marks the pages it viewed with the friction signals it met there; when the session closes,
 * its marks add to per-page totals of sessions and conversions, affected or not.
 */
import type { NormalizedEvent } from './analyzer.js';
import { isDeadClick, trackRage, type RageTracker } from './frustration.js';
import { JOURNEY_SIGNALS, type JourneySignalsState } from './journey-signals.js';
import { addCounts } from './lib/analyzerState.js';
import type { KeyedState } from './lib/define-analyzer.js';
import { sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { purchaseValue } from './lib/purchase.js';
import { urlPath, type Step } from './matchers.js';
import { emptySketch, sketchAdd, sketchMerge, type SketchState } from './sketch.js';
import { rateVital } from './vitals.js';
import { dict } from './lib/dict.js';

/** The friction signals a session can meet on a page. */
export const BOTTLENECK_SIGNALS = ['poor-lcp', 'poor-inp', 'poor-cls', 'rage-clicks', 'dead-clicks', 'low-scroll', 'error', 'high-exit', ...JOURNEY_SIGNALS] as const;
/** One friction signal. */
export type BottleneckSignal = (typeof BOTTLENECK_SIGNALS)[number];
/** Signals tested only when asked for (see `BottlenecksOptions.signals`). */
export const BOTTLENECK_OPT_IN_SIGNALS: readonly BottleneckSignal[] = ['low-scroll', 'high-exit'];
/** Signals tested by default. */
export const BOTTLENECK_DEFAULT_SIGNALS: readonly BottleneckSignal[] = BOTTLENECK_SIGNALS.filter((s) => !BOTTLENECK_OPT_IN_SIGNALS.includes(s));

/** Per page of a session: what it met there. */
export interface Mark {
  /** Signals met, as names. */
  s: BottleneckSignal[];
  /** Worst LCP / INP / CLS seen on the page. */
  v: Partial<Record<'LCP' | 'INP' | 'CLS', number>>;
  /** Deepest scroll, px (−1: none). */
  px: number;
  /** Views of the page in the session. */
  views: number;
}

export interface BnSession {
  progress: number;
  converted: boolean;
  pages: Record<string, Mark>;
  last: string | null;
  rage?: RageTracker;
  /** Order keys seen (purchases deduplicated by `orderId` within a session). */
  orders: string[];
}

/** [sessions, conversions]. */
export type Pair = [number, number];

export interface PageAgg {
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
export interface BottlenecksState extends KeyedState {
  sessions: number;
  conversions: number;
  revenue: number;
  orders: number;
  pages: Record<string, PageAgg>;
  open: OpenSessions<BnSession>;
  /** Support contacts, ratings and campaign landings (`journey-signals.ts`). */
  journey: JourneySignalsState;
}

/** Scroll depth bucket, px. */
export const SCROLL_BUCKET = 100;

export const pageAgg = (): PageAgg => ({
  sessions: 0, conversions: 0, views: 0, exits: [0, 0], signals: dict(), worst: dict(), scroll: dict(), clicks: dict(), clickY: dict(), rageOn: dict(), deadOn: dict(),
});
const mark = (): Mark => ({ s: [], v: dict(), px: -1, views: 0 });
const flag = (m: Mark, s: BottleneckSignal) => {
  if (!m.s.includes(s)) m.s.push(s);
};
export const addPair = (a: Pair, b: Pair) => {
  a[0] += b[0];
  a[1] += b[1];
};

/** Folds a finished session's marks into the page totals. */
export function closeSession(state: BottlenecksState, x: BnSession): void {
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
      if (rateVital(metric, v) === 'poor') sketchAdd((p.worst[metric] ??= emptySketch()), v);
    }
    if (m.px >= 0) addPair((p.scroll[Math.floor(m.px / SCROLL_BUCKET) * SCROLL_BUCKET] ??= [0, 0]), [1, c]);
  }
}

/** Adds another shard's totals of a page. */
export function mergePage(into: PageAgg, o: PageAgg): void {
  into.sessions += o.sessions;
  into.conversions += o.conversions;
  into.views += o.views;
  addPair(into.exits, o.exits);
  for (const [s, pair] of Object.entries(o.signals) as [BottleneckSignal, Pair][]) addPair((into.signals[s] ??= [0, 0]), pair);
  for (const [m, sk] of Object.entries(o.worst) as ['LCP' | 'INP' | 'CLS', SketchState][]) sketchMerge((into.worst[m] ??= emptySketch()), sk);
  for (const [b, pair] of Object.entries(o.scroll)) addPair((into.scroll[b] ??= [0, 0]), pair);
  addCounts(into.clicks, o.clicks);
  addCounts(into.clickY, o.clickY);
  addCounts(into.rageOn, o.rageOn);
  addCounts(into.deadOn, o.deadOn);
}

/**
 * Collects what one event tells about its session: conversion progress (`steps` in order),
 * orders and revenue, and the marks of the page it happened on (views, signals met, worst
 * vitals, deepest scroll, clicks by selector). A session's marks are folded into the page
 * totals when it closes.
 */
export function markEvent(state: BottlenecksState, e: NormalizedEvent, steps: readonly Step[], isError: Step): void {
  const x = sessionFor(state.open, e, (): BnSession => ({ progress: 0, converted: false, pages: dict(), last: null, orders: [] }), (done) => closeSession(state, done));
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
  if (e.type === 'identify' || e.url === undefined) return;
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

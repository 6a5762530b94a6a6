/**
 * Shop KPIs (docs/metrics.md#kpis): conversion, cart abandonment, AOV, revenue,
 * repeat purchases, session length and depth, journey stages and retention cohorts.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { hasPerson, inSession, startsSessions } from './event-scope.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { purchaseValue } from './lib/purchase.js';
import { emptyOpenSessions, mergeOpenSessions, sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { emptySketch, sketchAdd, sketchMerge, sketchQuantile, type SketchState } from './sketch.js';
import { countStages, stageProgress, stageModel, type PersonProgress, type StagesOptions, type StagesResult } from './stages.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

const DAY_MS = 86_400_000;

/** Options of `createKpis`. */
export interface KpisOptions {
  /**
   * Journey stage rules (see `createStages`).
   * @default {} (the stages of docs/metrics.md#journey-stages)
   */
  stages?: StagesOptions;
  /**
   * Day offsets N reported by the retention cohorts.
   * @default [1, 7, 14, 30]
   */
  retentionDays?: number[];
  /**
   * Also count sessions and converting sessions per UTC day of each session's start
   * (`timeline` in the result).
   * @default false
   */
  timeline?: boolean;
}

interface KpiSession {
  start: number;
  end: number;
  pages: number;
  add: boolean;
  purchase: boolean;
}

interface KpiPerson {
  stage: PersonProgress;
  /** UTC day numbers (ts / 86,400,000) with any event, ascending. */
  days: number[];
  revenue: number;
}

/** State of `createKpis`. */
export interface KpisState extends KeyedState {
  sessions: number;
  purchaseSessions: number;
  addSessions: number;
  abandonedSessions: number;
  pageViews: number;
  lengths: SketchState;
  persons: Record<string, KpiPerson>;
  open: OpenSessions<KpiSession>;
  /** With `timeline`: per UTC day number (session start), `[sessions, sessions with a purchase]`. */
  daily?: Record<string, [number, number]>;
}

/** One retention cohort (persons first seen on `cohort`, a UTC date). */
export interface RetentionCohort {
  cohort: string;
  persons: number;
  /** Per N of `days`: share of the cohort active on day N exactly; `null` when day N is after the data's last day. */
  onDay: (number | null)[];
  /** Per N of `days`: share active on day N or later; `null` when day N is after the data's last day. */
  onOrAfter: (number | null)[];
}

/** Result of `createKpis` (the `footfall kpis --json` document). */
export interface KpisResult {
  sessions: number;
  persons: number;
  /** Sessions with a purchase / sessions. */
  conversionRate: number;
  /** Sessions with `cart:add` and no purchase / sessions with `cart:add`. */
  cartAbandonment: number;
  /** Revenue / orders (0 without orders). */
  aov: number;
  /** Sum of purchase values (`value`, else Σ price × quantity), each order once. */
  revenue: number;
  orders: number;
  /** Purchasers with ≥ 2 orders / purchasers. */
  repeatPurchaseRate: number;
  pagesPerSession: number;
  /** Median of (last event − first event) per session, ms. */
  medianSessionMs: number;
  stages: StagesResult;
  /** First-time retention: cohorts by first-seen UTC day; N-day on-day and on-or-after. */
  retention: { days: number[]; cohorts: RetentionCohort[]; overall: Omit<RetentionCohort, 'cohort'> };
  /**
   * With the `timeline` option: one entry per UTC day from the first session's start to the
   * last one's (days without sessions hold 0); `sessions` started that day, `conversions` of
   * them with a purchase.
   */
  timeline?: KpisDay[];
}

/** One day of the KPI timeline. */
export interface KpisDay {
  /** UTC date, `YYYY-MM-DD`. */
  date: string;
  /** Sessions that started on this day. */
  sessions: number;
  /** Of those, sessions with a purchase. */
  conversions: number;
}

function closeSession(s: KpisState, x: KpiSession): void {
  s.sessions += 1;
  s.pageViews += x.pages;
  if (x.purchase) s.purchaseSessions += 1;
  if (x.add) s.addSessions += 1;
  if (x.add && !x.purchase) s.abandonedSessions += 1;
  sketchAdd(s.lengths, x.end - x.start);
  if (s.daily) {
    const d = (s.daily[Math.floor(x.start / DAY_MS)] ??= [0, 0]);
    d[0] += 1;
    if (x.purchase) d[1] += 1;
  }
}

function timelineOf(daily: Record<string, [number, number]>): KpisDay[] {
  const days = Object.keys(daily).map(Number);
  if (days.length === 0) return [];
  const first = Math.min(...days);
  const last = Math.max(...days);
  const out: KpisDay[] = [];
  for (let d = first; d <= last; d++) {
    const [sessions, conversions] = daily[d] ?? [0, 0];
    out.push({ date: new Date(d * DAY_MS).toISOString().slice(0, 10), sessions, conversions });
  }
  return out;
}

function retention(persons: KpiPerson[], days: number[]): KpisResult['retention'] {
  const lastDay = persons.reduce((m, p) => Math.max(m, p.days[p.days.length - 1] ?? -Infinity), -Infinity);
  const groups = new Map<number, KpiPerson[]>();
  for (const p of persons) {
    const first = p.days[0];
    if (first === undefined) continue;
    const g = groups.get(first);
    if (g) g.push(p);
    else groups.set(first, [p]);
  }
  const tallyOf = (first: number, ps: KpiPerson[]) => ({
    onDay: days.map((n) => (first + n > lastDay ? null : ps.filter((p) => p.days.includes(p.days[0] + n)).length)),
    onOrAfter: days.map((n) => (first + n > lastDay ? null : ps.filter((p) => (p.days[p.days.length - 1] ?? -1) >= p.days[0] + n).length)),
  });
  const share = (xs: (number | null)[], n: number) => xs.map((x) => (x === null ? null : x / n));
  const cohorts: RetentionCohort[] = [];
  const overallOn = days.map(() => [0, 0]);
  const overallAfter = days.map(() => [0, 0]);
  for (const [first, ps] of [...groups].sort((a, b) => a[0] - b[0])) {
    const t = tallyOf(first, ps);
    cohorts.push({ cohort: new Date(first * DAY_MS).toISOString().slice(0, 10), persons: ps.length, onDay: share(t.onDay, ps.length), onOrAfter: share(t.onOrAfter, ps.length) });
    days.forEach((_, i) => {
      if (t.onDay[i] === null) return;
      overallOn[i][0] += t.onDay[i] as number;
      overallOn[i][1] += ps.length;
      overallAfter[i][0] += t.onOrAfter[i] as number;
      overallAfter[i][1] += ps.length;
    });
  }
  const ratio = ([x, n]: number[]) => (n ? x / n : null);
  return { days, cohorts, overall: { persons: persons.length, onDay: overallOn.map(ratio), onOrAfter: overallAfter.map(ratio) } };
}

/**
 * Shop KPIs over sessions and persons. Conversion rate = sessions with a purchase /
 * sessions; cart abandonment = sessions with `cart:add` and no purchase / sessions with
 * `cart:add`; AOV = revenue / orders (orders deduplicated by `orderId` within a person);
 * repeat purchase rate = purchasers with ≥ 2 orders / purchasers; median session length
 * through the shared sketch (exact below 10,000 sessions, 1% relative error above);
 * journey stages (`createStages`); first-time retention cohorts by first-seen UTC day; with
 * `timeline`, sessions and converting sessions per UTC day of the session's start.
 *
 * @example
 * ```ts
 * const k = createKpis();
 * for (const e of normalize(events)) k.add(e);
 * k.result(); // { sessions: 1204, conversionRate: 0.031, aov: 74.2, ... }
 * ```
 */
export function createKpis(options: KpisOptions = {}): Analyzer<KpisState, KpisResult> {
  const model = stageModel(options.stages);
  const days = options.retentionDays ?? [1, 7, 14, 30];
  return defineAnalyzer<KpisState, KpisResult>(
    {
      key: JSON.stringify({ stages: options.stages ?? {}, days, ...(options.timeline ? { timeline: true } : {}) }),
      sessions: 0, purchaseSessions: 0, addSessions: 0, abandonedSessions: 0, pageViews: 0, lengths: emptySketch(), persons: dict(), open: emptyOpenSessions(),
      ...(options.timeline ? { daily: dict<[number, number]>() } : {}),
    },
    {
      name: 'kpis',
      add(s, e) {
        // docs/metrics.md, KPIs: orders from a backend outside any session count; email, tickets, reviews and ad statistics do not.
        const session = inSession(e);
        if (!session && !(hasPerson(e) && (e.type === 'cart' || e.type === 'track'))) return;
        const x = session ? sessionFor(s.open, e, () => ({ start: e.ts, end: e.ts, pages: 0, add: false, purchase: false }), (done) => closeSession(s, done)) : undefined;
        const p = (s.persons[e.person] ??= { stage: stageProgress(), days: [], revenue: 0 });
        const orders = p.stage.orders.length;
        model.track(p.stage, e);
        if (p.stage.orders.length > orders) p.revenue += purchaseValue(e);
        if (x === undefined) return;
        if (startsSessions(e)) x.end = Math.max(x.end, e.ts); // a backend's event in the session does not lengthen it (docs/events.md)
        const day = Math.floor(e.ts / DAY_MS);
        if (p.days[p.days.length - 1] !== day && !p.days.includes(day)) {
          p.days.push(day);
          p.days.sort((a, b) => a - b);
        }
        if (e.type === 'page') x.pages += 1;
        if (e.type === 'cart' && e.action === 'add') x.add = true;
        if (e.type === 'cart' && e.action === 'purchase') {
          x.purchase = true;
        }
      },
      merge(into, o) {
        into.sessions += o.sessions;
        into.purchaseSessions += o.purchaseSessions;
        into.addSessions += o.addSessions;
        into.abandonedSessions += o.abandonedSessions;
        into.pageViews += o.pageViews;
        sketchMerge(into.lengths, o.lengths);
        Object.assign(into.persons, o.persons);
        mergeOpenSessions(into.open, o.open);
        if (into.daily && o.daily) {
          for (const [day, [n, c]] of Object.entries(o.daily)) {
            const d = (into.daily[day] ??= [0, 0]);
            d[0] += n;
            d[1] += c;
          }
        }
      },
      result(state) {
        const s: KpisState = { ...state, lengths: cloneState(state.lengths), ...(state.daily ? { daily: cloneState(state.daily) } : {}) };
        for (const x of Object.values(state.open.open)) closeSession(s, x);
        // Summed in person-key order: float addition depends on order, and the order persons
        // were first seen differs between one run and merged shards.
        const persons = Object.keys(state.persons).sort().map((k) => state.persons[k]);
        const revenue = persons.reduce((n, p) => n + p.revenue, 0);
        const orders = persons.reduce((n, p) => n + p.stage.orders.length, 0);
        const purchasers = persons.filter((p) => p.stage.orders.length > 0);
        return {
          sessions: s.sessions,
          persons: persons.length,
          conversionRate: s.sessions ? s.purchaseSessions / s.sessions : 0,
          cartAbandonment: s.addSessions ? s.abandonedSessions / s.addSessions : 0,
          aov: orders ? revenue / orders : 0,
          revenue,
          orders,
          repeatPurchaseRate: purchasers.length ? purchasers.filter((p) => p.stage.orders.length >= 2).length / purchasers.length : 0,
          pagesPerSession: s.sessions ? s.pageViews / s.sessions : 0,
          medianSessionMs: sketchQuantile(s.lengths, 0.5) ?? 0,
          stages: countStages(model, persons.map((p) => p.stage)),
          retention: retention(persons, days),
          ...(s.daily ? { timeline: timelineOf(s.daily) } : {}),
        };
      },
    },
  );
}

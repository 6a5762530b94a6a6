/**
 * Funnels (docs/metrics.md#funnels): PostHog's "sequential" semantics, which
 * ClickHouse `windowFunnel` agrees with. Unit: person. State: one small record per person.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { hasPerson, isServerType } from './event-scope.js';
import { FootfallError } from './errors.js';
import type { EventType } from './events.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { mean, median, ratio } from './lib/journeyStats.js';
import { parseStep, type Step } from './matchers.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** How steps must follow each other. */
export type FunnelMode = 'ordered' | 'strict' | 'unordered';

/** Options of `createFunnel`. */
export interface FunnelOptions {
  /** The steps, as step matchers (`page:/`, `page:/product/*`, `cart:add`, `cart:purchase`). At least one. */
  steps: readonly string[];
  /**
   * Conversion window in ms, inclusive: step k counts when `ts − start ≤ windowMs`.
   * @default 1209600000 (14 days)
   */
  windowMs?: number;
  /**
   * `ordered`: steps in order, other events in between allowed. `strict`: any event the funnel
   * sees (page, cart and track events, and events of every type named in `steps`/`exclude`)
   * that is not the next step resets progress. `unordered`: distinct steps within the window.
   * @default 'ordered'
   */
  mode?: FunnelMode;
  /**
   * Exclusion steps: such an event between two steps of an attempt, inside its window, removes
   * the person from the whole funnel unless a later clean attempt reaches the same level.
   * @default []
   */
  exclude?: readonly string[];
  /**
   * Break the funnel down by a property, first touch (its value on the person's first step-1 event):
   * `props[name]`, else `channel` (the session's channel name) and `device` (agent device class),
   * else the event's top-level field (`url`, `anonymousId`, ...). Missing values group as `(none)`.
   * @default undefined (no breakdown)
   */
  breakdown?: string;
}

/** One funnel step in the result. */
export interface FunnelStepResult {
  step: string;
  /** Persons whose furthest step is this one or later. */
  count: number;
  /** `count` / step-1 count. */
  conversion: number;
  /** `count` / previous step's count (1 for step 1). */
  fromPrevious: number;
  /** Mean time from the previous step, ms, over persons who reached this step (`null` for step 1). */
  avgTimeMs: number | null;
  /** Median time from the previous step, ms (`null` for step 1). */
  medianTimeMs: number | null;
}

/** The funnel of one breakdown value. */
export interface FunnelBreakdownResult {
  value: string;
  steps: FunnelStepResult[];
}

/** `footfall funnel --json` (docs/cli.md#footfall-funnel). */
export interface FunnelResult {
  steps: FunnelStepResult[];
  /** Persons the funnel saw (entered or not, excluded or not). */
  persons: number;
  windowMs: number;
  mode: FunnelMode;
  /** Per breakdown value, most entrants first; `null` without the `breakdown` option. */
  breakdown: FunnelBreakdownResult[] | null;
}

/** An attempt: start time, the times of the steps it reached (`t[0]` = start), `x` = 1 when an exclusion fell inside it. */
interface Attempt {
  s: number;
  t: number[];
  x?: 1;
  /** Unordered mode: the step indexes reached, in `t` order. */
  m?: number[];
}

/** Per-person funnel state. */
interface FunnelPerson {
  /** Ordered/strict: the latest-starting attempt at each level (index = level − 1). Unordered: open windows. */
  a: Array<Attempt | null>;
  /** Furthest level reached by a clean attempt. */
  l: number;
  /** Step times of the first clean attempt that reached `l`. */
  t: number[] | null;
  /** Tainted attempts still unredeemed: `[start, level]`. */
  d: Array<[number, number]>;
  /** Breakdown value (first touch). */
  b?: string;
}

/** The JSON state of a funnel. */
export interface FunnelState extends KeyedState {
  /** Per person; `0` for a person seen without entering the funnel. */
  persons: Record<string, FunnelPerson | 0>;
}

/**
 * The shop purchase funnel: the steps the CLI's report and the dashboard start with when
 * none are given (docs/metrics.md, "Funnel").
 *
 * @example
 * ```ts
 * createFunnel({ steps: [...DEFAULT_FUNNEL_STEPS] });
 * ```
 */
export const DEFAULT_FUNNEL_STEPS: readonly string[] = Object.freeze(['page:/', 'page:/product/*', 'cart:add', 'cart:checkout', 'cart:purchase']);

const DAY = 86_400_000;
/** The funnel modes (docs/metrics.md, "Funnels"). */
export const FUNNEL_MODES: readonly FunnelMode[] = ['ordered', 'strict', 'unordered'];
const MODES = FUNNEL_MODES;
/** Event types a strict funnel always sees (user intent); instrumentation (click, scroll, vitals, identify) only when a step names it. */
const STRICT_SEEN: readonly EventType[] = ['page', 'cart', 'track'];
const NONE = '(none)';

function breakdownValue(event: NormalizedEvent, name: string): string {
  const props = event.props as Record<string, unknown> | undefined;
  let v: unknown = props && Object.hasOwn(props, name) ? props[name] : undefined;
  if (v === undefined && name === 'channel') v = event.channel?.name;
  else if (v === undefined && name === 'device') v = event.agent?.device;
  else if (v === undefined && Object.hasOwn(event, name)) v = (event as unknown as Record<string, unknown>)[name];
  if (v === undefined || v === null) return NONE;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Creates a funnel analyzer (PostHog sequential semantics; see `docs/metrics.md`).
 * Every step-1 event opens an attempt; each level keeps its latest-starting attempt; one event
 * never advances one attempt two steps; a person counts at the furthest level reached.
 * Times to convert come from the first attempt that reached that level.
 *
 * @example
 * ```ts
 * const funnel = createFunnel({ steps: ['page:/', 'cart:add', 'cart:purchase'], windowMs: 86_400_000 });
 * for (const e of normalize(events)) funnel.add(e);
 * funnel.result().steps.map((s) => s.count); // [1000, 310, 92]
 * ```
 */
export function createFunnel(options: FunnelOptions): Analyzer<FunnelState, FunnelResult> {
  const stepTexts = options.steps ?? [];
  if (stepTexts.length === 0) throw new FootfallError('INVALID_OPTION', 'a funnel needs at least one step: pass steps like ["page:/", "cart:purchase"]');
  const windowMs = options.windowMs ?? 14 * DAY;
  if (!(windowMs >= 0) || !Number.isFinite(windowMs)) throw new FootfallError('INVALID_OPTION', `windowMs must be a finite number ≥ 0 (got ${windowMs})`);
  const mode = options.mode ?? 'ordered';
  if (!MODES.includes(mode)) throw new FootfallError('INVALID_OPTION', `mode "${mode}" is not one of ${MODES.join(', ')}`);
  const steps: Step[] = stepTexts.map(parseStep);
  const exclude: Step[] = (options.exclude ?? []).map(parseStep);
  const n = steps.length;
  const seen = new Set<EventType>([...STRICT_SEEN, ...steps.map((s) => s.type), ...exclude.map((s) => s.type)]);
  const breakdown = options.breakdown;

  const state: FunnelState = {
    key: JSON.stringify({ f: 1, steps: stepTexts, windowMs, mode, exclude: options.exclude ?? [], breakdown: breakdown ?? null }),
    persons: dict(),
  };

  /** A (clean or tainted) attempt reached `level`. */
  const reach = (p: FunnelPerson, level: number, at: Attempt) => {
    if (at.x) {
      for (const debt of p.d) if (debt[0] === at.s && debt[1] < level) debt[1] = level;
      return;
    }
    if (p.d.length > 0) p.d = p.d.filter(([s, l]) => !(s < at.s && l <= level));
    if (level > p.l) {
      p.l = level;
      p.t = at.t.slice();
    }
  };

  const taint = (p: FunnelPerson, at: Attempt, level: number) => {
    if (at.x) return;
    at.x = 1;
    p.d.push([at.s, level]);
  };

  const addOrdered = (p: FunnelPerson, ts: number, matched: boolean[], excluded: boolean) => {
    const lv = p.a;
    if (excluded) {
      for (let k = 0; k < n - 1; k++) {
        const at = lv[k];
        if (at && ts - at.s <= windowMs && !(lv[k + 1] && lv[k + 1]!.s === at.s)) taint(p, at, k + 1);
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      if (!matched[k]) continue;
      if (k === 0) {
        if (!lv[0] || lv[0].s <= ts) {
          lv[0] = { s: ts, t: [ts] };
          reach(p, 1, lv[0]);
        }
        continue;
      }
      const prev = lv[k - 1];
      if (!prev || ts - prev.s > windowMs || (lv[k] && lv[k]!.s === prev.s)) continue;
      const next: Attempt = { s: prev.s, t: [...prev.t, ts] };
      if (prev.x) next.x = 1;
      lv[k] = next;
      reach(p, k + 1, next);
    }
    if (mode === 'strict') for (let k = 0; k < n; k++) if (!matched[k]) lv[k] = null;
  };

  const addUnordered = (p: FunnelPerson, ts: number, matched: boolean[], excluded: boolean) => {
    const open = (p.a as Attempt[]).filter((w) => ts - w.s <= windowMs && w.t.length < n);
    if (excluded) for (const w of open) taint(p, w, w.t.length);
    const first = matched.indexOf(true);
    if (first >= 0) {
      for (const w of open) {
        const k = matched.findIndex((m, i) => m && !w.m!.includes(i));
        if (k < 0) continue;
        w.m!.push(k);
        w.t.push(ts);
        reach(p, w.t.length, w);
      }
      const w: Attempt = { s: ts, t: [ts], m: [first] };
      open.push(w);
      reach(p, 1, w);
    }
    p.a = open.filter((w) => w.t.length < n);
  };

  const matched = new Array<boolean>(n).fill(false);
  // A person already in `persons`: the last one an event that changes nothing was about (a person's events mostly follow one another).
  let recorded: string | undefined;
  const add = (s: FunnelState, event: NormalizedEvent) => {
    // docs/metrics.md, Funnels: ad statistics belong to nobody; email, ticket and review events count only when a step names their type.
    if (!hasPerson(event) || (isServerType(event.type) && !seen.has(event.type))) return;
    let any = false;
    for (let k = 0; k < n; k++) any = (matched[k] = steps[k].type === event.type && steps[k].matches(event)) || any;
    const excluded = exclude.length > 0 && exclude.some((s) => s.type === event.type && s.matches(event));
    const persons = s.persons;
    if (!any && !excluded && !(mode === 'strict' && seen.has(event.type))) {
      // Nothing to do but count the person as seen.
      if (event.person === recorded) return;
      if (persons[event.person] === undefined) persons[event.person] = 0;
      recorded = event.person;
      return;
    }
    let p = persons[event.person];
    const opens = mode === 'unordered' ? any : matched[0];
    if (!p) {
      if (!opens) {
        if (p === undefined) persons[event.person] = 0;
        return;
      }
      p = persons[event.person] = { a: mode === 'unordered' ? [] : new Array(n).fill(null), l: 0, t: null, d: [] };
      if (breakdown !== undefined) p.b = breakdownValue(event, breakdown);
    }
    if (!any && !excluded && !(mode === 'strict' && seen.has(event.type))) return;
    if (mode === 'unordered') addUnordered(p, event.ts, matched, excluded);
    else addOrdered(p, event.ts, matched, excluded);
  };

  const stepsOf = (people: FunnelPerson[]): FunnelStepResult[] => {
    const counts = new Array<number>(n).fill(0);
    const times: number[][] = steps.map(() => []);
    for (const p of people) {
      for (let k = 0; k < p.l; k++) counts[k]++;
      for (let k = 1; k < p.l; k++) times[k].push(p.t![k] - p.t![k - 1]);
    }
    return steps.map((s, k) => ({
      step: s.text,
      count: counts[k],
      conversion: k === 0 ? (counts[0] > 0 ? 1 : 0) : ratio(counts[k], counts[0]),
      fromPrevious: k === 0 ? (counts[0] > 0 ? 1 : 0) : ratio(counts[k], counts[k - 1]),
      avgTimeMs: k === 0 ? null : mean(times[k]),
      medianTimeMs: k === 0 ? null : median(times[k]),
    }));
  };

  return defineAnalyzer<FunnelState, FunnelResult>(state, {
    name: 'funnel',
    add,
    merge(into, other) {
      for (const [person, p] of Object.entries(other.persons)) if (!into.persons[person]) into.persons[person] = p;
    },
    result(s) {
      const all = Object.values(s.persons);
      const counted = all.filter((p): p is FunnelPerson => p !== 0 && p.d.length === 0 && p.l > 0);
      let groups: FunnelBreakdownResult[] | null = null;
      if (breakdown !== undefined) {
        const byValue = new Map<string, FunnelPerson[]>();
        for (const p of counted) {
          const v = p.b ?? NONE;
          const list = byValue.get(v);
          if (list) list.push(p);
          else byValue.set(v, [p]);
        }
        groups = [...byValue]
          .map(([value, people]) => ({ value, steps: stepsOf(people) }))
          .sort((a, b) => b.steps[0].count - a.steps[0].count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      }
      return { steps: stepsOf(counted), persons: all.length, windowMs, mode, breakdown: groups };
    },
  });
}

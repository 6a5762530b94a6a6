/**
 * Persons and segments (docs/metrics.md#persons): every person with their sessions, orders,
 * revenue (lifetime value to date), journey stage and conversion probability, filtered and
 * sorted into a segment.
 */
import type { Analyzer } from './analyzer.js';
import { FootfallError } from './errors.js';
import { defineAnalyzer } from './lib/define-analyzer.js';
import { dict, type Dict } from './lib/dict.js';
import { frictionWatch, type Friction, type FrictionState } from './lib/friction-persons.js';
import { personModel, type PersonModelOptions, type PersonModelState, type PersonRow } from './lib/person-row.js';
import type { JourneyStage } from './stages.js';

/** How `createPersons` sorts: most first, ties by person key. */
export const PERSONS_SORTS = ['ltv', 'probability', 'last-seen'] as const;
/** One sort order of `createPersons`. */
export type PersonsSort = (typeof PERSONS_SORTS)[number];

/** `since`: last seen at or after a time (`at`, ms), or within `withinMs` of the latest last-seen time of any person. */
export type PersonsSince = { at: number } | { withinMs: number };

/** Options of `createPersons`: which persons a segment holds and in what order. */
export interface PersonsOptions extends PersonModelOptions {
  /** Only persons whose furthest stage is this one. @default any stage */
  stage?: JourneyStage;
  /** Only persons whose revenue (lifetime value to date) is at least this. @default 0 */
  minLtv?: number;
  /** Only persons whose conversion probability is at least this (persons without a session have none and are left out). @default none */
  minProbability?: number;
  /** Only persons last seen at or after this time. @default any time */
  since?: PersonsSince;
  /**
   * Only the persons behind a bottleneck: a session of theirs met `signal` on `page` (a URL
   * path), as `createBottlenecks` marks its affected sessions (signals `rage-clicks`,
   * `dead-clicks`, `poor-lcp`, `poor-inp`, `poor-cls`, `error`, `high-exit`).
   * @default any person
   */
  friction?: Friction;
  /**
   * Order: `ltv` (revenue), `probability` (conversion probability) or `last-seen`, most first.
   * @default 'ltv'
   */
  sort?: PersonsSort;
  /**
   * Rows returned (`matched` counts them all).
   * @default 100
   */
  limit?: number;
}

/** State of `createPersons`. */
export interface PersonsState extends PersonModelState {
  /** With `friction`: the open sessions' marks, and the persons who met it. */
  friction?: FrictionState & { met: Dict<1> };
}

/** Result of `createPersons` (the `footfall persons --json` document). */
export interface PersonsResult {
  /** Persons seen (with at least one event that shows them). */
  seen: number;
  /** Persons the filters keep (before `limit`). */
  matched: number;
  /** The first `limit` of them, in `sort` order. */
  persons: PersonRow[];
}

const PERSONS_LIMIT = 1_000_000;

/** Sort keys of a row. */
const SORT_VALUE: Record<PersonsSort, (r: PersonRow) => number> = {
  ltv: (r) => r.revenue,
  probability: (r) => r.conversionProbability ?? -1,
  'last-seen': (r) => r.lastSeen,
};

/**
 * Persons and segments: one row per person seen (ids, first and last seen, sessions, orders,
 * revenue, stage, conversion probability, channels, devices, tickets, reviews), kept by the
 * filters and sorted. Stages as `createStages`, orders and revenue as `createKpis`, the
 * probability from a journey model (`createJourneyModel`) fitted on every person's sessions
 * and read with `predict` on the person's latest session. Memory is one bounded record per
 * person (docs/core.md, "Persons").
 *
 * @example
 * ```ts
 * const segment = createPersons({ stage: 'decision', minLtv: 100, sort: 'probability' });
 * for (const e of normalize(events)) segment.add(e);
 * segment.result().persons[0]; // { person: 'u42', sessions: 3, orders: 1, revenue: 129, stage: 'decision', conversionProbability: 0.41, ... }
 * ```
 */
export function createPersons(options: PersonsOptions = {}): Analyzer<PersonsState, PersonsResult> {
  const sort = options.sort ?? 'ltv';
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 0 || limit > PERSONS_LIMIT) throw new FootfallError('INVALID_OPTION', `limit ${limit} is not a whole number from 0 to ${PERSONS_LIMIT}: pass e.g. 100`);
  const key = JSON.stringify({ persons: 1, stages: options.stages ?? {}, conversion: options.conversion ?? 'cart:purchase', stage: options.stage, minLtv: options.minLtv, minProbability: options.minProbability, since: options.since, friction: options.friction, sort, limit });
  const m = personModel(options, key, false);
  const value = SORT_VALUE[sort];
  const watch = options.friction && frictionWatch(options.friction);
  const state: PersonsState = watch ? Object.assign(m.state, { friction: Object.assign(watch.state, { met: dict<1>() }) }) : m.state;
  return defineAnalyzer<PersonsState, PersonsResult>(state, {
    name: 'persons',
    add(s, e) {
      m.fit(e);
      m.track(e);
      if (watch && s.friction && watch.met(e)) s.friction.met[e.person] = 1;
    },
    merge(into, other) {
      m.merge(other);
      if (watch && into.friction && other.friction) {
        watch.merge(other.friction);
        Object.assign(into.friction.met, other.friction.met);
      }
    },
    result(s) {
      const model = m.fitted();
      const keys = Object.keys(s.persons).filter((k) => s.persons[k].n > 0);
      const latest = keys.reduce((t, k) => Math.max(t, s.persons[k].l), -Infinity);
      const since = options.since === undefined ? -Infinity : 'at' in options.since ? options.since.at : latest - options.since.withinMs;
      const rows: PersonRow[] = [];
      for (const k of keys) {
        if (s.persons[k].l < since) continue;
        if (watch && !(s.friction && Object.hasOwn(s.friction.met, k)) && !watch.metAtEnd(k)) continue;
        const { prediction: _, ...row } = m.row(k, s.persons[k], model);
        if (options.stage !== undefined && row.stage !== options.stage) continue;
        if (options.minLtv !== undefined && row.revenue < options.minLtv) continue;
        if (options.minProbability !== undefined && (row.conversionProbability === null || row.conversionProbability < options.minProbability)) continue;
        rows.push(row);
      }
      rows.sort((a, b) => value(b) - value(a) || (a.person < b.person ? -1 : a.person > b.person ? 1 : 0));
      return { seen: keys.length, matched: rows.length, persons: rows.slice(0, limit) };
    },
  });
}

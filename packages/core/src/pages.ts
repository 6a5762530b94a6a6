/**
 * Page-level metrics (docs/metrics.md#pages, #frustration, #web-vitals):
 * views, sessions, bounce and exit rates, time on page, vitals, scroll depth and
 * frustration clicks per URL path.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { inSession } from './event-scope.js';
import { isDeadClick, trackRage, type RageTracker } from './frustration.js';
import { addCounts } from './lib/analyzerState.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { emptyOpenSessions, mergeOpenSessions, sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { urlPath } from './matchers.js';
import { emptySketch, sketchAdd, sketchMerge, sketchQuantile, type SketchState } from './sketch.js';
import { mergeVitalTallies, summarizeVitals, tallyVitalEvent, type RatedVital, type VitalSummary, type VitalTallies } from './vitals.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** Scroll depths (% of document height) whose reach `scroll.reach` reports. */
export const SCROLL_REACH_DEPTHS = [25, 50, 75, 100] as const;

/** Options of `createPages` (none yet). */
export interface PagesOptions {}

/** Mergeable counts of one page. */
interface PageTally {
  views: number;
  sessions: number;
  starts: number;
  bounces: number;
  exits: number;
  timeSum: number;
  timeCount: number;
  rage: number;
  dead: number;
  scroll: SketchState;
  /** Page views whose scroll depth reached each of `SCROLL_REACH_DEPTHS`, keyed by depth. */
  reach: Record<string, number>;
  vitals: VitalTallies;
}

interface PageSession {
  first: string | null;
  last: string | null;
  lastTs: number;
  views: number;
  seen: string[];
  rage?: RageTracker;
}

/** State of `createPages`. */
export interface PagesState extends KeyedState {
  pages: Record<string, PageTally>;
  sessions: OpenSessions<PageSession>;
}

/** One page's metrics (the `footfall pages --json` row). */
export interface PageMetrics {
  path: string;
  views: number;
  /** Sessions that viewed the page. */
  sessions: number;
  /** Single-page sessions that start on the page / sessions that start on it (0 when none start there). */
  bounceRate: number;
  /** Sessions whose last page view is the page / views of the page. */
  exitRate: number;
  /** Mean ms from a view of the page to the next page view in the same session; a session's last view has no end and is left out. `null` when no view had a next one. */
  avgTimeMs: number | null;
  vitals: Partial<Record<RatedVital, VitalSummary>>;
  scroll: {
    /** Median deepest scroll, % of document height; `null` without scroll events. */
    p50Depth: number | null;
    /** Share of scrolled page views reaching 25, 50, 75 and 100 % of the document. */
    reach: Record<string, number>;
    /** Page views with a scroll event. */
    samples: number;
  };
  /** Rage runs (≥ 3 clicks, each < 1000 ms and < 30 px from the previous), counted once per run. */
  rageClicks: number;
  /** Clicks flagged `dead` by the SDK. */
  deadClicks: number;
}

/** Result of `createPages`: pages by views, most first. */
export interface PagesResult {
  pages: PageMetrics[];
}

const tally = (): PageTally => ({
  views: 0, sessions: 0, starts: 0, bounces: 0, exits: 0, timeSum: 0, timeCount: 0, rage: 0, dead: 0, scroll: emptySketch(), reach: dict(), vitals: dict(),
});

function close(pages: Record<string, PageTally>, s: PageSession): void {
  if (s.first === null || s.last === null) return;
  const first = (pages[s.first] ??= tally());
  first.starts += 1;
  if (s.views === 1) first.bounces += 1;
  (pages[s.last] ??= tally()).exits += 1;
}

function mergeTally(into: PageTally, o: PageTally): void {
  into.views += o.views;
  into.sessions += o.sessions;
  into.starts += o.starts;
  into.bounces += o.bounces;
  into.exits += o.exits;
  into.timeSum += o.timeSum;
  into.timeCount += o.timeCount;
  into.rage += o.rage;
  into.dead += o.dead;
  sketchMerge(into.scroll, o.scroll);
  addCounts(into.reach, o.reach);
  mergeVitalTallies(into.vitals, o.vitals);
}

function add(state: PagesState, e: NormalizedEvent): void {
  if (!inSession(e) || e.url === undefined) return; // docs/events.md: events without a browser are on no page
  const s = sessionFor(state.sessions, e, (): PageSession => ({ first: null, last: null, lastTs: 0, views: 0, seen: [] }), (done) => close(state.pages, done));
  const path = urlPath(e.url);
  const t = (state.pages[path] ??= tally());
  switch (e.type) {
    case 'page': {
      t.views += 1;
      if (s.last !== null) {
        const prev = (state.pages[s.last] ??= tally());
        prev.timeSum += Math.max(0, e.ts - s.lastTs);
        prev.timeCount += 1;
      }
      if (s.first === null) s.first = path;
      if (!s.seen.includes(path)) {
        s.seen.push(path);
        t.sessions += 1;
      }
      s.last = path;
      s.lastTs = e.ts;
      s.views += 1;
      s.rage = undefined;
      break;
    }
    case 'click': {
      const r = trackRage(s.rage, e);
      s.rage = r.tracker;
      if (r.newRun) t.rage += 1;
      if (isDeadClick(e)) t.dead += 1;
      break;
    }
    case 'scroll':
      sketchAdd(t.scroll, e.depth);
      for (const d of SCROLL_REACH_DEPTHS) if (e.depth >= d) t.reach[d] = (t.reach[d] ?? 0) + 1;
      break;
    case 'vitals':
      tallyVitalEvent(t.vitals, e);
      break;
    default:
  }
}

function metrics(path: string, t: PageTally): PageMetrics {
  const samples = t.scroll.n;
  const reach: Record<string, number> = dict();
  for (const d of SCROLL_REACH_DEPTHS) reach[d] = samples ? (t.reach[d] ?? 0) / samples : 0;
  return {
    path,
    views: t.views,
    sessions: t.sessions,
    bounceRate: t.starts ? t.bounces / t.starts : 0,
    exitRate: t.views ? t.exits / t.views : 0,
    avgTimeMs: t.timeCount ? t.timeSum / t.timeCount : null,
    vitals: summarizeVitals(t.vitals),
    scroll: { p50Depth: sketchQuantile(t.scroll, 0.5), reach, samples },
    rageClicks: t.rage,
    deadClicks: t.dead,
  };
}

/**
 * Page-level metrics per URL path (`urlPath`: no query, no hash). Bounce and exit follow
 * the classic page-level definitions; time on page runs to the session's next page view
 * (a session's last view is left out); vitals give p75 (nearest rank) and rating shares;
 * the scroll median goes through the shared sketch (exact below 10,000 samples, 1% relative
 * error above). Clicks, scrolls and vitals count on the page of their own `url`.
 *
 * @example
 * ```ts
 * const pages = createPages();
 * for (const e of normalize(events)) pages.add(e);
 * pages.result().pages[0]; // { path: '/', views: 812, bounceRate: 0.31, exitRate: 0.22, ... }
 * ```
 */
export function createPages(options: PagesOptions = {}): Analyzer<PagesState, PagesResult> {
  return defineAnalyzer<PagesState, PagesResult>(
    { key: JSON.stringify(options), pages: dict(), sessions: emptyOpenSessions() },
    {
      name: 'pages',
      add,
      merge(into, other) {
        for (const [p, t] of Object.entries(other.pages)) {
          if (into.pages[p]) mergeTally(into.pages[p], t);
          else into.pages[p] = t;
        }
        mergeOpenSessions(into.sessions, other.sessions);
      },
      result(state) {
        const pages = cloneState(state.pages);
        for (const s of Object.values(state.sessions.open)) close(pages, s);
        return {
          pages: Object.entries(pages)
            .filter(([, t]) => t.views > 0 || t.scroll.n > 0 || t.rage > 0 || t.dead > 0 || Object.keys(t.vitals).length > 0)
            .map(([p, t]) => metrics(p, t))
            .sort((a, b) => b.views - a.views || (a.path < b.path ? -1 : 1)),
        };
      },
    },
  );
}

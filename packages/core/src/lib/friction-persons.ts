/**
 * Which persons met a bottleneck (docs/metrics.md#persons, "friction"): a session of theirs
 * met SIGNAL on PAGE, by the marks the bottleneck analyzer itself keeps (`markEvent`), so a
 * person is behind a bottleneck exactly when one of their sessions is among its affected ones.
 */
import type { NormalizedEvent } from '../analyzer.js';
import { markEvent, type BnSession, type BottleneckSignal, type BottlenecksState } from '../bottleneck-marks.js';
import { inSession } from '../event-scope.js';
import { emptyJourneySignals } from '../journey-signals.js';
import { parseStep, urlPath } from '../matchers.js';
import { dict } from './dict.js';
import { emptyOpenSessions, mergeOpenSessions } from './open-sessions.js';

/** The signals a page's sessions are marked with one by one (the others are decided when bottlenecks are ranked). */
export const FRICTION_SIGNALS = ['rage-clicks', 'dead-clicks', 'poor-lcp', 'poor-inp', 'poor-cls', 'error', 'high-exit'] as const satisfies readonly BottleneckSignal[];
/** One of them. */
export type FrictionSignal = (typeof FRICTION_SIGNALS)[number];

/** A bottleneck as a persons filter: its signal and its page (a URL path). */
export interface Friction {
  signal: FrictionSignal;
  page: string;
}

/** The open sessions' marks (JSON), shards partitioned by person. */
export type FrictionState = Pick<BottlenecksState, 'open'>;

/** Follows every session's marks and says which events show their person met the friction. */
export interface FrictionWatch {
  state: FrictionState;
  /** Feeds one event (in time order within its person); true when it shows its person met the friction. */
  met(e: NormalizedEvent): boolean;
  merge(other: FrictionState): void;
  /** Whether a session still open at the end met it (high exit: its last page view is the page). */
  metAtEnd(person: string): boolean;
}

/**
 * Watches sessions for a friction with the bottleneck analyzer's own marks (default steps
 * `cart:purchase`, error event `track:error`).
 */
export function frictionWatch(f: Friction): FrictionWatch {
  const page = urlPath(f.page);
  const steps = [parseStep('cart:purchase')];
  const isError = parseStep('track:error');
  // markEvent's page totals are never read here: it gets a scratch state whose `pages` are dropped after each event.
  const scratch = { sessions: 0, conversions: 0, revenue: 0, orders: 0, pages: dict(), journey: emptyJourneySignals(), key: '', open: emptyOpenSessions<BnSession>() } as BottlenecksState;
  const exitsHere = (x: BnSession | undefined) => x !== undefined && x.last === page;
  return {
    state: { open: scratch.open },
    met(e) {
      if (!inSession(e)) return false;
      const before = scratch.open.current[e.person];
      const leaving = before !== undefined && before !== e.session && f.signal === 'high-exit' && exitsHere(scratch.open.open[before]);
      markEvent(scratch, e, steps, isError);
      scratch.pages = dict();
      if (leaving) return true;
      return f.signal !== 'high-exit' && (scratch.open.open[e.session]?.pages[page]?.s.includes(f.signal) ?? false);
    },
    merge(other) {
      mergeOpenSessions(scratch.open, other.open);
    },
    metAtEnd(person) {
      const cur = scratch.open.current[person];
      return f.signal === 'high-exit' && cur !== undefined && exitsHere(scratch.open.open[cur]);
    },
  };
}

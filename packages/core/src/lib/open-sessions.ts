/**
 * Per-session state for analyzers that need a whole session before counting it.
 * Events arrive in time order within a person, so when a person's event carries a new
 * session key the person's previous session is over and is closed then; sessions still
 * open are closed (on a copy) in `result()`. A session whose key reappears after a
 * person moved on is counted as a new session.
 */
import type { NormalizedEvent } from '../analyzer.js';
import { dict } from './dict.js';

/** Open sessions by key, and each person's current session key. */
export interface OpenSessions<S> {
  open: Record<string, S>;
  current: Record<string, string>;
}

export function emptyOpenSessions<S>(): OpenSessions<S> {
  return { open: dict(), current: dict() };
}

/** The session state for `event`, closing the person's previous session through `close`. */
export function sessionFor<S>(t: OpenSessions<S>, event: NormalizedEvent, init: () => S, close: (s: S) => void): S {
  const cur = t.current[event.person];
  if (cur !== event.session) {
    if (cur !== undefined && t.open[cur] !== undefined) {
      close(t.open[cur]);
      delete t.open[cur];
    }
    t.current[event.person] = event.session;
  }
  let s = t.open[event.session];
  if (s === undefined) {
    s = init();
    t.open[event.session] = s;
  }
  return s;
}

/** Merges another shard's open sessions (shards hold disjoint persons). */
export function mergeOpenSessions<S>(into: OpenSessions<S>, other: OpenSessions<S>): void {
  Object.assign(into.open, other.open);
  Object.assign(into.current, other.current);
}

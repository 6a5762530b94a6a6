/**
 * The shape every analyzer shares, and the event shape analyzers read.
 *
 * Analyzers never re-implement identity, sessions or step matching: the pipeline
 * (`identity.ts`, `sessions.ts`, `normalize.ts`) fills in `person`, `session` and the
 * session's `channel`/`agent` before an event reaches `add`, and step matching lives
 * in `matchers.ts`.
 */
import type { FootfallEvent } from './events.js';

/** Device class: `mobile` < 768 px ≤ `tablet` < 1280 px ≤ `desktop` (or from the user agent). */
export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** What the user agent says, parsed by the core (never in the browser bundle). */
export interface Agent {
  browser?: string;
  os?: string;
  device: DeviceClass;
}

/** The acquisition channel of a session: `source/medium` and its class. */
export interface Channel {
  /** `google/cpc`, `newsletter/email`, `news.ycombinator.com/referral`, `direct`. */
  name: string;
  /** Coarse class for breakdowns. */
  kind: 'search' | 'paid' | 'social' | 'email' | 'referral' | 'direct' | 'other';
}

/**
 * An event after the pipeline: skew-corrected, deduplicated, stitched to a person and
 * assigned to a session. Events reach analyzers ordered by `ts` within each person
 * (persons may interleave).
 */
export type NormalizedEvent = FootfallEvent & {
  /** The stitched person: `userId` when known (also for that id's earlier anonymous events), else `anonymousId`. */
  person: string;
  /** Session key, unique across persons. */
  session: string;
  /** The session's channel, from the session's first event (UTM, else referrer, else direct). */
  channel?: Channel;
  /** Parsed user agent. */
  agent?: Agent;
};

/**
 * Every analyzer: feed events with `add`, combine shards with `merge`, read with `result`.
 * `state` is plain JSON, so an analyzer can be shipped between workers or stored.
 *
 * Shards must be partitioned by person: `merge` of analyzers that each saw a disjoint set of
 * persons gives exactly the result of one analyzer that saw them all.
 *
 * @example
 * ```ts
 * const a = createFunnel({ steps: ['page:/', 'cart:purchase'] });
 * for (const e of shard1) a.add(e);
 * const b = createFunnel({ steps: ['page:/', 'cart:purchase'] });
 * for (const e of shard2) b.add(e);
 * a.merge(b).result();
 * ```
 */
export interface Analyzer<State, Result> {
  /** Feeds one event (in time order within its person). */
  add(event: NormalizedEvent): void;
  /** Folds another analyzer's state (made with the same options) into this one; returns `this`. */
  merge(other: Analyzer<State, Result> | State): Analyzer<State, Result>;
  /** The JSON-serializable state (for workers, shards, storage). */
  readonly state: State;
  /** Computes the result; does not consume the state (add more and call again). */
  result(): Result;
}

/**
 * Keeps or drops whole sessions by their entry channel and device, so a filtered query
 * never sees a session cut in half (docs/metrics.md#identity-and-sessions: sessions come from the pipeline).
 */
import type { DeviceClass, NormalizedEvent } from './analyzer.js';
import { inSession } from './event-scope.js';

/** Options of `keepSessions`; every field unset keeps every session. */
export interface SessionFilterOptions {
  /**
   * Keep sessions whose entry channel (the `channel` the pipeline gives the session, from its
   * first event) has this name (`google/cpc`, `newsletter/email`, `direct`) or this class
   * (`search`, `paid`, `social`, `email`, `referral`, `direct`, `other`); case-insensitive.
   * @default undefined (any channel)
   */
  channel?: string;
  /**
   * Keep sessions whose first event's device class (`agent.device`: viewport width, else the
   * user agent) is this. A session whose first event carries no user agent or viewport has
   * no device and is dropped.
   * @default undefined (any device)
   */
  device?: DeviceClass;
}

/** Decides, per session, whether its events reach the analyzers. */
export interface SessionFilter {
  /** True when an option is set (else `keep` is always true). */
  readonly active: boolean;
  /**
   * Whether to keep `event`: decided on the first event of each session and applied to the
   * session's later events. Feed normalized events in the order analyzers get them.
   */
  keep(event: NormalizedEvent): boolean;
}

/**
 * Creates a whole-session filter. A session's channel is its entry channel and its device
 * the device of its first event; every event of a kept session is kept, every event of a
 * dropped one dropped. Memory is one record per person. Persons are independent, so person
 * shards filtered apart and merged equal one filtered run.
 *
 * @example
 * ```ts
 * const filter = keepSessions({ device: 'mobile', channel: 'email' });
 * for (const e of normalize(events)) if (filter.keep(e)) kpis.add(e);
 * ```
 */
export function keepSessions(options: SessionFilterOptions = {}): SessionFilter {
  const channel = options.channel?.trim().toLowerCase() || undefined;
  const device = options.device;
  const active = channel !== undefined || device !== undefined;
  const current = new Map<string, { session: string; keep: boolean }>();
  const decide = (e: NormalizedEvent) =>
    (channel === undefined || e.channel?.name.toLowerCase() === channel || e.channel?.kind === channel) &&
    (device === undefined || e.agent?.device === device);
  return {
    active,
    keep(event) {
      if (!active) return true;
      // docs/metrics.md, Session filters: ad statistics by their own channel; other events outside a session follow the person's current session.
      if (!inSession(event)) return event.type === 'adstats' ? decide(event) : (current.get(event.person)?.keep ?? false);
      let s = current.get(event.person);
      if (s === undefined) current.set(event.person, (s = { session: event.session, keep: decide(event) }));
      else if (s.session !== event.session) (s.session = event.session), (s.keep = decide(event));
      return s.keep;
    },
  };
}

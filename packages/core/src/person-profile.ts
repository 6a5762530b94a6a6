/**
 * One person's profile (docs/metrics.md#persons): every stitched id, traits, first and last
 * seen, sessions with entry channel and device, orders, revenue, journey stage, conversion
 * probability and likeliest next steps, support contacts, reviews, and a timeline of their
 * latest events grouped by session.
 */
import type { Analyzer, DeviceClass, NormalizedEvent } from './analyzer.js';
import { FootfallError } from './errors.js';
import { LIMITS } from './events.js';
import { defineAnalyzer } from './lib/define-analyzer.js';
import { dict, type Dict } from './lib/dict.js';
import { PERSON_BOUNDS, timelineLabel, type PersonRecord, type PersonReviewRecord, type PersonTicketRecord, type PersonTimelineRecord } from './lib/person-record.js';
import { personModel, type PersonModelOptions, type PersonModelState, type PersonRow } from './lib/person-row.js';
import type { Json } from './schema.js';

/** Options of `createPersonProfile`. */
export interface PersonProfileOptions extends PersonModelOptions {
  /**
   * Any of the person's ids: the person key, their `userId` or one of their devices'
   * `anonymousId`s (1 to 128 characters). With a device id, pass the person key the
   * collector or `identityLinks` resolves for an exact profile: events of the person
   * before the first event that names `id` are only counted from the moment one does (the
   * CLI and `GET /v1/persons/:id` resolve the id first).
   */
  id: string;
  /**
   * Latest events kept for the timeline (1 to 500).
   * @default 50
   */
  events?: number;
}

/** One session of a profile. */
export interface ProfileSession {
  session: string;
  start: number;
  end: number;
  events: number;
  pages: number;
  /** Entry channel (`source/medium`), device class of its first event. */
  channel: string | null;
  device: DeviceClass | null;
  converted: boolean;
}

/** A session's part of the timeline: its latest events, oldest first. */
export interface TimelineGroup {
  /** Session key; `''` groups events outside a web session (emails, tickets, reviews, backend orders). */
  session: string;
  events: Array<{ ts: number; type: PersonTimelineRecord['type']; what: string }>;
}

/** Result of `createPersonProfile` (the `footfall person --json` document). */
export interface PersonProfile extends PersonRow {
  /** Traits from `identify` events (later values win). */
  traits: Record<string, Json>;
  /** The latest sessions (at most 100), newest first. */
  recentSessions: ProfileSession[];
  /** The five likeliest next journey items of the latest session (`(conversion)` and `(exit)` included); empty once it converted. */
  next: Array<{ item: string; probability: number }>;
  /** The latest tickets and reviews (at most 20 each), newest first. */
  recentTickets: PersonTicketRecord[];
  recentReviews: PersonReviewRecord[];
  /** The latest `events` events, grouped by session, newest group first. */
  timeline: TimelineGroup[];
}

/** State of `createPersonProfile`: the records of persons that named `id`, their timelines, the journey model. */
export interface PersonProfileState extends PersonModelState {
  timeline: Dict<PersonTimelineRecord[]>;
}

/**
 * A person's profile, from any of their ids. Every event still fits the journey model (the
 * probability and next steps come from everyone's sessions); only the person that names `id`
 * keeps a record and a timeline. `result()` is `null` when no event names the id.
 *
 * @example
 * ```ts
 * const profile = createPersonProfile({ id: 'u42' });
 * for (const e of normalize(events)) profile.add(e);
 * profile.result(); // { person: 'u42', devices: ['a-laptop', 'a-phone'], sessions: 3, orders: 1, stage: 'retention', next: [...], timeline: [...] }
 * ```
 */
export function createPersonProfile(options: PersonProfileOptions): Analyzer<PersonProfileState, PersonProfile | null> {
  const { id } = options;
  if (typeof id !== 'string' || id.length < 1 || id.length > LIMITS.personId) {
    throw new FootfallError('INVALID_OPTION', `id must be 1 to ${LIMITS.personId} characters: pass a userId or anonymousId`);
  }
  const limit = options.events ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > PERSON_BOUNDS.timeline) {
    throw new FootfallError('INVALID_OPTION', `events ${limit} is not a whole number from 1 to ${PERSON_BOUNDS.timeline}: pass e.g. 50`);
  }
  const key = JSON.stringify({ person: 1, id, events: limit, stages: options.stages ?? {}, conversion: options.conversion ?? 'cart:purchase' });
  const m = personModel(options, key, true);
  const state: PersonProfileState = Object.assign(m.state, { timeline: dict<PersonTimelineRecord[]>() });
  const names = (e: NormalizedEvent) => e.person === id || e.anonymousId === id || e.userId === id;
  return defineAnalyzer<PersonProfileState, PersonProfile | null>(state, {
    name: 'person profile',
    add(s, e) {
      m.fit(e);
      if (!Object.hasOwn(s.persons, e.person) && !(names(e) && e.person !== '')) return;
      m.track(e);
      const t = Object.hasOwn(s.timeline, e.person) ? s.timeline[e.person] : (s.timeline[e.person] = []);
      t.push({ ts: e.ts, type: e.type, session: e.session, what: timelineLabel(e) });
      if (t.length > limit) t.splice(0, t.length - limit);
    },
    merge(into, other) {
      m.merge(other);
      Object.assign(into.timeline, other.timeline);
    },
    result(s) {
      const person = pick(s.persons, id);
      if (person === undefined) return null;
      const p = s.persons[person];
      const { prediction, ...row } = m.row(person, p, m.fitted());
      return {
        ...row,
        traits: { ...p.tr },
        recentSessions: p.ss.map((x) => ({ session: x.k, start: x.a, end: x.b, events: x.n, pages: x.p, channel: x.ch, device: x.dv, converted: x.c === 1 })).reverse(),
        next: prediction?.next ?? [],
        recentTickets: p.tk.map((t) => ({ ...t })).reverse(),
        recentReviews: p.rv.map((r) => ({ ...r })).reverse(),
        timeline: groups(Object.hasOwn(s.timeline, person) ? s.timeline[person] : []),
      };
    },
  });
}

/** The person `id` names: the person keyed by it, else the one whose user id it is, else the first (by key) with that device. */
function pick(persons: Dict<PersonRecord>, id: string): string | undefined {
  if (Object.hasOwn(persons, id) && persons[id].n > 0) return id;
  const keys = Object.keys(persons).filter((k) => persons[k].n > 0).sort();
  return keys.find((k) => persons[k].u === id) ?? keys.find((k) => persons[k].d.includes(id));
}

/** Consecutive events of one session form a group; the newest group comes first. */
function groups(events: readonly PersonTimelineRecord[]): TimelineGroup[] {
  const out: TimelineGroup[] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    const item = { ts: e.ts, type: e.type, what: e.what };
    if (last && last.session === e.session) last.events.push(item);
    else out.push({ session: e.session, events: [item] });
  }
  return out.reverse();
}

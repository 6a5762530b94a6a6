/**
 * The pipeline from raw events to `NormalizedEvent`s: dedupe by `id`, stitch identity,
 * cut sessions, give each session its channel and each event its parsed user agent.
 */
import { parseAgent } from './agent.js';
import type { Agent, Channel, NormalizedEvent } from './analyzer.js';
import { channelOf, utmChannel } from './channel.js';
import { idSet } from './dedupe.js';
import { isServerType, NO_PERSON, NO_SESSION, startsSessions } from './event-scope.js';
import type { FootfallEvent } from './events.js';
import { identityLinks } from './identity.js';
import { sessionCutter, type SessionOptions } from './sessions.js';

/** Options of `normalize` and `eventNormalizer`. */
export interface NormalizeOptions extends SessionOptions {
  /**
   * The input already holds each `id` once (a collector store's `scan`, which dedupes on
   * read): skip the normalizer's own dedupe and its memory (docs/events.md, "Duplicates").
   * `normalize` over an array always dedupes.
   * @default false
   */
  deduped?: boolean;
}

/** Options of `eventNormalizer`. */
export interface NormalizerOptions extends NormalizeOptions {
  /**
   * The events handed to `normalize` are the caller's to change (for instance freshly parsed
   * lines): `person`, `session`, `channel` and `agent` are written onto each event and the
   * event itself is returned, instead of a copy. Saves one object per event on large inputs.
   * @default false
   */
  inPlace?: boolean;
}

/** A streaming normalizer: pass 1 learns identity links, pass 2 normalizes. */
export interface Normalizer {
  /** Pass 1: learns the identity link an event carries (identify, or both ids). Call for every event before any `normalize`. */
  learn(event: Pick<FootfallEvent, 'anonymousId' | 'userId'>): void;
  /**
   * Pass 2: the event with its `person`, `session`, session `channel` and `agent`, or
   * `undefined` when its `id` was seen before (unless the input is `deduped`). `adstats` get no person (`NO_PERSON`);
   * `email`, `ticket` and `review` events no session (`NO_SESSION`); an event without a
   * browser (no `anonymousId` or `url`) joins its person's open session or gets none. Events must come in `ts` order within
   * each person (persons may interleave); an earlier event joins the person's current session.
   */
  normalize(event: FootfallEvent): NormalizedEvent | undefined;
}

interface PersonSession {
  key: string;
  channel: Channel;
  agent?: Agent;
}

/**
 * Creates a streaming normalizer for inputs too large for memory: read the input once
 * calling `learn`, then again calling `normalize`. Memory is proportional to persons and
 * distinct ids, never to events.
 *
 * @example
 * ```ts
 * const n = eventNormalizer();
 * for await (const e of readEvents('events.ndjson')) n.learn(e);
 * for await (const e of readEvents('events.ndjson')) {
 *   const ne = n.normalize(e);
 *   if (ne) funnel.add(ne);
 * }
 * ```
 */
export function eventNormalizer(options: NormalizerOptions = {}): Normalizer {
  const inPlace = options.inPlace === true;
  const identity = identityLinks();
  const seen = options.deduped ? undefined : idSet();
  const sessions = sessionCutter(options);
  const current = new Map<string, PersonSession>();
  return {
    learn: (event) => identity.learn(event),
    normalize(event) {
      if (seen && !seen.first(event.id)) return undefined;
      const person = identity.personOf(event);
      if (event.type === 'adstats') return { ...event, person: NO_PERSON, session: NO_SESSION, channel: utmChannel(event.source, event.medium) };
      if (!startsSessions(event)) {
        // docs/events.md, "Events without a browser": join the open session, never start one.
        const key = isServerType(event.type) ? undefined : sessions.attach(person, event.ts);
        const ps = key === undefined ? undefined : current.get(person);
        const out = (inPlace ? event : { ...event }) as NormalizedEvent;
        out.person = person;
        out.session = key ?? NO_SESSION;
        if (ps) {
          out.channel = ps.channel;
          if (ps.agent) out.agent = ps.agent;
        }
        return out;
      }
      const s = sessions.assign(person, event.ts, event.sessionId);
      let ps = current.get(person);
      if (ps === undefined || s.isNew || ps.key !== s.key) {
        ps = { key: s.key, channel: channelOf(event) };
        current.set(person, ps);
      }
      const agent = (event as Partial<NormalizedEvent>).agent ?? agentOf(event) ?? ps.agent;
      if (agent) ps.agent = agent;
      const out = (inPlace ? event : { ...event }) as NormalizedEvent;
      out.person = person;
      out.session = s.key;
      out.channel = ps.channel;
      if (agent) out.agent = agent;
      return out;
    },
  };
}

/** The event's own user agent and viewport, parsed; undefined when it carries neither. */
function agentOf(event: FootfallEvent): Agent | undefined {
  const vw = event.ctx?.vw ?? (event.type === 'click' ? event.vw : undefined);
  const ua = event.ctx?.ua;
  return ua === undefined && vw === undefined ? undefined : parseAgent(ua, vw);
}

/**
 * Orders events by (person, ts, id): the order `normalize` hands them to analyzers.
 *
 * @example
 * ```ts
 * events.sort(compareNormalized); // persons A→Z, each in time order, ties by id
 * ```
 */
export function compareNormalized(a: NormalizedEvent, b: NormalizedEvent): number {
  if (a.person !== b.person) return a.person < b.person ? -1 : 1;
  if (a.ts !== b.ts) return a.ts - b.ts;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Normalizes events held in memory: dedupe by `id` (the first wins), stitch identity,
 * sort stably by (person, ts, id), cut sessions, and add each session's channel and each
 * event's parsed user agent (when `ctx.ua` is present and `agent` missing).
 *
 * @example
 * ```ts
 * const out = normalize([
 *   { id: 'e1', type: 'page', ts: 1_000, anonymousId: 'a1', url: 'https://shop.test/?utm_source=news&utm_medium=email' },
 *   { id: 'e2', type: 'identify', ts: 2_000, anonymousId: 'a1', userId: 'u1', url: 'https://shop.test/login' },
 * ]);
 * out.map((e) => [e.person, e.session, e.channel?.name]); // → [['u1', 'u1#1', 'news/email'], ['u1', 'u1#1', 'news/email']]
 * ```
 */
export function normalize(events: Iterable<FootfallEvent>, options: NormalizeOptions = {}): NormalizedEvent[] {
  const identity = identityLinks();
  const seen = idSet();
  const unique: NormalizedEvent[] = [];
  for (const event of events) {
    if (!seen.first(event.id)) continue;
    identity.learn(event);
    unique.push(event as NormalizedEvent);
  }
  const keyed = unique.map((e) => ({ ...e, person: identity.personOf(e), session: '' }) as NormalizedEvent);
  keyed.sort(compareNormalized);
  const n = eventNormalizer({ ...options, deduped: true });
  for (const e of keyed) n.learn(e);
  return keyed.map((e) => n.normalize(e) as NormalizedEvent);
}

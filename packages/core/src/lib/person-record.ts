/**
 * One person's record as the persons analyzers keep it (docs/metrics.md#persons): ids,
 * first and last seen, sessions with their entry channel and device, orders and revenue
 * (as KPIs count them), journey stage progress, support contacts, reviews and what the
 * journey model needs to predict the latest session. Every list is bounded
 * (`PERSON_BOUNDS`, docs/core.md "Persons"), so memory per person is bounded whatever the
 * events say.
 */
import type { DeviceClass, NormalizedEvent } from '../analyzer.js';
import { hasPerson, inSession } from '../event-scope.js';
import type { FootfallEvent } from '../events.js';
import type { Json, JsonObject } from '../schema.js';
import { stageProgress, type PersonProgress, type StageModel } from '../stages.js';
import { dict, type Dict } from './dict.js';
import { pathItem } from './pathItems.js';
import { purchaseValue } from './purchase.js';

/** How much of a person the persons analyzers keep (docs/core.md, "Persons"). */
export const PERSON_BOUNDS = {
  /** Devices (`anonymousId`s) listed per person, first seen first; later ones are left out. */
  devices: 50,
  /** Distinct entry channels listed per person, in first-touch order. */
  channels: 20,
  /** Trait keys kept from `identify` events (later values replace earlier ones; new keys past the bound are dropped). */
  traits: 100,
  /** Latest sessions listed in a profile (all are counted). */
  sessions: 100,
  /** Latest tickets and reviews listed in a profile (all are counted). */
  contacts: 20,
  /** Ticket ids remembered per person to count each ticket once (a ticket's later updates past this many tickets count again). */
  ticketIds: 200,
  /** Most timeline events a profile can ask for (`events`, default 50). */
  timeline: 500,
} as const;

/** One session in a person record (profile detail). */
export interface PersonSessionRecord {
  /** Session key. */
  k: string;
  /** First and last event time. */
  a: number;
  b: number;
  /** Events, page views. */
  n: number;
  p: number;
  /** Entry channel name, device class of the first event. */
  ch: string | null;
  dv: DeviceClass | null;
  /** 1 once the session converted (the journey model's conversion step). */
  c?: 1;
}

/** A ticket as a profile lists it. */
export interface PersonTicketRecord {
  id: string;
  ts: number;
  reason: string | null;
  resolvedAt: number | null;
}

/** A review as a profile lists it. */
export interface PersonReviewRecord {
  ts: number;
  product: string;
  rating: number;
}

/** A timeline event as a profile keeps it: what happened, never the event's free text fields. */
export interface PersonTimelineRecord {
  ts: number;
  type: FootfallEvent['type'];
  /** Session key; `''` for events outside a web session (emails, tickets, reviews, backend orders). */
  session: string;
  /** The journey item (`/product/7`, `cart:add`) or a short label (`click #buy`, `email open may`). */
  what: string;
}

/** What `predict` needs of the latest session: its last journey-item event (only the fields items read). */
export type PredictEvent = Pick<FootfallEvent, 'id' | 'ts'> & { type: 'page' | 'cart' | 'track'; url?: string; action?: string; name?: string };

/** The JSON record of one person. */
export interface PersonRecord {
  /** The `userId`, once an event carried one. */
  u: string | null;
  /** Devices (`anonymousId`s), first seen first, up to `PERSON_BOUNDS.devices`. */
  d: string[];
  /** Traits from `identify` events (later values win). */
  tr: Dict<Json>;
  /** First and last seen (`ts`), events counted. */
  f: number;
  l: number;
  n: number;
  /** Sessions counted; the current session's key. */
  s: number;
  cur: string | null;
  /** Latest sessions (profile only), oldest first. */
  ss: PersonSessionRecord[];
  /** Entry channels in first-touch order; device classes seen. */
  ch: string[];
  dv: DeviceClass[];
  /** Stage progress (`stageModel`), which also holds the order keys. */
  st: PersonProgress;
  /** Revenue: each order's value once. */
  rev: number;
  /** Tickets (distinct ids) and reviews counted, the latest listed (profile only). */
  tn: number;
  /** Ticket ids seen, up to `PERSON_BOUNDS.ticketIds` (to count each ticket once). */
  ti: string[];
  tk: PersonTicketRecord[];
  rn: number;
  rv: PersonReviewRecord[];
  /** The latest session's last journey-item event and whether that session converted. */
  pe: PredictEvent | null;
  pc?: 1;
}

/** A new record. */
export function emptyPerson(ts: number): PersonRecord {
  return { u: null, d: [], tr: dict(), f: ts, l: ts, n: 0, s: 0, cur: null, ss: [], ch: [], dv: [], st: stageProgress(), rev: 0, tn: 0, ti: [], tk: [], rn: 0, rv: [], pe: null };
}

/** How `trackPerson` reads events. */
export interface PersonTracking {
  stages: StageModel;
  /** The journey model's conversion step. */
  isConversion: (e: FootfallEvent) => boolean;
  /** Keep the profile detail (sessions, tickets, reviews, traits)? */
  detail: boolean;
}

const pushBounded = <T>(list: T[], item: T, max: number) => {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
};

/** Whether an event shows the person (docs/metrics.md#persons): all their events but an email `sent` to them. */
export function seesPerson(e: NormalizedEvent): boolean {
  return hasPerson(e) && !(e.type === 'email' && e.action === 'sent');
}

/**
 * Folds one of the person's events (in time order) into their record: the one place the
 * persons analyzers count sessions, orders, revenue, stage, contacts and reviews.
 */
export function trackPerson(p: PersonRecord, e: NormalizedEvent, how: PersonTracking): void {
  if (e.userId && p.u === null) p.u = e.userId;
  if (e.anonymousId !== undefined && p.d.length < PERSON_BOUNDS.devices && !p.d.includes(e.anonymousId)) p.d.push(e.anonymousId);
  if (seesPerson(e)) {
    p.f = p.n === 0 ? e.ts : Math.min(p.f, e.ts);
    p.l = p.n === 0 ? e.ts : Math.max(p.l, e.ts);
    p.n += 1;
  }
  const session = inSession(e);
  // docs/metrics.md, KPIs: orders from a backend outside any session count; email, tickets, reviews and ad statistics do not.
  if (session || e.type === 'cart' || e.type === 'track') {
    const orders = p.st.orders.length;
    how.stages.track(p.st, e);
    if (p.st.orders.length > orders) p.rev += purchaseValue(e);
  }
  if (session) {
    if (p.cur !== e.session) {
      p.cur = e.session;
      p.s += 1;
      p.pe = null;
      delete p.pc;
      const ch = e.channel?.name ?? null;
      const dv = e.agent?.device ?? null;
      if (ch !== null && !p.ch.includes(ch) && p.ch.length < PERSON_BOUNDS.channels) p.ch.push(ch);
      if (dv !== null && !p.dv.includes(dv)) p.dv.push(dv);
      if (how.detail) pushBounded(p.ss, { k: e.session, a: e.ts, b: e.ts, n: 0, p: 0, ch, dv }, PERSON_BOUNDS.sessions);
    }
    const x = how.detail ? p.ss[p.ss.length - 1] : undefined;
    if (x) {
      x.b = Math.max(x.b, e.ts);
      x.n += 1;
      if (e.type === 'page') x.p += 1;
    }
    if (how.isConversion(e)) {
      p.pc = 1;
      if (x) x.c = 1;
    } else if (!p.pc && (e.type === 'page' || e.type === 'cart' || e.type === 'track') && pathItem(e) !== undefined) {
      p.pe = { id: e.id, ts: e.ts, type: e.type, url: e.url, ...(e.type === 'cart' ? { action: e.action } : {}), ...(e.type === 'track' ? { name: e.name } : {}) };
    }
  }
  if (e.type === 'ticket') {
    if (p.ti.includes(e.ticketId)) {
      const known = p.tk.find((t) => t.id === e.ticketId);
      if (known && e.resolvedAt !== undefined) known.resolvedAt = Math.max(known.resolvedAt ?? e.resolvedAt, e.resolvedAt);
    } else {
      p.tn += 1;
      pushBounded(p.ti, e.ticketId, PERSON_BOUNDS.ticketIds);
      if (how.detail) pushBounded(p.tk, { id: e.ticketId, ts: e.ts, reason: e.reason || null, resolvedAt: e.resolvedAt ?? null }, PERSON_BOUNDS.contacts);
    }
  } else if (e.type === 'review') {
    p.rn += 1;
    if (how.detail) pushBounded(p.rv, { ts: e.ts, product: e.product, rating: e.rating }, PERSON_BOUNDS.contacts);
  } else if (e.type === 'identify' && how.detail && e.traits) {
    mergeTraits(p.tr, e.traits);
  }
}

function mergeTraits(into: Dict<Json>, traits: JsonObject): void {
  let keys = Object.keys(into).length;
  for (const k of Object.keys(traits)) {
    if (!Object.hasOwn(into, k)) {
      if (keys >= PERSON_BOUNDS.traits) continue;
      keys += 1;
    }
    into[k] = traits[k];
  }
}

/** A timeline entry's label: the journey item, else a short description from the event's own fields. */
export function timelineLabel(e: NormalizedEvent): string {
  const item = pathItem(e);
  if (item !== undefined) return item;
  switch (e.type) {
    case 'click': return `click ${e.selector}`;
    case 'scroll': return `scroll ${e.depth}%`;
    case 'vitals': return `${e.metric} ${e.value}`;
    case 'identify': return `identify ${e.userId}`;
    case 'email': return `email ${e.action} ${e.campaign}`;
    case 'ticket': return `ticket ${e.ticketId}${e.reason ? ` ${e.reason}` : ''}`;
    case 'review': return `review ${e.product} ${e.rating}/5`;
    default: return e.type;
  }
}

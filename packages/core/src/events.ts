/**
 * The wire and file format (docs/events.md, version 1): schemas that validate
 * input at run time and the TypeScript types derived from them.
 */
import {
  array, boolean, describe, isValid, jsonBounds, jsonObject, number, object, oneOf, optional, problems, string,
  type Infer, type InferShape, type Schema,
} from './schema.js';

/** Limits docs/events.md#limits-at-a-glance sets. */
export const LIMITS = {
  /** Events in one envelope. */
  batchEvents: 500,
  /** Bytes in one request body. */
  batchBytes: 512 * 1024,
  /** Bytes of `props` as JSON. */
  propsBytes: 8 * 1024,
  /** Bytes of one whole event as JSON, unknown fields included. */
  eventBytes: 128 * 1024,
  /** Levels of nesting in one event (the event object is level 1): `props`, `ctx` and unknown fields alike. */
  depth: 16,
  id: 64,
  personId: 128,
  url: 2048,
  selector: 512,
  clickText: 64,
  /** Characters of a review's `text`. */
  reviewText: 4096,
} as const;

export const EVENT_TYPES = ['page', 'click', 'scroll', 'vitals', 'cart', 'track', 'identify', 'email', 'ticket', 'review', 'adstats'] as const;
/** The discriminant of an event. */
export type EventType = (typeof EVENT_TYPES)[number];
/** Types a browser measures: they need `anonymousId` and `url` (docs/events.md, "Events without a browser"). */
export const BROWSER_TYPES = ['page', 'click', 'scroll', 'vitals'] as const satisfies readonly EventType[];
/** Types only a backend or an import sends (a server key, never the public write key); none is part of a web session. */
export const SERVER_TYPES = ['email', 'ticket', 'review', 'adstats'] as const satisfies readonly EventType[];
/** Where a batch comes from: `browser` (the public write key) or `server` (a server key, an import, a file). */
export type EventOrigin = 'browser' | 'server';
export const EMAIL_ACTIONS = ['sent', 'open', 'click'] as const;
/** What an email event records. */
export type EmailAction = (typeof EMAIL_ACTIONS)[number];
export const VITAL_METRICS = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB', 'LOAD'] as const;
/** A web-vitals metric name (`LOAD` = navigation `loadEventEnd`, ms). */
export type VitalMetric = (typeof VITAL_METRICS)[number];
export const VITAL_RATINGS = ['good', 'needs-improvement', 'poor'] as const;
/** A web-vitals rating. */
export type VitalRating = (typeof VITAL_RATINGS)[number];
export const CART_ACTIONS = ['view_item', 'add', 'remove', 'view_cart', 'checkout', 'purchase'] as const;
/** What a cart event did. */
export type CartAction = (typeof CART_ACTIONS)[number];

const ms = number({ integer: true, min: 0 });
/** Ids are compared and stored as text: a lone surrogate would make two ids one. */
const WELL_FORMED = { wellFormed: true } as const;
const count = number({ min: 0 });
const fraction = number({ min: 0, max: 1 });

const context = object({
  ua: optional(string(1024)),
  lang: optional(string(64)),
  tz: optional(string(64)),
  vw: optional(count),
  vh: optional(count),
  sw: optional(count),
  sh: optional(count),
  dpr: optional(count),
});
/** Device context sent with events: `{ ua, lang, tz, vw, vh, sw, sh, dpr }`. */
export type EventContext = Infer<typeof context>;

const commonShape = {
  id: string(LIMITS.id, 1, WELL_FORMED),
  type: oneOf(EVENT_TYPES),
  ts: ms,
  /** Required unless `userId` is given (an event from a backend) or the event is `adstats` (no person). */
  anonymousId: optional(string(LIMITS.personId, 1, WELL_FORMED)),
  userId: optional(string(LIMITS.personId, 1, WELL_FORMED)),
  sessionId: optional(string(LIMITS.personId, 1, WELL_FORMED)),
  /** Required for the browser types (`BROWSER_TYPES`). */
  url: optional(string(LIMITS.url)),
  referrer: optional(string(LIMITS.url)),
  title: optional(string(1024)),
  props: optional(jsonObject(LIMITS.propsBytes)),
  ctx: optional(context),
  /** Set by the collector: server receive time, ms. */
  receivedAt: optional(ms),
  /** Set by the collector: the client's raw `ts` before skew correction. */
  clientTs: optional(ms),
};

const cartItem = object({
  id: string(256, 1),
  name: optional(string(512)),
  price: optional(number()),
  quantity: optional(count),
  category: optional(string(256)),
});
/** One line of a cart event. */
export type CartItem = Infer<typeof cartItem>;

/** What every browser type adds to the common fields: a device and a page. */
const browser = { anonymousId: string(LIMITS.personId, 1, WELL_FORMED), url: string(LIMITS.url) };

/** Type-specific fields, at the top level of the event beside the common ones. */
const perType = {
  page: { ...browser },
  click: {
    ...browser,
    selector: string(LIMITS.selector),
    text: optional(string(LIMITS.clickText)),
    href: optional(string(LIMITS.url)),
    tag: string(64),
    x: number(),
    y: number(),
    rx: fraction,
    ry: fraction,
    vw: count,
    vh: count,
    dh: count,
    rage: optional(boolean()),
    dead: optional(boolean()),
  },
  scroll: { ...browser, depth: number({ min: 0, max: 100 }), px: count, dh: count, vh: count },
  /** `rating` may be left out for `LOAD` only: it has no published thresholds, nothing rates it (see `vitalsSchema`). */
  vitals: { ...browser, metric: oneOf(VITAL_METRICS), value: count, rating: optional(oneOf(VITAL_RATINGS)) },
  cart: {
    action: oneOf(CART_ACTIONS),
    items: optional(array(cartItem, { max: 500 })),
    value: optional(number()),
    currency: optional(string(3, 3)),
    orderId: optional(string(256)),
  },
  track: { name: string(256, 1) },
  identify: { userId: string(LIMITS.personId, 1, WELL_FORMED), traits: optional(jsonObject(LIMITS.propsBytes)) },
  email: { action: oneOf(EMAIL_ACTIONS), campaign: string(256, 1), link: optional(string(LIMITS.url)) },
  ticket: {
    ticketId: string(256, 1),
    reason: optional(string(256)),
    /** The page the contact is about: a URL or a path. */
    page: optional(string(LIMITS.url)),
    /** The product the contact is about (a cart item `id`). */
    product: optional(string(256)),
    firstResponseAt: optional(ms),
    resolvedAt: optional(ms),
  },
  review: { product: string(256, 1), rating: number({ min: 1, max: 5 }), text: optional(string(LIMITS.reviewText)) },
  adstats: {
    source: string(256, 1),
    medium: string(256, 1),
    campaign: optional(string(256)),
    keyword: optional(string(256)),
    impressions: number({ integer: true, min: 0 }),
    clicks: number({ integer: true, min: 0 }),
    cost: number({ min: 0 }),
    currency: optional(string(3, 3)),
  },
} as const;

const vitalsObject = object({ ...commonShape, ...perType.vitals });
/** Whether a vitals event of a rated metric (all but `LOAD`) lacks its `rating`. */
const missingRating = (v: { metric?: unknown; rating?: unknown }) => v.rating === undefined && v.metric !== 'LOAD' && VITAL_METRICS.includes(v.metric as VitalMetric);
/** A vitals event: `rating` is required for the five web-vitals metrics; `LOAD` is unrated (docs/metrics.md), so it may go without. */
const vitalsSchema: Schema<unknown> = {
  check(value, path, issues) {
    vitalsObject.check(value, path, issues);
    const v = value as { metric?: unknown; rating?: unknown } | null;
    if (typeof v === 'object' && v !== null && missingRating(v)) issues.push(`${path ? `${path}.` : ''}rating: required for ${v.metric as string}, got nothing`);
  },
  valid: (value) => isValid(vitalsObject, value) && !missingRating(value as { metric?: unknown; rating?: unknown }),
};

type Fields = { anonymousId?: unknown; userId?: unknown; ts?: unknown; firstResponseAt?: unknown; resolvedAt?: unknown };
/** A schema plus one rule across fields: `rule` names the field and the problem, or returns nothing. */
function refine(base: Schema<unknown>, rule: (v: Fields) => [field: string, problem: string] | undefined): Schema<unknown> {
  const broken = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? rule(value as Fields) : undefined);
  return {
    check(value, path, issues) {
      base.check(value, path, issues);
      const b = broken(value);
      if (b) issues.push(`${path ? `${path}.` : ''}${b[0]}: ${b[1]}`);
    },
    valid: (value) => isValid(base, value) && broken(value) === undefined,
  };
}
/** An event of a person: `anonymousId`, `userId` or both (docs/events.md, "Events without a browser"). */
const personal = (base: Schema<unknown>) =>
  refine(base, (v) => (v.anonymousId === undefined && v.userId === undefined ? ['anonymousId', 'required when there is no userId, got nothing'] : undefined));
/** A ticket: its first response and resolution come at or after its opening (`ts`). */
const ticketSchema = refine(personal(object({ ...commonShape, ...perType.ticket })), (v) => {
  for (const field of ['firstResponseAt', 'resolvedAt'] as const) {
    const at = v[field];
    if (typeof at === 'number' && typeof v.ts === 'number' && at < v.ts) return [field, `expected at or after ts (${v.ts}), got ${at}`];
  }
  return undefined;
});

/** One schema per event type: the common fields plus that type's own. */
export const eventSchemas: Record<EventType, Schema<unknown>> = {
  page: object({ ...commonShape, ...perType.page }),
  click: object({ ...commonShape, ...perType.click }),
  scroll: object({ ...commonShape, ...perType.scroll }),
  vitals: vitalsSchema,
  cart: personal(object({ ...commonShape, ...perType.cart })),
  track: personal(object({ ...commonShape, ...perType.track })),
  identify: object({ ...commonShape, ...perType.identify }),
  email: personal(object({ ...commonShape, ...perType.email })),
  ticket: ticketSchema,
  review: personal(object({ ...commonShape, ...perType.review })),
  adstats: object({ ...commonShape, ...perType.adstats }),
};

type Common = InferShape<typeof commonShape>;
type Of<T extends EventType> = Omit<Common, 'type'> & InferShape<(typeof perType)[T]> & { type: T };

/** A page view (initial load and every SPA navigation). */
export type PageEvent = Of<'page'>;
/** A click with its position on the page and in the element. */
export type ClickEvent = Of<'click'>;
/** The deepest scroll of one page view, sent when the page view ends. */
export type ScrollEvent = Of<'scroll'>;
/** One web-vitals measurement. */
export type VitalsEvent = Of<'vitals'>;
/** A cart action: product view, add, remove, cart view, checkout, purchase. */
export type CartEvent = Of<'cart'>;
/** A custom event. */
export type TrackEvent = Of<'track'>;
/** Ties `anonymousId` to `userId`. */
export type IdentifyEvent = Of<'identify'>;
/** An email sent to, opened or clicked by a person, per campaign. */
export type EmailEvent = Of<'email'>;
/** A support ticket: opened at `ts`, with its first response and resolution times when known. */
export type TicketEvent = Of<'ticket'>;
/** A person's rating (1–5) of a product. */
export type ReviewEvent = Of<'review'>;
/** One day of an ad campaign's statistics: impressions, ad clicks and cost. Belongs to no person. */
export type AdStatsEvent = Of<'adstats'>;
/** Any event of the wire format. */
export type FootfallEvent =
  | PageEvent | ClickEvent | ScrollEvent | VitalsEvent | CartEvent | TrackEvent | IdentifyEvent
  | EmailEvent | TicketEvent | ReviewEvent | AdStatsEvent;

const envelopeHead = object({
  v: oneOf([1] as const),
  sentAt: ms,
  writeKey: string(128, 1, WELL_FORMED),
});
/** What the SDK POSTs and the collector accepts. */
export type Envelope = Infer<typeof envelopeHead> & { events: FootfallEvent[] };

/** The outcome of validating one value. */
export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Options of `validateEvent` and `checkEnvelope`. */
export interface ValidateOptions {
  /**
   * `browser`: the public write key, which may only send events of a device on a page:
   * `anonymousId` and `url` required, no `SERVER_TYPES`. `server`: a server key, an import or
   * a file: every event docs/events.md defines, userId-only and url-less events included.
   * @default 'server' for `validateEvent`, 'browser' for `checkEnvelope`
   */
  origin?: EventOrigin;
}

/** What a browser (the public write key) may not send, with the field at fault. */
function browserProblems(event: { type?: unknown; anonymousId?: unknown; url?: unknown }, path: string): string[] {
  const at = (field: string) => `${path ? `${path}.` : ''}${field}`;
  if ((SERVER_TYPES as readonly unknown[]).includes(event.type)) {
    return [`${at('type')}: "${event.type as string}" events come from a server key or an import, not the public write key`];
  }
  if ((BROWSER_TYPES as readonly unknown[]).includes(event.type)) return []; // their schema already requires both
  const out: string[] = [];
  if (event.anonymousId === undefined) out.push(`${at('anonymousId')}: required from a browser (public write key), got nothing; send userId-only events with a server key`);
  if (event.url === undefined) out.push(`${at('url')}: required from a browser (public write key), got nothing`);
  return out;
}

/**
 * Checks one event against docs/events.md and returns every problem with its path.
 * Never throws. Unknown extra fields are kept.
 *
 * @example
 * ```ts
 * const r = validateEvent({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a', url: 'https://x.test/' });
 * if (!r.ok) console.error(r.errors.join('\n')); // e.g. "x: expected number, got \"12\""
 * validateEvent({ id: 'o1', type: 'cart', ts: 1, userId: 'u1', action: 'purchase', orderId: 'A-1' }).ok; // true: a server order
 * validateEvent({ id: 'o1', type: 'cart', ts: 1, userId: 'u1', action: 'purchase' }, '', { origin: 'browser' }).ok; // false
 * ```
 */
export function validateEvent(value: unknown, path = '', options: ValidateOptions = {}): Validation<FootfallEvent> {
  return validateWithin(value, path, options, false);
}

/**
 * `validateEvent`, told whether the value is already known to be within `LIMITS.depth` and
 * `LIMITS.eventBytes` (as `parseEventLine` knows from the length and brackets of the line it
 * parsed, docs/internals.md#reading-lines), so that the walk measuring them can be skipped.
 */
export function validateWithin(value: unknown, path: string, options: ValidateOptions, withinBounds: boolean): Validation<FootfallEvent> {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [`${path || 'event'}: expected object, got ${describe(value)}`] };
  }
  // Depth and size first, whatever the fields: nothing below (nor a store's JSON.stringify) ever sees an unbounded value.
  const unbounded = withinBounds ? undefined : jsonBounds(value, LIMITS.depth, LIMITS.eventBytes);
  if (unbounded !== undefined) return { ok: false, errors: [`${path || 'event'}: expected at most ${LIMITS.depth} levels and ${LIMITS.eventBytes} bytes as JSON, got ${unbounded}`] };
  if (!EVENT_TYPES.includes(type as EventType)) {
    return { ok: false, errors: problems(object({ type: commonShape.type }), value, path) };
  }
  const schema = eventSchemas[type as EventType];
  // The common case, a valid event from anywhere but a browser, without building any list.
  if (options.origin !== 'browser' && isValid(schema, value)) return { ok: true, value: value as FootfallEvent };
  const errors = problems(schema, value, path);
  if (options.origin === 'browser') errors.push(...browserProblems(value, path).filter((p) => !errors.includes(p)));
  return errors.length ? { ok: false, errors } : { ok: true, value: value as FootfallEvent };
}

/** The outcome of validating an envelope: its head, and each event kept or rejected. */
export interface EnvelopeCheck {
  /** Problems with `v`, `sentAt`, `writeKey` or the events array itself; when non-empty, nothing is accepted. */
  errors: string[];
  /** The envelope's head, when it is valid. */
  head?: Omit<Envelope, 'events'>;
  /** Valid events, in order. */
  accepted: FootfallEvent[];
  /** Invalid events with their index in `events` and their problems. */
  rejected: { index: number; errors: string[] }[];
}

/**
 * Checks an envelope. Valid events are accepted even when others are rejected, so a
 * collector can keep the good part of a batch. By default the events are held to what a
 * browser may send (`origin: 'browser'`); a collector passes `origin: 'server'` for a batch
 * signed with a server key.
 *
 * @example
 * ```ts
 * const { errors, accepted, rejected } = checkEnvelope(JSON.parse(body));
 * ```
 */
export function checkEnvelope(value: unknown, options: ValidateOptions = {}): EnvelopeCheck {
  const origin = options.origin ?? 'browser';
  const errors = problems(envelopeHead, value);
  const events = typeof value === 'object' && value !== null ? (value as { events?: unknown }).events : undefined;
  if (!Array.isArray(events)) errors.push(`events: expected array, got ${describe(events)}`);
  else if (events.length < 1) errors.push('events: expected at least 1 item, got 0');
  else if (events.length > LIMITS.batchEvents) errors.push(`events: expected at most ${LIMITS.batchEvents} items, got ${events.length}`);
  if (errors.length) return { errors, accepted: [], rejected: [] };
  const { v, sentAt, writeKey } = value as Envelope;
  const accepted: FootfallEvent[] = [];
  const rejected: { index: number; errors: string[] }[] = [];
  (events as unknown[]).forEach((event, index) => {
    const r = validateEvent(event, `events[${index}]`, { origin });
    if (r.ok) accepted.push(r.value);
    else rejected.push({ index, errors: r.errors });
  });
  return { errors, head: { v, sentAt, writeKey }, accepted, rejected };
}

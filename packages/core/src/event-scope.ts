/**
 * Which events belong to a person and which to a web session (docs/events.md, "Events
 * without a browser"): `adstats` belong to no person; `email`, `ticket` and `review`
 * belong to a person but to no session; an event sent without a browser (no `anonymousId`
 * or no `url`) joins its person's open session and never starts one.
 */
import type { NormalizedEvent } from './analyzer.js';
import { SERVER_TYPES, type EventType, type FootfallEvent } from './events.js';

/** The `person` of an event that belongs to no person (`adstats`). */
export const NO_PERSON = '';
/** The `session` of an event that is part of no web session. */
export const NO_SESSION = '';

/**
 * Whether a normalized event is part of a web session (analyzers of sessions, pages,
 * paths and heatmaps read only these).
 *
 * @example
 * ```ts
 * for (const e of normalize(events)) if (inSession(e)) mySessionCounter.add(e);
 * ```
 */
export function inSession(event: NormalizedEvent): boolean {
  return event.session !== NO_SESSION;
}

/**
 * Whether a normalized event belongs to a person (every event but `adstats`).
 *
 * @example
 * ```ts
 * hasPerson({ ...adStats, person: '' }); // false
 * ```
 */
export function hasPerson(event: NormalizedEvent): boolean {
  return event.person !== NO_PERSON;
}

/**
 * Whether an event can start a web session: sent by a browser (`anonymousId` and `url`) and
 * not of a server-only type (`SERVER_TYPES`).
 *
 * @example
 * ```ts
 * startsSessions({ id: 'o1', type: 'cart', ts: 1, userId: 'u1', action: 'purchase' }); // false: a server order
 * ```
 */
export function startsSessions(event: FootfallEvent): boolean {
  return event.anonymousId !== undefined && event.url !== undefined && !isServerType(event.type);
}

/** Whether events of this type come only from a backend or an import (`email`, `ticket`, `review`, `adstats`). */
export function isServerType(type: EventType): boolean {
  return (SERVER_TYPES as readonly EventType[]).includes(type);
}

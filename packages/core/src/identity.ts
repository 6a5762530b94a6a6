/**
 * Identity stitching (docs/metrics.md#identity-and-sessions): the person is the `userId` when known;
 * an `identify` links its `anonymousId` to that `userId` for all that id's events,
 * earlier ones too, and so does any event carrying both ids. An event without a browser
 * names its `userId` alone; `adstats` belong to no person (docs/events.md).
 */
import { NO_PERSON } from './event-scope.js';
import type { FootfallEvent } from './events.js';

/** The links between anonymous ids and user ids, learned from a first pass over events. */
export interface Identity {
  /** Learns the link an event carries (an `identify`, or any event with both ids). */
  learn(event: FootfallEvent): void;
  /** Links `anonymousId` to `userId`. The first link of an anonymous id wins. */
  link(anonymousId: string, userId: string): void;
  /** The person of an event: its `userId`, else the user its `anonymousId` is linked to, else the `anonymousId`; `NO_PERSON` (`''`) for `adstats`. */
  personOf(event: FootfallEvent): string;
  /** Number of linked anonymous ids. */
  readonly size: number;
}

/**
 * Creates an identity map. Feed every event to `learn` first (pass 1), then ask
 * `personOf` (pass 2): an anonymous event before the login resolves to the user too.
 * Memory grows with the number of linked anonymous ids, not with events.
 *
 * When one anonymous id is linked to several users (a shared device), its anonymous
 * events go to the first user it was linked to; events that carry a `userId` always
 * belong to that user.
 *
 * @example
 * ```ts
 * const ids = createIdentity();
 * for (const e of events) ids.learn(e);
 * ids.personOf({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a1', url: '/' }); // → 'u1' after an identify of a1 as u1
 * ```
 */
export function createIdentity(): Identity {
  const users = new Map<string, string>();
  return {
    learn(event) {
      if (event.userId && event.anonymousId) this.link(event.anonymousId, event.userId);
    },
    link(anonymousId, userId) {
      if (anonymousId && userId && !users.has(anonymousId)) users.set(anonymousId, userId);
    },
    personOf(event) {
      if (event.type === 'adstats') return NO_PERSON;
      return event.userId || (event.anonymousId === undefined ? undefined : users.get(event.anonymousId)) || event.anonymousId || NO_PERSON;
    },
    get size() {
      return users.size;
    },
  };
}

/**
 * Identity stitching (docs/core.md, "Person"): the person is the `userId` when known;
 * an `identify` links its `anonymousId` to that `userId` for all that id's events,
 * earlier ones too, and so does any event carrying both ids. This module is the one place
 * the rule is written; the stores' SQL forms are tested against it (collector
 * `identity-parity.test.ts`).
 */
import type { FootfallEvent } from './events.js';
import { fnv1a } from './lib/fnv.js';

/** The links between anonymous ids and user ids, learned from a first pass over events. */
export interface Identity {
  /** Learns the link an event carries (an `identify`, or any event with both ids). */
  learn(event: Pick<FootfallEvent, 'anonymousId' | 'userId'>): void;
  /** Links `anonymousId` to `userId`. The first link of an anonymous id wins. */
  link(anonymousId: string, userId: string): void;
  /** The person of an event: its `userId`, else the user its `anonymousId` is linked to, else the `anonymousId`. */
  personOf(event: Pick<FootfallEvent, 'anonymousId' | 'userId'>): string;
  /** The user an anonymous id is linked to, if any. */
  linkOf(anonymousId: string): string | undefined;
  /** Every link learned, `[anonymousId, userId]`, in the order they were learned. */
  links(): IterableIterator<[string, string]>;
  /** Number of linked anonymous ids. */
  readonly size: number;
}

/**
 * The stitching rule: the event's `userId` when it has one, else the user its device is
 * linked to, else the device (`anonymousId`). An empty `userId` counts as none.
 *
 * @example
 * ```ts
 * stitchedPerson({ anonymousId: 'a1' }, 'u1'); // 'u1'
 * stitchedPerson({ anonymousId: 'a1', userId: 'u2' }, 'u1'); // 'u2'
 * ```
 */
export function stitchedPerson(event: Pick<FootfallEvent, 'anonymousId' | 'userId'>, linkedUser: string | undefined): string {
  return event.userId || linkedUser || event.anonymousId;
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
 * const ids = identityLinks();
 * for (const e of events) ids.learn(e);
 * ids.personOf({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a1', url: '/' }); // → 'u1' after an identify of a1 as u1
 * ```
 */
export function identityLinks(): Identity {
  const users = new Map<string, string>();
  return {
    learn(event) {
      if (event.userId) this.link(event.anonymousId, event.userId);
    },
    link(anonymousId, userId) {
      if (anonymousId && userId && !users.has(anonymousId)) users.set(anonymousId, userId);
    },
    personOf(event) {
      return stitchedPerson(event, users.get(event.anonymousId));
    },
    linkOf: (anonymousId) => users.get(anonymousId),
    links: () => users.entries(),
    get size() {
      return users.size;
    },
  };
}

/**
 * The slice (`0..count-1`) a stitched person falls in when an analysis is split across
 * workers: FNV-1a of the person key, modulo `count`. Every event of a person lands in one
 * slice, so merging the slices' analyzer states equals one run. (SQL stores slice with
 * their own hash, `hash()` in DuckDB and `cityHash64` in ClickHouse, of the same key.)
 *
 * @example
 * ```ts
 * personSlice('u1', 4); // the same slice on every run and machine
 * ```
 */
export function personSlice(person: string, count: number): number {
  return fnv1a(person) % count;
}

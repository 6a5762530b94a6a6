/**
 * Identity stitching (docs/metrics.md#identity-and-sessions): the person is the `userId` when known;
 * an `identify` links its `anonymousId` to that `userId` for all that id's events,
 * earlier ones too, and so does any event carrying both ids. An event without a browser
 * names its `userId` alone; `adstats` belong to no person (docs/events.md). This module is
 * the one place the rule is written; the stores' SQL forms are tested against it (collector
 * `identity-parity.test.ts`).
 */
import { NO_PERSON } from './event-scope.js';
import type { FootfallEvent } from './events.js';
import { FNV_BASIS, fnv1a, fnvStep } from './lib/fnv.js';

/** The links between anonymous ids and user ids, learned from a first pass over events. */
export interface Identity {
  /** Learns the link an event carries (an `identify`, or any event with both ids). */
  learn(event: Pick<FootfallEvent, 'anonymousId' | 'userId'>): void;
  /** Links `anonymousId` to `userId`. The first link of an anonymous id wins. */
  link(anonymousId: string, userId: string): void;
  /** The person of an event: its `userId`, else the user its `anonymousId` is linked to, else the `anonymousId`; `NO_PERSON` (`''`) for `adstats`. */
  personOf(event: PersonFields): string;
  /** The user an anonymous id is linked to, if any. */
  linkOf(anonymousId: string): string | undefined;
  /** Every link learned, `[anonymousId, userId]`, in the order they were learned. */
  links(): IterableIterator<[string, string]>;
  /** Number of linked anonymous ids. */
  readonly size: number;
}

/**
 * The stitching rule: the event's `userId` when it has one, else the user its device is
 * linked to, else the device (`anonymousId`). An empty `userId` counts as none. `adstats`
 * belong to no person (`NO_PERSON`, `''`), nor does an event with neither id.
 *
 * @example
 * ```ts
 * stitchedPerson({ anonymousId: 'a1' }, 'u1'); // 'u1'
 * stitchedPerson({ anonymousId: 'a1', userId: 'u2' }, 'u1'); // 'u2'
 * ```
 */
export function stitchedPerson(event: PersonFields, linkedUser: string | undefined): string {
  if (event.type === 'adstats') return NO_PERSON;
  return event.userId || linkedUser || event.anonymousId || NO_PERSON;
}

/** What the stitching rule reads of an event. */
export type PersonFields = Pick<FootfallEvent, 'anonymousId' | 'userId'> & { type?: FootfallEvent['type'] };

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
  // The last anonymous event's device and person: a file's next event is mostly the same device's
  // (a page's vitals, scrolls and clicks follow it), whose person is then answered without hashing
  // the id again, as the same string, which later lookups by person find hashed already.
  let lastAnonymous: string | undefined;
  let lastPerson = NO_PERSON;
  return {
    learn(event) {
      if (event.userId && event.anonymousId) this.link(event.anonymousId, event.userId);
    },
    link(anonymousId, userId) {
      if (anonymousId && userId && !users.has(anonymousId)) users.set(anonymousId, userId), (lastAnonymous = undefined);
    },
    personOf(event) {
      const anonymousId = event.anonymousId;
      if (event.userId || event.type === 'adstats' || !anonymousId) return stitchedPerson(event, anonymousId === undefined ? undefined : users.get(anonymousId));
      if (anonymousId !== lastAnonymous) (lastPerson = users.get(anonymousId) ?? anonymousId), (lastAnonymous = anonymousId);
      return lastPerson;
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

/**
 * The hash behind `personSlice`, of a person id given as its UTF-8 bytes `bytes[from..to)`
 * (read from an NDJSON line without decoding it): for ASCII bytes, `personHashOfBytes(…) % count`
 * is `personSlice(id, count)`. Gives -1 when a byte is not ASCII: decode those bytes and use
 * `personSlice`.
 *
 * @example
 * ```ts
 * const b = Buffer.from('u1');
 * personHashOfBytes(b, 0, b.length) % 4 === personSlice('u1', 4); // true
 * ```
 */
export function personHashOfBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = FNV_BASIS;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c > 0x7f) return -1;
    h = fnvStep(h, c);
  }
  return h >>> 0;
}

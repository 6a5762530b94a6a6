/**
 * Which stored events are one person's, by the core's identity stitching rule
 * (`identityLinks`, docs/core.md): what `forget` erases (docs/privacy.md#erasure).
 */
import { identityLinks, type FootfallEvent } from '@footfall/core';
import type { Store } from './store.js';

/** A person as the core stitches them: the person id and the devices whose anonymous events are theirs. */
export interface PersonIds {
  /** The person: a `userId`, or the `anonymousId` of a device never linked to a user. */
  person: string;
  /** The `anonymousId`s whose events without a `userId` belong to the person (every device linked to them). */
  devices: string[];
}

/**
 * Finds a person from any of their ids (a `userId`, or the `anonymousId` of any of their
 * devices) by learning the identity links of the store's identified events in time order,
 * exactly as every analysis does. An id the store never saw is a person of its own with no
 * events.
 *
 * @example
 * ```ts
 * const ids = await personIds(store, 'anon-phone'); // { person: 'user-7', devices: ['anon-laptop', 'anon-phone'] }
 * ```
 */
export async function personIds(store: Store, id: string): Promise<PersonIds> {
  const identity = identityLinks();
  const linked = new Set<string>();
  let isUser = false;
  for await (const e of store.scan({ identified: true })) {
    identity.learn(e);
    if (e.anonymousId !== undefined) linked.add(e.anonymousId);
    if (e.userId === id) isUser = true;
  }
  const personOf = (anonymousId: string) => identity.personOf({ anonymousId } as FootfallEvent);
  const person = isUser ? id : personOf(id);
  const devices = [...linked].filter((a) => personOf(a) === person);
  // An anonymous id the person's own id equals, not linked to anyone else: its events are theirs too.
  if (!linked.has(person) && personOf(person) === person) devices.push(person);
  return { person, devices: devices.sort() };
}

/**
 * Whether an event is the person's: `identity.personOf(event) === person`, with the links
 * `personIds` learned.
 *
 * @example
 * ```ts
 * events.filter((e) => !isPersonEvent(ids, e)); // what is left after erasure
 * ```
 */
export function isPersonEvent(ids: PersonIds, event: FootfallEvent): boolean {
  return event.userId ? event.userId === ids.person : event.anonymousId !== undefined && ids.devices.includes(event.anonymousId);
}

/**
 * The person slice of a line from the byte ranges of its placing keys (`readLineKeys`), without
 * parsing it: the slice `personSlice` gives the stitched person (docs/metrics.md#identity-and-sessions),
 * hashed straight from the id's bytes when they are ASCII (`personHashOfBytes`), else from the
 * decoded id. A line is not asked its `type` (an `adstats` line, which belongs to no person, may
 * go to any slice: analyzers merge them).
 */
import { personHashOfBytes, personSlice, type Identity } from '@footfall/core';
import type { LineKeys } from './line-keys.js';

/** Places lines (and persons) on one of `count` slices. */
export interface LineSlicer {
  /** The slice of a line whose placing keys `readLineKeys` found. */
  line(b: Buffer, keys: LineKeys): number;
  /** The slice of a stitched person id (`personSlice`): for a line that had to be parsed. */
  person(person: string): number;
}

/**
 * Creates the slicer of lines for `count` slices, given the identity links of pass 1. A line
 * with neither key goes to slice 0.
 *
 * @example
 * ```ts
 * const slice = lineSlicer(identity, 2);
 * if (reader.read(chunk, start, end, keys)) slice.line(chunk, keys); // 0 or 1
 * else slice.person(identity.personOf(parsedEvent));
 * ```
 */
export function lineSlicer(identity: Identity, count: number): LineSlicer {
  // The linked anonymous ids of ASCII bytes, by their hash, each with its user's slice (others are decoded and looked up).
  const linked = new Map<number, { anonymous: Buffer; slice: number }[]>();
  for (const [anonymousId, userId] of identity.links()) {
    const anonymous = Buffer.from(anonymousId, 'utf8');
    const h = personHashOfBytes(anonymous, 0, anonymous.length);
    if (h < 0) continue;
    const entry = { anonymous, slice: personSlice(userId, count) };
    const list = linked.get(h);
    if (list) list.push(entry);
    else linked.set(h, [entry]);
  }
  const linkedSlice = (b: Buffer, from: number, to: number, h: number): number | undefined => {
    const list = linked.get(h);
    if (list) for (const { anonymous, slice } of list) if (anonymous.length === to - from && b.compare(anonymous, 0, anonymous.length, from, to) === 0) return slice;
    return undefined;
  };
  // The last anonymous id placed (a copy: the line's buffer may be read into again) and its slice: a line's device is mostly the one before's.
  const last = Buffer.alloc(256);
  let lastLength = -1;
  let lastSlice = 0;
  // A loop: `Buffer.compare` with ranges costs more in argument checks than comparing an id's bytes.
  const sameAsLast = (b: Buffer, from: number, length: number): boolean => {
    for (let k = length - 1; k >= 0; k--) if (b[from + k] !== last[k]) return false;
    return true;
  };
  const anonymousSlice = (b: Buffer, from: number, to: number): number => {
    const h = personHashOfBytes(b, from, to);
    if (h >= 0) return linkedSlice(b, from, to, h) ?? h % count;
    const anonymousId = b.toString('utf8', from, to);
    return personSlice(identity.linkOf(anonymousId) ?? anonymousId, count);
  };
  return {
    person: (person) => personSlice(person, count),
    line(b, keys) {
      const { userFrom, userTo, anonymousFrom, anonymousTo } = keys;
      // The stitching rule: a non-empty userId, else the anonymous id's linked user, else the anonymous id.
      if (userFrom >= 0 && userTo > userFrom) {
        const h = personHashOfBytes(b, userFrom, userTo);
        return h >= 0 ? h % count : personSlice(b.toString('utf8', userFrom, userTo), count);
      }
      if (anonymousFrom >= 0 && anonymousTo > anonymousFrom) {
        const length = anonymousTo - anonymousFrom;
        if (length === lastLength && sameAsLast(b, anonymousFrom, length)) return lastSlice;
        lastSlice = anonymousSlice(b, anonymousFrom, anonymousTo);
        if (length <= last.length) (lastLength = length), b.copy(last, 0, anonymousFrom, anonymousTo);
        else lastLength = -1;
        return lastSlice;
      }
      // Empty ids stitch to the empty person; a line with neither key goes to the first slice.
      return userFrom < 0 && anonymousFrom < 0 ? 0 : personSlice('', count);
    },
  };
}

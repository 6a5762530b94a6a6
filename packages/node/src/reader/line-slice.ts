/**
 * The person slice of a line from the byte ranges of its placing keys (`readLineKeys`), without
 * decoding it: the same slice `personSlice(stitchedPerson(event), count)` gives the parsed event
 * (docs/metrics.md#identity-and-sessions), except that a line is not asked its `type` (an
 * `adstats` line, which belongs to no person, may go to any slice: analyzers merge them).
 */
import { personSlice, type Identity } from '@footfall/core';
import type { LineKeys } from './line-keys.js';

/** FNV-1a of `b[from..to)` as `fnv1a` hashes the same text, or -1 when a byte is not ASCII (the text must then be decoded). */
function asciiHash(b: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c > 127) return -1;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

const sliceOf = (b: Buffer, from: number, to: number, count: number) => {
  const h = asciiHash(b, from, to);
  return h < 0 ? personSlice(b.toString('utf8', from, to), count) : h % count;
};

/**
 * Creates the slicer of lines for `count` slices, given the identity links of pass 1. A line
 * with neither key goes to slice 0.
 *
 * @example
 * ```ts
 * const slice = lineSlicer(identity, 2);
 * if (reader.read(chunk, start, end, keys)) slice(chunk, keys); // 0 or 1
 * ```
 */
export function lineSlicer(identity: Identity, count: number): (b: Buffer, keys: LineKeys) => number {
  // Hashes of the linked anonymous ids: most anonymous ids are not linked, and say so without being decoded.
  const linked = new Set<number>();
  for (const [anonymousId] of identity.links()) linked.add(personSlice(anonymousId, 2 ** 32));
  return (b, keys) => {
    const { userFrom, userTo, anonymousFrom, anonymousTo } = keys;
    // The stitching rule: the userId (when not empty), else the user the anonymous id is linked to, else the anonymous id.
    if (userFrom >= 0 && userTo > userFrom) return sliceOf(b, userFrom, userTo, count);
    if (anonymousFrom < 0) return userFrom < 0 ? 0 : personSlice('', count);
    const h = asciiHash(b, anonymousFrom, anonymousTo);
    if (h >= 0 && !linked.has(h)) return h % count;
    const anonymousId = b.toString('utf8', anonymousFrom, anonymousTo);
    return personSlice(identity.linkOf(anonymousId) ?? anonymousId, count);
  };
}

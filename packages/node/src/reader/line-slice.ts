/**
 * The person slice of a line from the byte ranges of its placing keys (`readLineKeys`), without
 * decoding it: the same slice `personSlice(stitchedPerson(event), count)` gives the parsed event
 * (docs/metrics.md#identity-and-sessions), except that a line is not asked its `type` (an
 * `adstats` line, which belongs to no person, may go to any slice: analyzers merge them).
 */
import { personSlice, type Identity } from '@footfall/core';
import type { LineKeys } from './line-keys.js';

const sliceOf = (b: Buffer, from: number, to: number, count: number) => personSlice(b.toString('utf8', from, to), count);

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
  return (b, keys) => {
    const { userFrom, userTo, anonymousFrom, anonymousTo } = keys;
    // The stitching rule: the userId (when not empty), else the user the anonymous id is linked to, else the anonymous id.
    if (userFrom >= 0 && userTo > userFrom) return sliceOf(b, userFrom, userTo, count);
    if (anonymousFrom < 0) return userFrom < 0 ? 0 : personSlice('', count);
    const anonymousId = b.toString('utf8', anonymousFrom, anonymousTo);
    return personSlice(identity.linkOf(anonymousId) ?? anonymousId, count);
  };
}

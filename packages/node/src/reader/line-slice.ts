/**
 * The person slice of a line from the byte ranges of its placing keys (`readLineKeys`), without
 * parsing it: only the two ids are decoded and handed to the core's stitching rule
 * (`Identity.personOf`, docs/metrics.md#identity-and-sessions), so the slice is the one the parsed
 * event gets, except that a line is not asked its `type` (an `adstats` line, which belongs to no
 * person, may go to any slice: analyzers merge them).
 */
import { personSlice, type Identity } from '@footfall/core';
import type { LineKeys } from './line-keys.js';

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
    if (userFrom < 0 && anonymousFrom < 0) return 0;
    const userId = userFrom < 0 ? undefined : b.toString('utf8', userFrom, userTo);
    const anonymousId = anonymousFrom < 0 ? undefined : b.toString('utf8', anonymousFrom, anonymousTo);
    return personSlice(identity.personOf({ userId, anonymousId }), count);
  };
}

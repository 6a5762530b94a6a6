/** One call from raw events to an analyzer's result. */
import type { Analyzer } from './analyzer.js';
import type { FootfallEvent } from './events.js';
import { normalize, type NormalizeOptions } from './normalize.js';

/**
 * Normalizes events held in memory (dedupe, stitch, sort, sessions, channel, agent),
 * adds each to `analyzer` and returns its result.
 *
 * @example
 * ```ts
 * const result = analyze(events, createFunnel({ steps: ['page:/', 'cart:purchase'] }));
 * ```
 */
export function analyze<R>(events: Iterable<FootfallEvent>, analyzer: Analyzer<unknown, R>, options: NormalizeOptions = {}): R {
  for (const event of normalize(events, options)) analyzer.add(event);
  return analyzer.result();
}

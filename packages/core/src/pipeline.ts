/** One call from raw events to analyzer results: in memory (`analyze`) or streamed twice (`analyzeStream`). */
import type { Analyzer } from './analyzer.js';
import type { FootfallEvent } from './events.js';
import { eventNormalizer, normalize, type NormalizeOptions } from './normalize.js';
import { keepSessions, type SessionFilterOptions } from './session-filter.js';

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

/** Options of `analyzeStream`. */
export interface AnalyzeStreamOptions extends NormalizeOptions {
  /** Keep only the sessions this filter keeps (`keepSessions`). @default every session */
  filter?: SessionFilterOptions;
  /** Called after each event read, with the pass (1 learns identity, 2 normalizes) and the events read so far in it: for progress. */
  onRead?: (pass: 1 | 2, read: number) => void;
  /**
   * The identity links of these events, `[anonymousId, userId]`, when already known (an
   * `identityLinks()`'s `links()` over these events, or over more events that hold every
   * link of these persons): pass 1 is skipped and `events` is read once.
   * @default learned in pass 1
   */
  links?: Iterable<readonly [string, string]>;
}

/**
 * Feeds analyzers from an input too large for memory, read twice: pass 1 teaches the
 * normalizer identity links, pass 2 normalizes (person, session, channel, agent) and adds
 * every event of the sessions `filter` keeps to each analyzer. `events` must give the same
 * events on each iteration (a file reader, a store scan), or be read once with `links`. Resolves to the number of
 * events the analyzers got (after dedupe and the filter).
 *
 * @example
 * ```ts
 * const funnel = createFunnel({ steps: ['page:/', 'cart:purchase'] });
 * await analyzeStream(readEvents('events.ndjson.gz'), [funnel], { filter: { device: 'mobile' } });
 * funnel.result();
 * ```
 */
export async function analyzeStream(
  events: AsyncIterable<FootfallEvent>,
  analyzers: readonly Analyzer<unknown, unknown>[],
  options: AnalyzeStreamOptions = {},
): Promise<number> {
  const { filter, onRead, links, ...normalizeOptions } = options;
  const normalizer = eventNormalizer(normalizeOptions);
  const sessions = keepSessions(filter);
  let read = 0;
  if (links) for (const [anonymousId, userId] of links) normalizer.learn({ anonymousId, userId });
  else for await (const event of events) {
    normalizer.learn(event);
    onRead?.(1, ++read);
  }
  let kept = 0;
  read = 0;
  for await (const event of events) {
    const normalized = normalizer.normalize(event);
    onRead?.(2, ++read);
    if (normalized === undefined || !sessions.keep(normalized)) continue;
    kept++;
    for (const analyzer of analyzers) analyzer.add(normalized);
  }
  return kept;
}

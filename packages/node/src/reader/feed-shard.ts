/**
 * Pass 2 of reading files: every line parsed and checked, normalized and fed to analyzers. In
 * one thread `feedShard` reads the files itself; with worker threads each worker feeds the lines
 * of its persons that `splitByPerson` sends it through the same `lineFeeder`.
 */
import {
  idSet, eventNormalizer, keepSessions, FootfallError, parseEventLine,
  type Analyzer, type FootfallEvent, type NormalizeOptions, type SessionFilterOptions,
} from '@footfall/core';
import { mergeByTs } from './merge-by-ts.js';

/** One file to read: its path and the name problems give it. */
export interface FileSource {
  path: string;
  label: string;
}

/** What pass 2 needs besides the files and the analyzers. */
export interface FeedShardOptions extends NormalizeOptions {
  /** The events that taught pass 1 its identity links, in file order. */
  links: readonly FootfallEvent[];
  filter?: SessionFilterOptions;
  /** Throw at the first bad line instead of reporting it. */
  strict?: boolean;
  /** Gets `label:line: reason` for each bad line, in file order. */
  onProblem(message: string, file: number, line: number): void;
  /** Gets the bytes read so far, for progress. */
  onBytes?(bytes: number): void;
  /** About how many events this reader will see (a guess), to size the dedupe table up front (`idSet`). */
  expectedEvents?: number;
}

/** What one shard did: events kept, and the fingerprints of the ids of its events (`Dedupe.table()`; none when the input is `deduped`). */
export interface ShardOutcome {
  kept: number;
  /** With those of the other shards: an id seen by two shards means dedupe must see both, in one run (`idTablesOverlap`). */
  ids?: Uint32Array;
}

/** Valid events deduped together (`LineFeeder`). */
const PENDING_EVENTS = 64;

/** Feeds lines, one at a time in input order, to analyzers (a few events may wait until the next lines or `outcome`); `outcome` says what it did. */
export interface LineFeeder {
  /** Line number `line` of file `f` is `chunk[start..end)`. */
  line(chunk: Buffer, start: number, end: number, f: number, line: number): void;
  outcome(): ShardOutcome;
}

/**
 * Creates the pass-2 handling of lines: parse and check each, report a bad one, dedupe by `id`,
 * normalize, keep the sessions `filter` keeps, add to `analyzers`. Dedupe happens here (not in
 * the normalizer) so that a shard can hand its ids back: a duplicate `id` held by persons in
 * different shards (where dedupe must see both) is noticed by comparing the shards' ids.
 */
export function lineFeeder(labels: readonly string[], analyzers: readonly Analyzer<unknown, unknown>[], options: Omit<FeedShardOptions, 'onBytes'>): LineFeeder {
  const { links, filter, strict, onProblem, expectedEvents, ...normalizeOptions } = options;
  const normalizer = eventNormalizer({ ...normalizeOptions, inPlace: true, deduped: true });
  for (const e of links) normalizer.learn(e);
  const seen = normalizeOptions.deduped ? undefined : idSet(expectedEvents);
  const sessions = keepSessions(filter);
  let kept = 0;
  const add = (event: FootfallEvent) => {
    const normalized = normalizer.normalize(event);
    if (normalized === undefined || !sessions.keep(normalized)) return;
    kept++;
    for (const analyzer of analyzers) analyzer.add(normalized);
  };
  // Valid events wait here, a few at a time, to be deduped together (`firstOfEach`: the id table's cache misses overlap), then added in order.
  // Filled up to `waiting` and reused (shortening an array would give up its storage each time).
  const pending: FootfallEvent[] = [];
  const ids: string[] = [];
  let waiting = 0;
  const fresh = new Uint8Array(PENDING_EVENTS);
  const flush = () => {
    seen!.firstOfEach(ids, waiting, fresh);
    const n = waiting;
    waiting = 0;
    for (let k = 0; k < n; k++) if (fresh[k]) add(pending[k]);
  };
  return {
    line(chunk, start, end, f, line) {
      const parsed = parseEventLine(chunk.toString('utf8', start, end));
      if (parsed === undefined) return;
      if (!parsed.ok) {
        const message = `${labels[f]}:${line}: ${parsed.reason}`;
        if (strict) throw new FootfallError(parsed.code, `${message} (--strict stops at the first bad line; fix it or drop --strict to skip it)`, { details: [message] });
        return onProblem(message, f, line);
      }
      if (!seen) return add(parsed.event);
      pending[waiting] = parsed.event;
      ids[waiting] = parsed.event.id;
      if (++waiting === PENDING_EVENTS) flush();
    },
    outcome() {
      if (waiting) flush();
      return { kept, ids: seen?.table() };
    },
  };
}

/**
 * Reads every line of `files` once, merged by `ts` (`mergeByTs`), and feeds the normalized
 * events of the kept sessions to `analyzers` (`lineFeeder`).
 */
export async function feedShard(files: readonly FileSource[], analyzers: readonly Analyzer<unknown, unknown>[], options: FeedShardOptions): Promise<ShardOutcome> {
  const { onBytes, ...rest } = options;
  const feeder = lineFeeder(files.map((f) => f.label), analyzers, rest);
  for await (const b of mergeByTs(files, onBytes)) for (let k = 0; k < b.n; k++) feeder.line(b.chunk[k], b.start[k], b.end[k], b.file[k], b.line[k]);
  return feeder.outcome();
}

/**
 * Pass 2 of reading files: every line parsed and checked, normalized and fed to analyzers;
 * with a shard, only the lines of that shard's persons (the others are placed by their
 * `anonymousId` and `userId` bytes, `lineKeyReader`, without being parsed).
 */
import {
  idSet, identityLinks, eventNormalizer, keepSessions, FootfallError, parseEventLine, personSlice,
  type Analyzer, type FootfallEvent, type NormalizeOptions, type ParsedLine, type SessionFilterOptions,
} from '@footfall/core';
import { mergeByTs } from './merge-by-ts.js';
import { lineKeyReader, noLineKeys } from './line-keys.js';
import { lineSlicer } from './line-slice.js';

/** One file to read: its path and the name problems give it. */
export interface FileSource {
  path: string;
  label: string;
}

/** A slice of persons: those whose stitched person hashes to `index` modulo `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** What pass 2 needs besides the files and the analyzers. */
export interface FeedShardOptions extends NormalizeOptions {
  /** The events that taught pass 1 its identity links, in file order. */
  links: readonly FootfallEvent[];
  filter?: SessionFilterOptions;
  /** Throw at the first bad line instead of reporting it. */
  strict?: boolean;
  /** Gets `label:line: reason` for each bad line of this shard, in file order. */
  onProblem(message: string, file: number, line: number): void;
  /** Gets the bytes read so far, for progress. */
  onBytes?(bytes: number): void;
  shard?: Shard;
}

/** What one shard did: events kept, and the fingerprints of the ids of its events (`Dedupe.table()`; none when the input is `deduped`). */
export interface ShardOutcome {
  kept: number;
  /** With those of the other shards: an id seen by two shards means dedupe must see both, in one run (`idTablesOverlap`). */
  ids?: Uint32Array;
}

/**
 * Reads every line of `files` once, merged by `ts` (`mergeByTs`), and feeds the normalized events of the kept
 * sessions to `analyzers`. With a `shard`, a line is parsed only when its person falls in the
 * shard. Dedupe by `id` happens here (not in the normalizer) so that the shard can hand its ids
 * back: a duplicate `id` held by persons in different shards (where dedupe must see both) is
 * noticed by comparing the shards' ids.
 */
export async function feedShard(files: readonly FileSource[], analyzers: readonly Analyzer<unknown, unknown>[], options: FeedShardOptions): Promise<ShardOutcome> {
  const { links, filter, strict, onProblem, onBytes, shard, ...normalizeOptions } = options;
  const normalizer = eventNormalizer({ ...normalizeOptions, inPlace: true, deduped: true });
  for (const e of links) normalizer.learn(e);
  const seen = normalizeOptions.deduped ? undefined : idSet();
  const sessions = keepSessions(filter);
  const count = shard?.count ?? 1;
  const index = shard?.index ?? 0;
  const identity = identityLinks();
  if (count > 1) for (const e of links) identity.learn(e);
  const slice = count > 1 ? lineSlicer(identity, count) : undefined;
  const reader = lineKeyReader();
  const keys = noLineKeys();
  let kept = 0;
  const handle = (chunk: Buffer, start: number, end: number, f: number, line: number) => {
    let parsed: ParsedLine | undefined;
    if (slice) {
      // Place the line by its person without parsing it, when its keys can be read.
      let mine: boolean;
      if (reader.read(chunk, start, end, keys)) mine = slice(chunk, keys) === index;
      else {
        parsed = parseEventLine(chunk.toString('utf8', start, end));
        // Lines that are no event (blank, not JSON, invalid) go to shard 0, which reports them.
        mine = (parsed?.ok ? personSlice(identity.personOf(parsed.event), count) : 0) === index;
      }
      if (!mine) return;
    }
    if (parsed === undefined) parsed = parseEventLine(chunk.toString('utf8', start, end));
    if (parsed === undefined) return;
    if (!parsed.ok) {
      const message = `${files[f].label}:${line}: ${parsed.reason}`;
      if (strict) throw new FootfallError(parsed.code, `${message} (--strict stops at the first bad line; fix it or drop --strict to skip it)`, { details: [message] });
      return onProblem(message, f, line);
    }
    if (seen && !seen.first(parsed.event.id)) return;
    const normalized = normalizer.normalize(parsed.event);
    if (normalized === undefined || !sessions.keep(normalized)) return;
    kept++;
    for (const analyzer of analyzers) analyzer.add(normalized);
  };
  for await (const b of mergeByTs(files, onBytes)) for (let k = 0; k < b.n; k++) handle(b.chunk[k], b.start[k], b.end[k], b.file[k], b.line[k]);
  return { kept, ids: seen?.table() };
}

/**
 * Pass 2 of reading files: every line parsed and checked, normalized and fed to analyzers;
 * with a shard, only the lines of that shard's persons (the others are placed by
 * `readLineKeys` without being parsed).
 */
import {
  idSet, identityLinks, eventNormalizer, keepSessions, FootfallError, parseEventLine, personSlice,
  type Analyzer, type FootfallEvent, type NormalizeOptions, type ParsedLine, type SessionFilterOptions,
} from '@footfall/core';
import { mergeByTs } from './merge-by-ts.js';
import { readLineKeys, type LineKeys } from './line-keys.js';

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

/** What one shard did: events kept, and whether an `id` also occurred in another shard (the caller must then run unsharded). */
export interface ShardOutcome {
  kept: number;
  crossShardId: boolean;
}

/**
 * Reads every line of `files` once, merged by `ts` (`mergeByTs`), and feeds the normalized events of the kept
 * sessions to `analyzers`. With a `shard`, a line is parsed only when its person falls in the
 * shard; ids are remembered across shards so that a duplicate `id` held by two persons in
 * different shards (where dedupe must see both) is noticed.
 */
export async function feedShard(files: readonly FileSource[], analyzers: readonly Analyzer<unknown, unknown>[], options: FeedShardOptions): Promise<ShardOutcome> {
  const { links, filter, strict, onProblem, onBytes, shard, ...normalizeOptions } = options;
  const normalizer = eventNormalizer({ ...normalizeOptions, inPlace: true });
  for (const e of links) normalizer.learn(e);
  const sessions = keepSessions(filter);
  const identity = shard && shard.count > 1 ? identityLinks() : undefined;
  if (identity) for (const e of links) identity.learn(e);
  const elsewhere = idSet();
  const keys: LineKeys = { id: undefined, anonymousId: undefined, userId: undefined };
  const outcome: ShardOutcome = { kept: 0, crossShardId: false };
  const handle = (chunk: Buffer, start: number, end: number, f: number, line: number) => {
    const { label } = files[f];
    let parsed: ParsedLine | undefined;
    if (identity) {
      // Place the line by its person without parsing it, when its keys can be read.
      let id: string | undefined;
      let person: string | undefined;
      if (readLineKeys(chunk, start, end, keys)) {
        id = keys.id;
        // A backend's event may carry only a `userId` (docs/events.md): it goes with that user's shard.
        person = keys.anonymousId === undefined && keys.userId === undefined ? undefined : identity.personOf(keys as FootfallEvent);
      } else {
        parsed = parseEventLine(chunk.toString('utf8', start, end));
        if (parsed?.ok) (id = parsed.event.id), (person = identity.personOf(parsed.event));
      }
      // Lines that are no event (blank, not JSON, no id of a person) and ad statistics go to shard 0, which reports them.
      const mine = (person === undefined ? 0 : personSlice(person, shard!.count)) === shard!.index;
      if (typeof id === 'string') {
        if (!mine) return void elsewhere.first(id);
        if (elsewhere.has(id)) outcome.crossShardId = true;
      } else if (!mine) return;
    }
    if (parsed === undefined) parsed = parseEventLine(chunk.toString('utf8', start, end));
    if (parsed === undefined) return;
    if (!parsed.ok) {
      const message = `${label}:${line}: ${parsed.reason}`;
      if (strict) throw new FootfallError(parsed.code, `${message} (--strict stops at the first bad line; fix it or drop --strict to skip it)`, { details: [message] });
      return onProblem(message, f, line);
    }
    const normalized = normalizer.normalize(parsed.event);
    if (normalized === undefined || !sessions.keep(normalized)) return;
    outcome.kept++;
    for (const analyzer of analyzers) analyzer.add(normalized);
  };
  for await (const b of mergeByTs(files, onBytes)) for (let k = 0; k < b.n; k++) handle(b.chunk[k], b.start[k], b.end[k], b.file[k], b.line[k]);
  return outcome;
}

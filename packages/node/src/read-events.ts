/**
 * `@footfall/node`: reading events from NDJSON files, `.ndjson.gz`, folders and
 * standard input, line by line (never a whole file in one string).
 */
import { FootfallError, parseEventLine, type FootfallEvent } from '@footfall/core';
import { mergeByTs, type MergeSource } from './reader/merge-by-ts.js';
import { resolveSources } from './reader/sources.js';
import { stdinCopy } from './reader/stdin-copy.js';

/** Options of `readEvents`. */
export interface ReadEventsOptions {
  /** Stop at the first bad line (throw `FootfallError` `INPUT_UNREADABLE` for non-JSON, `INVALID_EVENT` for an invalid event). @default false */
  strict?: boolean;
  /** Receives `file:line: reason` for every skipped line. @default writes the line to `process.stderr` */
  onProblem?: (message: string) => void;
  /** The stream `-` reads. @default process.stdin */
  stdin?: NodeJS.ReadableStream;
  /** Folder that relative inputs are resolved against; problems still name the input as given. @default process.cwd() */
  cwd?: string;
}

/**
 * Reads events from NDJSON: a file (plain or gzip), a folder (its `.ndjson` and
 * `.ndjson.gz` files, recursively, in name order), or `-` for standard input; several
 * files (given, or in a folder) are merged by `ts`, each file read in its own order
 * (docs/events.md#files-ndjson). A bad line is reported as `file:line: reason`
 * and skipped, unless `strict`. Each iteration reads the input anew, so it can be
 * iterated twice (the normalizer's two passes); standard input is copied to a temporary
 * file during the first pass for that. An input that cannot be opened throws
 * `FootfallError` `INPUT_UNREADABLE`.
 *
 * @example
 * ```ts
 * import { readEvents } from '@footfall/node';
 * import { eventNormalizer } from '@footfall/core';
 * const events = readEvents(['events/', 'more.ndjson.gz']);
 * const n = eventNormalizer();
 * for await (const e of events) n.learn(e);
 * for await (const e of events) console.log(n.normalize(e)?.session);
 * ```
 */
export function readEvents(input: string | readonly string[], options: ReadEventsOptions = {}): AsyncIterable<FootfallEvent> {
  const inputs = typeof input === 'string' ? [input] : [...input];
  const report = options.onProblem ?? ((message: string) => void process.stderr.write(`${message}\n`));
  return {
    async *[Symbol.asyncIterator]() {
      const files: MergeSource[] = [];
      for (const source of await resolveSources(inputs, options.cwd)) {
        files.push(source.kind === 'file' ? source : { path: await stdinCopy(options.stdin ?? process.stdin), label: 'stdin' });
      }
      for await (const b of mergeByTs(files)) {
        for (let k = 0; k < b.n; k++) {
          const parsed = parseEventLine(b.chunk[k].toString('utf8', b.start[k], b.end[k]));
          if (parsed === undefined) continue;
          if (parsed.ok) {
            yield parsed.event;
            continue;
          }
          const message = `${files[b.file[k]].label}:${b.line[k]}: ${parsed.reason}`;
          if (options.strict) throw new FootfallError(parsed.code, `${message} (--strict stops at the first bad line; fix it or drop --strict to skip it)`, { details: [message] });
          report(message);
        }
      }
    },
  };
}

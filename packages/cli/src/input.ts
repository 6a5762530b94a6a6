/**
 * Reading a command's INPUT and feeding analyzers: NDJSON files, `.ndjson.gz`, folders,
 * `-` (stdin), or a collector store (`duckdb:PATH`, `clickhouse:URL`), through the core's
 * two-pass normalizer (identity links first, then persons, sessions, channels) and, when
 * asked, the core's session filter.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { analyzeStream, FootfallError, type Analyzer, type FootfallEvent, type SessionFilterOptions } from '@footfall/core';
import { analyzeFiles, type AnalyzerRecipe } from '@footfall/node';
import { InputError, type Io } from './command.js';

/** Options of `feed`. */
export interface FeedOptions {
  /** Stop at the first bad line instead of skipping it. @default false */
  strict?: boolean;
  /**
   * Keep only the sessions this filter keeps (`--channel`, `--device`): decided per session
   * on its first normalized event, exactly as the collector's queries do.
   * @default {} (every session)
   */
  filter?: SessionFilterOptions;
  /**
   * One recipe per analyzer (the core factory and its options): lets a large file be read by
   * worker threads, one shard of persons each, whose states are merged into `analyzers`.
   * @default none (one thread)
   */
  recipes?: readonly AnalyzerRecipe[];
}

/** Inputs above this size get a progress line (when stderr is a terminal). */
const LARGE_INPUT_BYTES = 32 * 1024 * 1024;
const STORE = /^(duckdb|clickhouse|memory):/;

/**
 * Reads INPUT (one or more files, folders or `-`, merged by `ts`; or one store) twice (pass 1 learns identity links, pass 2 normalizes) and adds every
 * normalized event of the sessions `filter` keeps to each analyzer (`events` counts those).
 * Bad lines are reported on stderr as `file:line: reason` and skipped (`strict` stops
 * instead). Throws `InputError` (exit code 2) when the input cannot be read.
 *
 * @example
 * ```ts
 * const funnel = createFunnel({ steps: ['page:/', 'cart:purchase'] });
 * const { events, skipped } = await feed('events.ndjson.gz', io, [funnel], { filter: { device: 'mobile' } });
 * ```
 */
export async function feed(input: string | readonly string[], io: Io, analyzers: readonly Analyzer<unknown, unknown>[], options: FeedOptions = {}): Promise<{ events: number; skipped: number }> {
  let skipped = 0;
  const onProblem = (message: string) => {
    skipped++;
    io.stderr.write(`footfall: ${message}\n`);
  };
  const inputs = typeof input === 'string' ? [input] : [...input];
  const store = inputs.length === 1 && STORE.test(inputs[0]) ? inputs[0] : undefined;
  let bytes = 0;
  for (const i of inputs) if (i !== '-' && !STORE.test(i)) bytes += await stat(resolve(io.cwd, i)).then((s) => (s.isFile() ? s.size : 0), () => 0);
  const large = store !== undefined || bytes > LARGE_INPUT_BYTES;
  const progress = progressLine(io, large);
  try {
    let events: number;
    if (store !== undefined) {
      const opened = await openStoreInput(store);
      try {
        events = await analyzeStream(opened.events, analyzers, {
          filter: options.filter,
          // a store's scan yields each id once (it dedupes on read): the normalizer need not
          deduped: true,
          onRead: (pass, read) => {
            if (read % 10_000 === 0) progress?.(`pass ${pass}/2: ${read.toLocaleString('en-US')} events`);
          },
        });
      } finally {
        await opened.close();
      }
    } else {
      // Each bad line is reported once (pass 2 reads every line; pass 1 only those that can link identities).
      events = await analyzeFiles(inputs, analyzers, {
        strict: options.strict === true,
        cwd: io.cwd,
        stdin: io.stdin,
        filter: options.filter,
        recipes: options.recipes,
        onProblem,
        onProgress: progress && ((pass, bytes) => progress(`pass ${pass}/2: ${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`)),
      });
    }
    progress?.(undefined);
    return { events, skipped };
  } catch (error) {
    progress?.(undefined);
    if (error instanceof FootfallError && (error.code === 'INPUT_UNREADABLE' || error.code === 'INVALID_EVENT')) throw new InputError(error.message);
    throw error;
  }
}

async function openStoreInput(spec: string): Promise<{ events: AsyncIterable<FootfallEvent>; close(): Promise<void> }> {
  let openStore: ((spec: string) => Promise<{ scan(): AsyncIterable<FootfallEvent>; close(): Promise<void> }>) | undefined;
  try {
    ({ openStore } = (await import('@footfall/collector')) as { openStore?: typeof openStore });
  } catch (error) {
    throw new InputError(`${spec}: reading a store needs @footfall/collector, which could not be loaded (${(error as Error).message}); install it or export the events to NDJSON`);
  }
  if (typeof openStore !== 'function') throw new InputError(`${spec}: this build of @footfall/collector cannot open stores; update it or export the events to NDJSON`);
  let store;
  try {
    store = await openStore(spec);
  } catch (error) {
    throw new InputError(`${spec}: cannot open the store (${(error as Error).message}); check the path or URL`);
  }
  const s = store;
  return { events: { [Symbol.asyncIterator]: () => s.scan()[Symbol.asyncIterator]() }, close: () => s.close() };
}

/**
 * A progress line on stderr, only when it is a terminal and the input is large (else none, and
 * callers skip formatting their text: the first `toLocaleString` alone costs tens of ms);
 * `undefined` clears it.
 */
function progressLine(io: Io, large: boolean): ((text: string | undefined) => void) | undefined {
  if (!large || !io.stderr.isTTY) return undefined;
  let last = 0;
  let shown = false;
  return (text) => {
    if (text === undefined) {
      if (shown) io.stderr.write('\r\x1b[K');
      shown = false;
      return;
    }
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    shown = true;
    io.stderr.write(`\r\x1b[Kfootfall: ${text}`);
  };
}

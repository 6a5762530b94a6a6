/**
 * `@footfall/node`: the fast way from NDJSON files to analyzer results. Pass 1 parses only the
 * lines that can make a new identity link; pass 2 parses every line once, optionally in worker
 * threads that each take a shard of persons (this thread reads the input once and sends each
 * worker its lines) and whose analyzer states are merged.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { stat } from 'node:fs/promises';
import { idTablesOverlap, parseState, FootfallError, type Analyzer, type FootfallEvent, type NormalizeOptions, type SessionFilterOptions } from '@footfall/core';
import { feedShard, type FileSource } from './reader/feed-shard.js';
import { learnLinks } from './reader/learn-links.js';
import type { AnalyzerRecipe, ShardResult, ShardTask } from './reader/run-shard.js';
import { splitByPerson, type ShardLines } from './reader/split-by-person.js';

export type { AnalyzerRecipe } from './reader/run-shard.js';
import { resolveSources } from './reader/sources.js';
import { stdinCopy } from './reader/stdin-copy.js';
import type { ReadEventsOptions } from './read-events.js';

/** Options of `analyzeFiles`. */
export interface AnalyzeFilesOptions extends ReadEventsOptions, NormalizeOptions {
  /** Keep only the sessions this filter keeps (`keepSessions`). @default every session */
  filter?: SessionFilterOptions;
  /**
   * One recipe per analyzer, in the same order, each making a fresh analyzer equal to that one
   * before any event: with them, pass 2 may run in worker threads, each over a shard of persons,
   * and the shards' states are merged into `analyzers` (equal to one run, docs/internals.md#analyzer-shape).
   * @default none (one thread)
   */
  recipes?: readonly AnalyzerRecipe[];
  /**
   * Worker threads for pass 2 when `recipes` are given and not `strict`; 1 reads in this thread.
   * This thread reads the input once and sends each worker the lines of its shard of persons
   * (placed from their bytes, a small cost next to parsing), so the parse is split across them.
   * @default one per core (at most 4) for inputs of 64 MB and more, else 1
   */
  threads?: number;
  /** Gets the pass and the bytes read so far in it, for progress. */
  onProgress?: (pass: 1 | 2, bytes: number) => void;
}

/** Inputs from this size on use worker threads by default: below it, starting them costs more than it saves. */
const THREADS_FROM_BYTES = 64 * 1024 * 1024;
/** A typical event's bytes in NDJSON (a browser event with its context is 200–400): only to guess how many ids dedupe will hold. */
const BYTES_PER_EVENT = 320;
/** Worker threads by default at most: one reader feeds them all, so more stop paying off. */
const MAX_THREADS = 4;

/**
 * Reads NDJSON input (a file, `.ndjson.gz`, a folder, `-`; as `readEvents`) and adds every
 * normalized event of the sessions `filter` keeps to each analyzer; resolves to the number of
 * events added. The result equals `analyzeStream(readEvents(input), analyzers, options)`, but
 * pass 1 parses only the lines that can make a new identity link, lines are split as bytes, events are
 * normalized in place, and with `recipes` pass 2 runs in worker threads by person shard. Bad lines
 * are reported once each as `file:line: reason`, in file order (`strict` throws at the first).
 *
 * @example
 * ```ts
 * import { analyzeFiles } from '@footfall/node';
 * import { createFunnel } from '@footfall/core';
 * const options = { steps: ['page:/', 'cart:purchase'] };
 * const funnel = createFunnel(options);
 * await analyzeFiles('events.ndjson', [funnel], { recipes: [{ create: 'createFunnel', options }] });
 * funnel.result();
 * ```
 */
export async function analyzeFiles(input: string | readonly string[], analyzers: readonly Analyzer<unknown, unknown>[], options: AnalyzeFilesOptions = {}): Promise<number> {
  const { strict, onProblem, stdin, cwd, filter, recipes, threads, onProgress, ...normalizeOptions } = options;
  const report = onProblem ?? ((message: string) => void process.stderr.write(`${message}\n`));
  const files: FileSource[] = [];
  for (const source of await resolveSources(typeof input === 'string' ? [input] : input, cwd)) {
    const path = source.kind === 'file' ? source.path : await stdinCopy(stdin ?? process.stdin);
    files.push({ path, label: source.kind === 'file' ? source.label : 'stdin' });
  }
  let bytes = 0;
  for (const f of files) bytes += (await stat(f.path)).size;
  const cores = Math.min(MAX_THREADS, availableParallelism());
  const count = strict || !recipes || recipes.length !== analyzers.length ? 1 : Math.max(1, Math.floor(threads ?? (bytes >= THREADS_FROM_BYTES ? cores : 1)));
  const file = count > 1 ? workerFile() : undefined;
  // The workers start now, loading their modules while this thread learns the links.
  const task: ShardTask = { labels: files.map((f) => f.label), filter, normalizeOptions, recipes: recipes!, expectedEvents: Math.ceil(bytes / BYTES_PER_EVENT / count) };
  const workers = file === undefined ? [] : Array.from({ length: count }, () => shardWorker(file, task));
  try {
    // The events that made a link, in order: all a shard needs to learn the same links.
    const links = await learnLinks(files, onProgress && ((b) => onProgress(1, b)));
    if (workers.length) {
      for (const w of workers) w.start(links);
      await splitByPerson(files, links, count, (shard, lines, done) => workers[shard].send(lines, done), onProgress && ((b) => onProgress(2, b)));
      const shards = await Promise.all(workers.map((w) => w.end()));
      if (!idTablesOverlap(shards.flatMap((s) => (s.ids ? [s.ids] : [])))) {
        for (const message of problemsInOrder(shards)) report(message);
        shards.forEach((s) => s.states.forEach((state, i) => analyzers[i].merge(typeof state === 'string' ? parseState(state) : state)));
        return shards.reduce((sum, s) => sum + s.kept, 0);
      }
      // An id held by persons in two shards: dedupe must see them in one run, so read again in this thread.
    }
    const { kept } = await feedShard(files, analyzers, {
      ...normalizeOptions, links, filter, strict, expectedEvents: Math.ceil(bytes / BYTES_PER_EVENT),
      onProblem: (message) => report(message),
      onBytes: onProgress && ((b) => onProgress(2, b)),
    });
    return kept;
  } finally {
    for (const w of workers) void w.worker.terminate();
  }
}

/** The shards' bad lines, in file order. */
function problemsInOrder(shards: ShardResult[]): string[] {
  return shards.flatMap((s) => s.problems).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((p) => p[2]);
}

/** The built worker: beside the entry (`dist/`), above a chunk (`dist/chunks/`), or in `dist/` seen from `src/`; undefined when not built. */
function workerFile(): string | undefined {
  for (const candidate of ['./analyze-worker.js', '../analyze-worker.js', '../dist/analyze-worker.js']) {
    const file = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Batches of lines a worker may have queued before the reader waits for it. */
const QUEUED_BATCHES = 4;

/** A worker thread for one shard, started before the links are known: `start` hands it the links, `send` its lines (resolving once it is not too far behind; `done` is called when the worker has read them), `end` gives its result. */
function shardWorker(file: string, task: ShardTask): { worker: Worker; start(links: readonly FootfallEvent[]): void; send(lines: ShardLines, done: () => void): Promise<void>; end(): Promise<ShardResult> } {
  const worker = new Worker(file, { workerData: task });
  let queued = 0;
  // Each batch's `done`, in the order sent: the worker acknowledges batches in that order.
  const pending: (() => void)[] = [];
  let resume: (() => void) | undefined;
  let failed: Error | undefined;
  let settle!: { resolve(r: ShardResult): void; reject(e: Error): void };
  const result = new Promise<ShardResult>((resolve, reject) => (settle = { resolve, reject }));
  const fail = (error: Error) => {
    failed ??= error;
    settle.reject(failed);
    resume?.();
  };
  worker.on('message', (m: { ack?: true; result?: ShardResult; error?: { code: string; message: string } }) => {
    if (m.ack) {
      queued--;
      pending.shift()?.();
      if (queued < QUEUED_BATCHES) resume?.();
    } else if (m.error) fail(new FootfallError(m.error.code as FootfallError['code'], m.error.message));
    else if (m.result) settle.resolve(m.result);
  });
  worker.once('error', fail);
  worker.once('exit', (code) => fail(new FootfallError('INPUT_UNREADABLE', `a reader thread stopped (exit code ${code}) before it finished; run again, or pass threads: 1`)));
  // Until `end`, a failure (or the exit `finally` causes) is reported by `send`, or nobody's to report.
  result.catch(() => {});
  return {
    worker,
    start: (links) => worker.postMessage({ links }),
    async send(lines, done) {
      if (failed) throw failed;
      queued++;
      pending.push(done);
      worker.postMessage({ lines }, [lines.meta.buffer as ArrayBuffer]);
      while (queued >= QUEUED_BATCHES && !failed) await new Promise<void>((r) => (resume = r));
      resume = undefined;
      if (failed) throw failed;
    },
    end() {
      worker.postMessage({ end: true });
      return result;
    },
  };
}

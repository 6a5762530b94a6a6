/**
 * Several files read as one input, merged by `ts` (docs/events.md#files-ndjson): each file is read in
 * order, and the next line handed on is always the one with the smallest `ts` among the files'
 * next lines (ties: the earlier file first). Each file must be in time order (at least within
 * each person) for the merge to be; a backend's orders or an ESP's export then interleave with the
 * browser's events as they happened, whatever order the files are named in.
 */
import { eachLine, fileChunks } from './file-chunks.js';

/** One file to read: its path and the name problems give it. */
export interface MergeSource {
  path: string;
  label: string;
}

/**
 * Lines handed on together: line `k` is `chunk[k]` from `start[k]` to `end[k]`, line number
 * `line[k]` of file `file[k]`. The arrays are reused: read a batch before asking for the next.
 */
export interface LineBatch {
  n: number;
  chunk: Buffer[];
  start: number[];
  end: number[];
  file: number[];
  line: number[];
}

/** Lines per batch of a merge. */
const BATCH_LINES = 4096;

/** Memory the readers of a merge share: each file reads at most this divided by the files, from 64 KiB to 4 MiB. */
const MERGE_READ_BYTES = 64 << 20;

const TS = Buffer.from('"ts"');

/**
 * The top-level `ts` of a line, or `undefined` when it has none that is a number. Read from the
 * bytes when no object, array or escape comes before the key (so it is the event's own), else by
 * `JSON.parse`.
 */
export function lineTs(b: Buffer, start: number, end: number): number | undefined {
  const at = b.indexOf(TS, start);
  if (at >= 0 && at < end) {
    let plain = true;
    for (let i = start + 1; i < at; i++) {
      const c = b[i];
      if (c === 123 || c === 91 || c === 92) {
        plain = false;
        break;
      }
    }
    if (plain) {
      let i = at + 4;
      while (i < end && (b[i] === 32 || b[i] === 9)) i++;
      if (b[i] !== 58) return undefined;
      i++;
      while (i < end && (b[i] === 32 || b[i] === 9)) i++;
      const from = i;
      while (i < end && b[i] !== 44 && b[i] !== 125 && b[i] !== 32) i++;
      const n = Number(b.toString('latin1', from, i));
      return from < i && Number.isFinite(n) ? n : undefined;
    }
  } else if (b.indexOf(92, start) < 0 || b.indexOf(92, start) >= end) {
    // No `"ts"` bytes and no escape that could spell it: no ts.
    return undefined;
  }
  try {
    const v = JSON.parse(b.toString('utf8', start, end)) as { ts?: unknown } | null;
    return v !== null && typeof v === 'object' && typeof v.ts === 'number' && Number.isFinite(v.ts) ? v.ts : undefined;
  } catch {
    return undefined;
  }
}

interface Cursor {
  file: number;
  chunks: AsyncIterator<Buffer>;
  chunk: Buffer;
  starts: number[];
  ends: number[];
  /** Index of the current line in the chunk. */
  i: number;
  /** Line number of the current line in its file. */
  line: number;
  /** Sort key of the current line: its `ts`, else the previous line's (a line without one stays where it is in its file). */
  ts: number;
}

/** Loads the next chunk with lines; false at the end of the file. */
async function nextChunk(c: Cursor, onBytes: (n: number) => void): Promise<boolean> {
  for (;;) {
    const next = await c.chunks.next();
    if (next.done) return false;
    onBytes(next.value.length);
    c.chunk = next.value;
    c.starts.length = 0;
    c.ends.length = 0;
    eachLine(c.chunk, (s, e) => (c.starts.push(s), c.ends.push(e)));
    c.i = 0;
    if (c.starts.length) return true;
  }
}

const key = (c: Cursor) => {
  const ts = lineTs(c.chunk, c.starts[c.i], c.ends[c.i]);
  if (ts !== undefined) c.ts = ts;
};

/**
 * Every line of `files` in batches, merged by `ts` as this module describes (one file: its lines
 * in order, a batch per read). `onBytes` gets the bytes read so far.
 *
 * @example
 * ```ts
 * for await (const b of mergeByTs(files)) for (let k = 0; k < b.n; k++) handle(b.chunk[k].toString('utf8', b.start[k], b.end[k]));
 * ```
 */
export async function* mergeByTs(files: readonly MergeSource[], onBytes?: (bytes: number) => void): AsyncGenerator<LineBatch, void, undefined> {
  let bytes = 0;
  const counted = (n: number) => {
    bytes += n;
    onBytes?.(bytes);
  };
  const batch: LineBatch = { n: 0, chunk: [], start: [], end: [], file: [], line: [] };
  const add = (chunk: Buffer, start: number, end: number, file: number, line: number) => {
    const k = batch.n++;
    batch.chunk[k] = chunk;
    batch.start[k] = start;
    batch.end[k] = end;
    batch.file[k] = file;
    batch.line[k] = line;
  };
  if (files.length === 1) {
    let line = 0;
    for await (const chunk of fileChunks(files[0].path, files[0].label)) {
      batch.n = 0;
      eachLine(chunk, (start, end) => add(chunk, start, end, 0, ++line));
      yield batch;
      counted(chunk.length);
    }
    return;
  }
  const readBytes = Math.max(64 << 10, Math.min(4 << 20, Math.floor(MERGE_READ_BYTES / Math.max(1, files.length))));
  const heap: Cursor[] = [];
  const less = (a: Cursor, b: Cursor) => a.ts < b.ts || (a.ts === b.ts && a.file < b.file);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) return;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  const cursors: Cursor[] = files.map((f, file) => ({
    file, chunks: fileChunks(f.path, f.label, readBytes)[Symbol.asyncIterator](), chunk: Buffer.alloc(0), starts: [], ends: [], i: 0, line: 1, ts: -Infinity,
  }));
  try {
    for (const c of cursors) {
      if (!(await nextChunk(c, counted))) continue;
      key(c);
      heap.push(c);
      up(heap.length - 1);
    }
    batch.n = 0;
    while (heap.length) {
      const c = heap[0];
      add(c.chunk, c.starts[c.i], c.ends[c.i], c.file, c.line);
      c.line++;
      c.i++;
      if (c.i >= c.starts.length) {
        // The batch may hold lines of this chunk: hand it on before the chunk is replaced.
        if (batch.n) (yield batch), (batch.n = 0);
        if (!(await nextChunk(c, counted))) {
          const last = heap.pop()!;
          if (heap.length) (heap[0] = last), down(0);
          continue;
        }
      } else if (batch.n >= BATCH_LINES) (yield batch), (batch.n = 0);
      key(c);
      down(0);
    }
    if (batch.n) yield batch;
  } finally {
    await Promise.all(cursors.map((c) => c.chunks.return?.()));
  }
}

/**
 * The splitter of threaded pass 2: reads the input once, merged by `ts`, places every line on
 * its person's shard from the bytes of its `anonymousId` and `userId` (`lineKeyReader`,
 * `lineSlicer`; a line whose keys only `JSON.parse` can tell is parsed), and hands each shard
 * its lines in shared memory (one file is read straight into it; the lines of several files are
 * copied into it per batch), so that each worker parses only its own lines and no line is
 * scanned twice.
 */
import { identityLinks, parseEventLine, type FootfallEvent } from '@footfall/core';
import type { FileSource } from './feed-shard.js';
import { lineKeyReader, noLineKeys } from './line-keys.js';
import { lineSlicer } from './line-slice.js';
import { eachLine, fileChunks, type ReadMemory } from './file-chunks.js';
import { mergeByTs } from './merge-by-ts.js';

/** Shared memory is taken in pieces of at least this size (a read, `fileChunks`), so that any batch fits in one reused. */
const POOLED_BYTES = 4 << 20;

/**
 * One shard's lines of one batch: line `k` is `pieces[meta[5k]]` from `meta[5k+1]` to
 * `meta[5k+2]`, line number `meta[5k+4]` of file `meta[5k+3]`. The pieces are shared memory,
 * the same for every shard of the batch (copied once from the read chunks); `meta` is the
 * shard's own, to be transferred to its worker.
 */
export interface ShardLines {
  pieces: Uint8Array[];
  meta: Int32Array;
}

/**
 * Reads `files` once and calls `send(shard, lines, done)` with each shard's lines of each batch,
 * in input order (awaiting it: the way to hold the reading back while a worker is behind); the
 * receiver calls `done()` once it no longer reads `lines.pieces`, so that their shared memory
 * can hold a later batch. Lines that are no event of a person (blank, not JSON, invalid, no id)
 * go to shard 0.
 */
export async function splitByPerson(files: readonly FileSource[], links: readonly FootfallEvent[], count: number, send: (shard: number, lines: ShardLines, done: () => void) => Promise<void>, onBytes?: (bytes: number) => void): Promise<void> {
  // Shared memory of batches every receiver is done with, reused: allocating fresh memory (and faulting its pages in) per batch cost more than copying the lines.
  const free: SharedArrayBuffer[] = [];
  const sharedMemory = (bytes: number): SharedArrayBuffer => {
    const i = free.findIndex((m) => m.byteLength >= bytes);
    return i >= 0 ? free.splice(i, 1)[0] : new SharedArrayBuffer(Math.max(bytes, POOLED_BYTES));
  };
  const shared = (bytes: number): Uint8Array => new Uint8Array(sharedMemory(bytes), 0, bytes);
  // One file is read straight into the pool's shared memory (`ReadMemory`): its batches' lines are sent where they were read, uncopied.
  const memory: ReadMemory = {
    take(bytes) {
      const m = sharedMemory(bytes);
      return Buffer.from(m, 0, m.byteLength);
    },
    give: (buffer) => void free.push(buffer.buffer as SharedArrayBuffer),
  };
  const identity = identityLinks();
  for (const e of links) identity.learn(e);
  const slice = lineSlicer(identity, count);
  const reader = lineKeyReader();
  const keys = noLineKeys();
  /** The shard of the line `chunk[start..end)`. */
  const place = (chunk: Buffer, start: number, end: number): number => {
    if (reader.read(chunk, start, end, keys)) return slice.line(chunk, keys);
    const parsed = parseEventLine(chunk.toString('utf8', start, end));
    return parsed?.ok ? slice.person(identity.personOf(parsed.event)) : 0;
  };
  /** Sends each shard its lines of one batch; the pieces return to the pool once each shard sent them is done. */
  const sendBatch = (pieces: Uint8Array[], metas: Int32Array[]): Promise<unknown> => {
    let holders = metas.filter((meta) => meta.length).length;
    const done = () => {
      if (--holders <= 0) for (const piece of pieces) free.push(piece.buffer as SharedArrayBuffer);
    };
    if (holders === 0) done();
    return Promise.all(metas.map((meta, s) => (meta.length ? send(s, { pieces, meta }, done) : undefined)));
  };
  if (files.length === 1) {
    // One file, in order: each read chunk is one batch, its lines placed and listed per shard in one walk.
    const lists = Array.from({ length: count }, () => new Int32Array(5 << 12));
    const n = new Int32Array(count);
    let line = 0;
    let bytes = 0;
    for await (const chunk of fileChunks(files[0].path, files[0].label, undefined, memory)) {
      n.fill(0);
      eachLine(chunk, (start, end) => {
        const s = place(chunk, start, end);
        const m = 5 * n[s]++;
        let list = lists[s];
        if (m === list.length) {
          const grown = new Int32Array(2 * m);
          grown.set(list);
          list = lists[s] = grown;
        }
        list[m] = 0;
        list[m + 1] = start;
        list[m + 2] = end;
        list[m + 3] = 0;
        list[m + 4] = ++line;
      });
      bytes += chunk.length;
      onBytes?.(bytes);
      // Read into the pool's memory (`ReadMemory`): sent where it was read, uncopied.
      await sendBatch([new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)], lists.map((list, s) => list.slice(0, 5 * n[s])));
    }
    return;
  }
  let shardOf = new Int32Array(1 << 16);
  let pieceOf = new Int32Array(1 << 16);
  const lines = new Int32Array(count);
  for await (const b of mergeByTs(files, onBytes)) {
    lines.fill(0);
    if (shardOf.length < b.n) (shardOf = new Int32Array(b.n)), (pieceOf = new Int32Array(b.n));
    // The batch's lines of each read chunk are consecutive in it: one piece of shared memory per chunk.
    const chunks: Buffer[] = [];
    const from: number[] = [];
    const to: number[] = [];
    for (let k = 0; k < b.n; k++) {
      const chunk = b.chunk[k];
      let p = chunks.length - 1;
      while (p >= 0 && chunks[p] !== chunk) p--;
      if (p < 0) (p = chunks.push(chunk) - 1), from.push(b.start[k]), to.push(b.end[k]);
      else to[p] = b.end[k];
      pieceOf[k] = p;
      const s = place(chunk, b.start[k], b.end[k]);
      shardOf[k] = s;
      lines[s]++;
    }
    // Several files are read into reused memory: their lines are copied into the pool's.
    const pieces = chunks.map((chunk, p) => {
      const piece = shared(to[p] - from[p]);
      piece.set(chunk.subarray(from[p], to[p]));
      return piece;
    });
    const metas = Array.from({ length: count }, (_, s) => new Int32Array(5 * lines[s]));
    const n = new Int32Array(count);
    for (let k = 0; k < b.n; k++) {
      const s = shardOf[k];
      const p = pieceOf[k];
      const meta = metas[s];
      const m = 5 * n[s]++;
      meta[m] = p;
      meta[m + 1] = b.start[k] - from[p];
      meta[m + 2] = b.end[k] - from[p];
      meta[m + 3] = b.file[k];
      meta[m + 4] = b.line[k];
    }
    await sendBatch(pieces, metas);
  }
}

/**
 * The splitter of threaded pass 2: reads the input once, merged by `ts`, places every line on
 * its person's shard from the bytes of its `anonymousId` and `userId` (`lineKeyReader`,
 * `lineSlicer`; a line whose keys only `JSON.parse` can tell is parsed), and hands each shard
 * its lines, copied into one buffer per batch, so that each worker parses only its own lines and
 * no line is scanned twice.
 */
import { identityLinks, parseEventLine, personSlice, type FootfallEvent } from '@footfall/core';
import type { FileSource } from './feed-shard.js';
import { lineKeyReader, noLineKeys } from './line-keys.js';
import { lineSlicer } from './line-slice.js';
import { mergeByTs } from './merge-by-ts.js';

/**
 * One shard's lines of one batch: line `k` is `bytes[meta[4k] .. meta[4k+1])`, line number
 * `meta[4k+3]` of file `meta[4k+2]`. Both buffers are fresh, to be transferred to a worker.
 */
export interface ShardLines {
  bytes: Uint8Array;
  meta: Int32Array;
}

/**
 * Reads `files` once and calls `send(shard, lines)` with each shard's lines of each batch, in
 * input order (awaiting it: the way to hold the reading back while a worker is behind). Lines
 * that are no event of a person (blank, not JSON, invalid, no id) go to shard 0.
 */
export async function splitByPerson(files: readonly FileSource[], links: readonly FootfallEvent[], count: number, send: (shard: number, lines: ShardLines) => Promise<void>, onBytes?: (bytes: number) => void): Promise<void> {
  const identity = identityLinks();
  for (const e of links) identity.learn(e);
  const slice = lineSlicer(identity, count);
  const reader = lineKeyReader();
  const keys = noLineKeys();
  let shardOf = new Int32Array(1 << 16);
  const lines = new Int32Array(count);
  const sizes = new Float64Array(count);
  for await (const b of mergeByTs(files, onBytes)) {
    lines.fill(0);
    sizes.fill(0);
    if (shardOf.length < b.n) shardOf = new Int32Array(b.n);
    for (let k = 0; k < b.n; k++) {
      const chunk = b.chunk[k];
      let s: number;
      if (reader.read(chunk, b.start[k], b.end[k], keys)) s = slice(chunk, keys);
      else {
        const parsed = parseEventLine(chunk.toString('utf8', b.start[k], b.end[k]));
        s = parsed?.ok ? personSlice(identity.personOf(parsed.event), count) : 0;
      }
      shardOf[k] = s;
      lines[s]++;
      sizes[s] += b.end[k] - b.start[k];
    }
    const out: ShardLines[] = Array.from({ length: count }, (_, s) => ({ bytes: new Uint8Array(sizes[s]), meta: new Int32Array(4 * lines[s]) }));
    const at = new Float64Array(count);
    const n = new Int32Array(count);
    for (let k = 0; k < b.n; k++) {
      const s = shardOf[k];
      const o = out[s];
      const from = at[s];
      b.chunk[k].copy(o.bytes, from, b.start[k], b.end[k]);
      at[s] = from + b.end[k] - b.start[k];
      const m = 4 * n[s]++;
      o.meta[m] = from;
      o.meta[m + 1] = at[s];
      o.meta[m + 2] = b.file[k];
      o.meta[m + 3] = b.line[k];
    }
    await Promise.all(out.map((o, s) => (o.meta.length ? send(s, o) : undefined)));
  }
}

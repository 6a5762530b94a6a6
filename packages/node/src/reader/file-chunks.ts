/** Streams one NDJSON file (plain or gzip, detected by its magic bytes) as byte chunks that end at line boundaries. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { unreadable } from './sources.js';

/** Bytes read at a time: large reads keep the per-chunk cost small against the per-line cost. */
const READ_BYTES = 4 << 20;

async function isGzip(path: string): Promise<boolean> {
  const fd = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fd.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await fd.close();
  }
}

/**
 * The bytes of a file in chunks that each end just after a `\n` (the last chunk may end
 * without one). A line never spans two chunks, and `\n` never occurs inside a UTF-8
 * multi-byte sequence, so each line decodes on its own. Holds one read (`readBytes`) and one partial line.
 */
export async function* fileChunks(path: string, label = path, readBytes = READ_BYTES): AsyncGenerator<Buffer, void, undefined> {
  let gzip: boolean;
  try {
    gzip = await isGzip(path);
  } catch (error) {
    throw unreadable(label, error);
  }
  const raw = createReadStream(path, { highWaterMark: readBytes });
  let bytes: NodeJS.ReadableStream = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    bytes = raw.pipe(gunzip);
  }
  // The start of a line that spans reads, in pieces: joined once, when its newline arrives.
  let rest: Buffer[] = [];
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      let from = 0;
      if (rest.length) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          rest.push(chunk);
          continue;
        }
        rest.push(chunk.subarray(0, nl + 1));
        yield Buffer.concat(rest);
        rest = [];
        from = nl + 1;
      }
      const end = chunk.lastIndexOf(10) + 1;
      if (end > from) yield chunk.subarray(from, end);
      if (end < chunk.length) rest.push(chunk.subarray(Math.max(from, end)));
    }
  } catch (error) {
    throw unreadable(label, error);
  } finally {
    raw.destroy();
    if (bytes !== raw) (bytes as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
  if (rest.length) yield Buffer.concat(rest);
}

/**
 * Calls `line(start, end)` for each line of a chunk from `fileChunks` (`\n` or `\r\n` endings,
 * `end` before them). Lines are split as bytes and decoded one by one: a line of ASCII then
 * stays a one-byte string even when other lines of the chunk are not ASCII.
 */
export function eachLine(chunk: Buffer, line: (start: number, end: number) => void): void {
  const n = chunk.length;
  for (let start = 0; start < n; ) {
    let nl = chunk.indexOf(10, start);
    if (nl < 0) nl = n;
    line(start, nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl);
    start = nl + 1;
  }
}

/** Streams one NDJSON file (plain or gzip, detected by its magic bytes) as byte chunks that end at line boundaries. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { FootfallError } from '@footfall/core';
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
 * A plain file's bytes, read into two buffers in turn: fresh memory per read (zeroed and
 * faulted in by the system) cost several times the read itself, and the next read runs while
 * the caller works on this one. A chunk is overwritten by the read after next, which starts
 * when the caller asks for the next chunk.
 */
async function* reusedReads(path: string, readBytes: number): AsyncGenerator<Buffer, void, undefined> {
  const fd = await open(path, 'r');
  const buffers = [Buffer.allocUnsafeSlow(readBytes), Buffer.allocUnsafeSlow(readBytes)];
  let position = 0;
  /** Fills `buffer` with the file from byte `at` on (fewer bytes only at its end). */
  const fill = async (buffer: Buffer, at: number): Promise<number> => {
    let filled = 0;
    while (filled < readBytes) {
      const { bytesRead } = await fd.read(buffer, filled, readBytes - filled, at + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled;
  };
  let next: Promise<number> | undefined = fill(buffers[0], 0);
  try {
    for (let turn = 0; next; turn ^= 1) {
      const filled: number = await next;
      position += filled;
      // The read after this one, into the other buffer, while the caller works on this one (its failure is met when awaited).
      next = filled < readBytes ? undefined : fill(buffers[turn ^ 1], position);
      next?.catch(() => {});
      if (filled > 0) yield buffers[turn].subarray(0, filled);
    }
  } finally {
    // A read still running (the caller stopped early) must end before the file closes.
    await next?.catch(() => 0);
    await fd.close();
  }
}

/**
 * Memory a reader reads into when its chunks must outlive the next read (`fileChunks`): `take`
 * gives a buffer of at least `bytes` bytes, which the reader fills and never reuses; `give`
 * takes back one the reader did not yield a chunk of. The caller recycles the buffers of the
 * chunks it was given once done with them.
 */
export interface ReadMemory {
  take(bytes: number): Buffer;
  give(buffer: Buffer): void;
}

/**
 * A plain file's bytes read into `memory`, each read already cut at its last `\n`: the partial
 * line after it is copied to the start of the next buffer, before the next read (which runs
 * while the caller works on this chunk) fills the rest. So each buffer holds exactly one chunk
 * and no chunk is copied.
 */
async function* ownedReads(path: string, readBytes: number, memory: ReadMemory): AsyncGenerator<Buffer, void, undefined> {
  const fd = await open(path, 'r');
  let position = 0;
  /** Reads into `buffer` after its first `from` bytes (a carried partial line) until it is full or the file ends; resolves to the bytes it holds. */
  const fill = async (buffer: Buffer, from: number): Promise<number> => {
    let filled = from;
    while (filled < buffer.length) {
      const { bytesRead } = await fd.read(buffer, filled, buffer.length - filled, position);
      if (bytesRead === 0) break;
      filled += bytesRead;
      position += bytesRead;
    }
    return filled;
  };
  let buffer: Buffer | undefined = memory.take(readBytes);
  let next: Promise<number> | undefined = fill(buffer, 0);
  try {
    while (next) {
      const current: Buffer = buffer!;
      const held: number = await next;
      const full = held === current.length;
      const end = full ? current.lastIndexOf(10) + 1 : held;
      // The next read starts after the partial line this one ends with (all of it, when it holds no `\n`).
      if (full) {
        const carried = current.length - end;
        // The same size each time (so that recycled buffers fit), unless a long line needs more.
        buffer = memory.take(Math.max(readBytes, 2 * carried));
        current.copy(buffer, 0, end);
        next = fill(buffer, carried);
        // Its failure is met when it is awaited; until then (the caller may wait long for workers) it must not count as unhandled.
        next.catch(() => {});
      } else (buffer = undefined), (next = undefined);
      if (end > 0) yield current.subarray(0, end);
      else memory.give(current);
    }
  } finally {
    // A read still running (the caller stopped early) must end before the file closes; its buffer was never yielded.
    if (next) {
      await next.catch(() => 0);
      memory.give(buffer!);
    }
    await fd.close();
  }
}

/**
 * The bytes of a file in chunks that each end just after a `\n` (the last chunk may end
 * without one). A line never spans two chunks, and `\n` never occurs inside a UTF-8
 * multi-byte sequence, so each line decodes on its own. Holds one read (`readBytes`) and one
 * partial line. **A chunk is valid until the next one is asked for**: its memory is reused, so
 * copy what must outlive it; unless `memory` is given, in which case a plain file's chunks
 * are read into buffers it gives and stay valid until the caller recycles them (`ReadMemory`),
 * and a gzip file's are copied into one each.
 */
export async function* fileChunks(path: string, label = path, readBytes = READ_BYTES, memory?: ReadMemory): AsyncGenerator<Buffer, void, undefined> {
  let gzip: boolean;
  try {
    gzip = await isGzip(path);
  } catch (error) {
    throw unreadable(label, error);
  }
  if (memory) {
    try {
      if (!gzip) return yield* ownedReads(path, readBytes, memory);
      for await (const chunk of fileChunks(path, label, readBytes)) {
        const owned = memory.take(chunk.length);
        chunk.copy(owned);
        yield owned.subarray(0, chunk.length);
      }
      return;
    } catch (error) {
      throw error instanceof FootfallError ? error : unreadable(label, error);
    }
  }
  let raw: ReturnType<typeof createReadStream> | undefined;
  let bytes: AsyncIterable<Buffer>;
  if (gzip) {
    raw = createReadStream(path, { highWaterMark: readBytes });
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    bytes = raw.pipe(gunzip);
  } else bytes = reusedReads(path, readBytes);
  // The start of a line that spans reads, in pieces: joined once, when its newline arrives.
  let rest: Buffer[] = [];
  try {
    for await (const chunk of bytes) {
      let from = 0;
      if (rest.length) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          rest.push(Buffer.from(chunk));
          continue;
        }
        rest.push(chunk.subarray(0, nl + 1));
        yield Buffer.concat(rest);
        rest = [];
        from = nl + 1;
      }
      const end = chunk.lastIndexOf(10) + 1;
      if (end > from) yield chunk.subarray(from, end);
      // Copied: the next read reuses this memory.
      if (end < chunk.length) rest.push(Buffer.from(chunk.subarray(Math.max(from, end))));
    }
  } catch (error) {
    throw unreadable(label, error);
  } finally {
    if (raw) {
      raw.destroy();
      (bytes as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
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

/** Streams one NDJSON file (plain or gzip, detected by its magic bytes) line by line. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { splitLines } from '@footfall/core';
import { unreadable } from './sources.js';

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

/** The lines of a file, decoded as UTF-8; never holds more than one chunk and one partial line. */
export async function* fileLines(path: string, label = path): AsyncGenerator<string, void, undefined> {
  let gzip: boolean;
  try {
    gzip = await isGzip(path);
  } catch (error) {
    throw unreadable(label, error);
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  let text: NodeJS.ReadableStream = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    text = raw.pipe(gunzip);
  }
  text.setEncoding('utf8');
  try {
    yield* splitLines(text as AsyncIterable<string>);
  } catch (error) {
    throw unreadable(label, error);
  } finally {
    raw.destroy();
    if (text !== raw) (text as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

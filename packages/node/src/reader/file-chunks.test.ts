import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileChunks, type ReadMemory } from './file-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-chunks-'));

/** Memory that records what it gave and took back. */
function trackedMemory() {
  const out = new Set<Buffer>();
  const memory: ReadMemory = {
    take(bytes) {
      const b = Buffer.alloc(bytes);
      out.add(b);
      return b;
    },
    give(buffer) {
      expect(out.delete(buffer)).toBe(true);
    },
  };
  return { memory, out };
}

async function chunksOf(path: string, readBytes: number, memory?: ReadMemory): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  // Copied only without `memory`, whose chunks must stay as they were read until recycled.
  for await (const c of fileChunks(path, 'test', readBytes, memory)) chunks.push(memory ? c : Buffer.from(c));
  return chunks;
}

describe('fileChunks into given memory (ReadMemory)', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `{"i":${i},"pad":"${'x'.repeat((i * 37) % 150)}"}`);
  // A line longer than a read, and a last line without a newline.
  lines[120] = `{"long":"${'y'.repeat(700)}"}`;
  const text = `${lines.join('\n')}\n{"last":true}`;
  const plain = join(dir, 'plain.ndjson');
  writeFileSync(plain, text);
  const gz = join(dir, 'plain.ndjson.gz');
  writeFileSync(gz, gzipSync(text));

  it('gives the same lines as reused reads, each chunk whole lines in a buffer of its own, every other buffer given back', async () => {
    for (const readBytes of [64, 256, 1000, 1 << 16]) {
      const { memory, out } = trackedMemory();
      const owned = await chunksOf(plain, readBytes, memory);
      expect(Buffer.concat(owned).toString()).toBe(text);
      expect(Buffer.concat(await chunksOf(plain, readBytes)).toString()).toBe(text);
      for (const c of owned.slice(0, -1)) expect(c[c.length - 1]).toBe(10);
      // One buffer per chunk, never shared: what is still out is exactly the chunks' buffers.
      expect(new Set(owned.map((c) => c.buffer)).size).toBe(owned.length);
      expect(out.size).toBe(owned.length);
      for (const c of owned) expect([...out].some((b) => b.buffer === c.buffer)).toBe(true);
    }
  });

  it('copies a gzip file into the memory too', async () => {
    const { memory, out } = trackedMemory();
    const owned = await chunksOf(gz, 256, memory);
    expect(Buffer.concat(owned).toString()).toBe(text);
    expect(out.size).toBe(owned.length);
  });

  it('gives back the buffer of a read still running when the caller stops early', async () => {
    const { memory, out } = trackedMemory();
    const chunks = fileChunks(plain, 'test', 256, memory);
    const first = await chunks.next();
    expect(first.done).toBe(false);
    await chunks.return(undefined);
    expect(out.size).toBe(1);
    expect([...out][0].buffer).toBe((first.value as Buffer).buffer);
  });
});

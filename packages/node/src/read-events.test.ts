import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FootfallError, type FootfallEvent } from '@footfall/core';
import { readEvents } from './read-events.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-read-'));
const line = (id: string, ts = 1) => JSON.stringify({ id, type: 'page', ts, anonymousId: 'a', url: 'https://shop.test/' });
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
async function collect(events: AsyncIterable<FootfallEvent>): Promise<string[]> {
  const ids: string[] = [];
  for await (const e of events) ids.push(e.id);
  return ids;
}

describe('readEvents', () => {
  it('reads an NDJSON file line by line, skipping blank lines and CRLF endings', async () => {
    const path = write('a.ndjson', `${line('1')}\r\n\n${line('2')}\n${line('3')}`);
    expect(await collect(readEvents(path))).toEqual(['1', '2', '3']);
  });
  it('reads gzip files (detected by content, not just the name)', async () => {
    const path = write('b.ndjson.gz', gzipSync(`${line('g1')}\n${line('g2')}\n`));
    expect(await collect(readEvents(path))).toEqual(['g1', 'g2']);
  });
  it('reads a folder: its .ndjson and .ndjson.gz files, recursively, in name order', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(join(folder, 'z'), { recursive: true });
    writeFileSync(join(folder, '2.ndjson'), `${line('f2')}\n`);
    writeFileSync(join(folder, '1.ndjson.gz'), gzipSync(`${line('f1')}\n`));
    writeFileSync(join(folder, 'z', '3.ndjson'), `${line('f3')}\n`);
    writeFileSync(join(folder, 'notes.txt'), 'not events');
    expect(await collect(readEvents(folder))).toEqual(['f1', 'f2', 'f3']);
  });
  it('reports a bad line as file:line: reason and skips it', async () => {
    const path = write('bad.ndjson', `${line('1')}\n{oops\n${JSON.stringify({ id: 'x', type: 'page', ts: '5', anonymousId: 'a', url: '/' })}\n${line('2')}\n`);
    const problems: string[] = [];
    expect(await collect(readEvents(path, { onProblem: (m) => problems.push(m) }))).toEqual(['1', '2']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON`));
    expect(problems[1]).toBe(`${path}:3: ts: expected integer, got "5"`);
  });
  it('--strict: the first bad line throws FootfallError with that line', async () => {
    const path = write('strict.ndjson', `${line('1')}\n{"id":"x","type":"nope"}\n`);
    const err = await collect(readEvents(path, { strict: true })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FootfallError);
    expect((err as FootfallError).code).toBe('INVALID_EVENT');
    expect((err as FootfallError).details[0]).toMatch(/strict\.ndjson:2: type: expected one of/);
    const notJson = write('strict2.ndjson', '{oops\n');
    expect(((await collect(readEvents(notJson, { strict: true })).catch((e: unknown) => e)) as FootfallError).code).toBe('INPUT_UNREADABLE');
  });
  it('a truncated gzip file throws INPUT_UNREADABLE after the lines it could read', async () => {
    const gz = gzipSync(Array.from({ length: 5000 }, (_, i) => line(`t${i}`)).join('\n'));
    const path = write('truncated.ndjson.gz', gz.subarray(0, gz.length - 200));
    const ids: string[] = [];
    const err = await (async () => {
      for await (const e of readEvents(path)) ids.push(e.id);
    })().catch((e: unknown) => e);
    expect((err as FootfallError).code).toBe('INPUT_UNREADABLE');
    expect((err as FootfallError).message).toMatch(/truncated\.ndjson\.gz: cannot read/);
    expect(ids.length).toBeGreaterThan(0);
  });
  it('a folder without event files is INPUT_UNREADABLE', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(((await collect(readEvents(empty)).catch((e: unknown) => e)) as FootfallError).message).toMatch(/holds no \.ndjson or \.ndjson\.gz files/);
  });
  it('a missing input throws INPUT_UNREADABLE saying what to check', async () => {
    const err = (await collect(readEvents(join(dir, 'missing.ndjson'))).catch((e: unknown) => e)) as FootfallError;
    expect(err.code).toBe('INPUT_UNREADABLE');
    expect(err.message).toMatch(/missing\.ndjson: cannot read \(no such file or folder\); check the path/);
  });
  it('resolves relative inputs against cwd and names them as given', async () => {
    write('rel.ndjson', '{oops\n');
    const problems: string[] = [];
    await collect(readEvents('rel.ndjson', { cwd: dir, onProblem: (m) => problems.push(m) }));
    expect(problems[0]).toMatch(/^rel\.ndjson:1: not JSON/);
  });
  it('can be iterated twice, stdin included (copied on the first pass)', async () => {
    const s2 = line('s2');
    const stdin = Readable.from([`${line('s1')}\n${s2.slice(0, 10)}`, `${s2.slice(10)}\n`]);
    const events = readEvents('-', { stdin });
    const first = await collect(events);
    expect(first).toEqual(['s1', 's2']);
    expect(await collect(events)).toEqual(first);
  });
  it('splits lines across chunk boundaries and reads multi-chunk gzip files', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => line(`m${i}`, i)).join('\n');
    const path = write('many.ndjson.gz', gzipSync(many));
    const ids = await collect(readEvents(path));
    expect(ids.length).toBe(20_000);
    expect(ids[19_999]).toBe('m19999');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Analyzer, NormalizedEvent } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { InputError } from './command.js';
import { feed } from './input.js';
import { fakeIo } from '../test/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-feed-'));
const line = (id: string, anonymousId: string, ts: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'page', ts, anonymousId, url: 'https://shop.test/', ...extra });

const testIo = (stdin?: NodeJS.ReadableStream) => fakeIo(dir, stdin);
function recorder(): Analyzer<NormalizedEvent[], NormalizedEvent[]> & { seen: NormalizedEvent[] } {
  const seen: NormalizedEvent[] = [];
  return { seen, state: seen, add: (e) => void seen.push(e), merge() { return this; }, result: () => seen };
}

describe('feed', () => {
  const text = [line('1', 'a1', 1000), '{broken', line('2', 'a1', 2000), line('2', 'a1', 2000), JSON.stringify({ id: 'i', type: 'identify', ts: 3000, anonymousId: 'a1', userId: 'u1', url: 'https://shop.test/' })].join('\n');
  writeFileSync(join(dir, 'in.ndjson'), text);

  it('normalizes in two passes: the earlier anonymous events belong to the identified user', async () => {
    const io = testIo();
    const a = recorder();
    const b = recorder();
    expect(await feed('in.ndjson', io, [a, b])).toEqual({ events: 3, skipped: 1 });
    expect(a.seen.map((e) => [e.id, e.person, e.session])).toEqual([['1', 'u1', 'u1#1'], ['2', 'u1', 'u1#1'], ['i', 'u1', 'u1#1']]);
    expect(b.seen).toHaveLength(3);
  });
  it('warns about each bad line once, as file:line: reason', async () => {
    const io = testIo();
    await feed('in.ndjson', io, [recorder()]);
    expect(io.err().trim().split('\n')).toEqual([expect.stringMatching(/^footfall: in\.ndjson:2: not JSON/)]);
  });
  it('strict: a bad line becomes an InputError', async () => {
    await expect(feed('in.ndjson', testIo(), [recorder()], { strict: true })).rejects.toBeInstanceOf(InputError);
  });
  it('an unreadable input is an InputError naming it', async () => {
    await expect(feed('nope.ndjson', testIo(), [recorder()])).rejects.toThrow(/nope\.ndjson: cannot read/);
  });
  it('reads - from stdin, twice', async () => {
    const a = recorder();
    expect(await feed('-', testIo(Readable.from([`${line('x', 'a', 1)}\n${line('y', 'a', 2)}\n`])), [a])).toEqual({ events: 2, skipped: 0 });
    expect(a.seen.map((e) => e.id)).toEqual(['x', 'y']);
  });
  it('reads a collector store spec through @footfall/collector', async () => {
    expect(await feed('memory:', testIo(), [recorder()])).toEqual({ events: 0, skipped: 0 });
  });
  it('a name that is neither a file nor a store spec is an InputError', async () => {
    await expect(feed('memory-ish:x', testIo(), [recorder()])).rejects.toThrow(/cannot read/);
  });
  it('filter: keeps whole sessions by their first event, and counts only their events', async () => {
    writeFileSync(join(dir, 'devices.ndjson'), [
      line('m1', 'phone', 1000, { ctx: { vw: 390 } }),
      line('m2', 'phone', 2000, { ctx: { vw: 1440 } }),
      line('d1', 'desk', 1500, { ctx: { vw: 1440 } }),
    ].join('\n'));
    const a = recorder();
    expect(await feed('devices.ndjson', testIo(), [a], { filter: { device: 'mobile' } })).toEqual({ events: 2, skipped: 0 });
    expect(a.seen.map((e) => e.id)).toEqual(['m1', 'm2']);
  });
  it('shows no progress line when stderr is not a terminal', async () => {
    const io = testIo();
    await feed('in.ndjson', io, [recorder()]);
    expect(io.err()).not.toContain('pass 1/2');
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateEvent } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { fakeIo } from '../../test/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-demo-'));

describe('footfall demo', () => {
  it('writes N valid events to --out and prints a JSON summary with --json', async () => {
    const t = fakeIo(dir);
    expect(await main(['demo', '--events', '500', '--seed', '3', '--out', 'shop.ndjson', '--json'], t)).toBe(0);
    expect(JSON.parse(t.out())).toEqual({ events: 500, out: 'shop.ndjson' });
    const lines = readFileSync(join(dir, 'shop.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(lines.every((l) => validateEvent(JSON.parse(l)).ok)).toBe(true);
  });
  it('the same seed writes byte-identical output; another seed differs', async () => {
    const a = fakeIo(dir);
    const b = fakeIo(dir);
    const c = fakeIo(dir);
    await main(['demo', '--events', '300', '--seed', '9'], a);
    await main(['demo', '--events', '300', '--seed', '9'], b);
    await main(['demo', '--events', '300', '--seed', '10'], c);
    expect(a.out()).toBe(b.out());
    expect(a.out()).not.toBe(c.out());
    expect(a.out().trim().split('\n')).toHaveLength(300);
  });
  it('--no-friction plants no rage clicks', async () => {
    const t = fakeIo(dir);
    await main(['demo', '--events', '5000', '--no-friction'], t);
    expect(t.out()).not.toContain('"rage":true');
    const f = fakeIo(dir);
    await main(['demo', '--events', '5000'], f);
    expect(f.out()).toContain('"rage":true');
  });
  it('an --out in a missing folder exits 2 with a clear line', async () => {
    const t = fakeIo(dir);
    expect(await main(['demo', '--events', '10', '--out', 'no/such/folder/x.ndjson'], t)).toBe(2);
    expect(t.err()).toMatch(/no\/such\/folder\/x\.ndjson: cannot write/);
  });
  it('rejects a bad --events with exit code 1', async () => {
    const t = fakeIo(dir);
    expect(await main(['demo', '--events', 'lots'], t)).toBe(1);
    expect(t.err()).toMatch(/--events must be a whole number/);
  });
});

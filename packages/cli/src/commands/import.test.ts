import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '@footfall/collector';
import { validateEvent, type FootfallEvent } from '@footfall/core';
import { main } from '../main.js';
import { fakeIo } from '../../test/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-import-'));
const examples = fileURLToPath(new URL('../../../../examples/integration/', import.meta.url));
const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as FootfallEvent);

/** An orders CSV with a BOM, quoted fields, an embedded newline, and a bad row on line 5. */
const ORDERS = '\uFEFForder_id,customer_id,created_at,total,currency,sku\r\n'
  + 'A-1,user_1,2026-11-22 10:00:00,10.50,EUR,"sock, red"\r\n'
  + 'A-2,user_2,2026-11-22 11:00:00,20,EUR,"fleece\r\n(blue)"\r\n'
  + 'A-3,user_3,2026-11-22 12:00:00,twelve,EUR,hat\r\n'
  + 'A-4,,2026-11-22 13:00:00,5,EUR,cap\r\n'
  + 'A-5,user_5,2026-11-22 14:00:00,7,EUR,"say ""hi"""\r\n';
const ORDERS_MAP = { kind: 'orders', columns: { id: 'order_id', orderId: 'order_id', userId: 'customer_id', ts: 'created_at', value: 'total', currency: 'currency', product: 'sku' } };

describe('footfall import --from segment', () => {
  it('writes byte-identical NDJSON on every run', async () => {
    const a = fakeIo(dir);
    const b = fakeIo(dir);
    expect(await main(['import', join(examples, 'segment-export.ndjson'), '--from', 'segment', '--out', 'a.ndjson', '--json'], a)).toBe(0);
    expect(await main(['import', join(examples, 'segment-export.ndjson'), '--from', 'segment', '--out', 'b.ndjson'], b)).toBe(0);
    expect(JSON.parse(a.out())).toEqual({ records: 19, events: 16, errors: 0, skipped: 3 });
    expect(readFileSync(join(dir, 'a.ndjson'))).toEqual(readFileSync(join(dir, 'b.ndjson')));
    expect(lines('a.ndjson').every((e) => validateEvent(e).ok)).toBe(true);
    // - reads standard input (e.g. zcat export.json.gz | footfall import - …)
    const c = fakeIo(dir, Readable.from([readFileSync(join(examples, 'segment-export.ndjson'))]));
    expect(await main(['import', '-', '--from', 'segment', '--out', 'c.ndjson'], c)).toBe(0);
    expect(readFileSync(join(dir, 'c.ndjson'))).toEqual(readFileSync(join(dir, 'a.ndjson')));
  });
});

describe('footfall import --from csv', () => {
  writeFileSync(join(dir, 'orders.csv'), ORDERS);
  writeFileSync(join(dir, 'orders.map.json'), JSON.stringify(ORDERS_MAP));

  it('imports every good row, names each bad row by its line and why', async () => {
    const t = fakeIo(dir);
    expect(await main(['import', 'orders.csv', '--from', 'csv', '--map', 'orders.map.json', '--out', 'orders.ndjson', '--json'], t)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ events: 3, errors: 2 });
    expect(t.err()).toContain('orders.csv:5: value: expected number, got "twelve"');
    expect(t.err()).toMatch(/orders\.csv:6: anonymousId: required/);
    const events = lines('orders.ndjson');
    expect(events.map((e) => [e.id, e.ts, e.type === 'cart' && e.items?.[0].id])).toEqual([
      ['ord-A-1', Date.parse('2026-11-22T10:00:00Z'), 'sock, red'],
      ['ord-A-2', Date.parse('2026-11-22T11:00:00Z'), 'fleece\r\n(blue)'],
      ['ord-A-5', Date.parse('2026-11-22T14:00:00Z'), 'say "hi"'],
    ]);
  });

  it('--progress reports on stderr; without it and without a terminal, stderr has only the bad rows', async () => {
    const t = fakeIo(dir);
    expect(await main(['import', 'orders.csv', '--from', 'csv', '--map', 'orders.map.json', '--out', 'p.ndjson', '--progress'], t)).toBe(0);
    expect(t.err()).toMatch(/footfall import: done, 3 events from 5 records, 2 bad/);
  });

  it('usage errors: no --from, both --out and --store, csv without --map', async () => {
    for (const argv of [['orders.csv', '--out', 'x'], ['orders.csv', '--from', 'csv', '--map', 'orders.map.json', '--out', 'x', '--store', 'duckdb:x'], ['orders.csv', '--from', 'csv', '--out', 'x']]) {
      const t = fakeIo(dir);
      expect(await main(['import', ...argv], t)).toBe(1);
      expect(t.err()).toMatch(/--from|--out|--map/);
    }
  });

  it('a mapping naming a missing column is a usage error before any row', async () => {
    writeFileSync(join(dir, 'bad.map.json'), JSON.stringify({ kind: 'orders', columns: { orderId: 'nope' } }));
    const t = fakeIo(dir);
    expect(await main(['import', 'orders.csv', '--from', 'csv', '--map', 'bad.map.json', '--out', 'x.ndjson'], t)).toBe(1);
    expect(t.err()).toMatch(/column "nope"/);
  });

  it('every example of docs/integration.md imports without a bad row', async () => {
    for (const kind of ['orders', 'emails', 'tickets', 'reviews', 'adstats']) {
      const t = fakeIo(dir);
      expect(await main(['import', join(examples, `${kind}.csv`), '--from', 'csv', '--map', join(examples, `${kind}.map.json`), '--out', `${kind}.ndjson`], t), t.err()).toBe(0);
      expect(t.err()).toBe('');
      expect(lines(`${kind}.ndjson`).length).toBeGreaterThan(1);
    }
    expect(lines('emails.ndjson').map((e) => e.type === 'email' && e.action)).toEqual(['sent', 'open', 'click', 'sent']);
    expect(lines('reviews.ndjson')[0]).toMatchObject({ type: 'review', rating: 2, text: 'Runs a size small.\nHad to send them back.' });
    expect(lines('adstats.ndjson')[0]).toMatchObject({ type: 'adstats', source: 'google', medium: 'cpc', impressions: 12000, clicks: 480, cost: 312.5 });
  });

  const stores: [string, () => string][] = [['duckdb', () => `duckdb:${join(dir, `twice-${Math.random().toString(36).slice(2)}.duckdb`)}`]];
  const ch = process.env.FOOTFALL_CLICKHOUSE_URL;
  // In CI ClickHouse is required, never skipped (docs/internals.md#build-test-layout).
  if (!ch && process.env.CI === 'true') throw new Error('ClickHouse is required in CI: set FOOTFALL_CLICKHOUSE_URL (.ci/run starts clickhouse-server)');
  if (ch) stores.push(['clickhouse', () => `clickhouse:${ch}#footfall_import_${Math.random().toString(36).slice(2, 10)}`]);
  for (const [name, spec] of stores) {
    it(`importing the same CSV and Segment file twice into ${name} stores nothing twice`, async () => {
      const store = spec();
      for (let run = 0; run < 2; run++) {
        const t = fakeIo(dir);
        expect(await main(['import', 'orders.csv', '--from', 'csv', '--map', 'orders.map.json', '--store', store], t)).toBe(0);
        expect(await main(['import', join(examples, 'segment-export.ndjson'), '--from', 'segment', '--store', store, '--write-key', 'site_abc'], fakeIo(dir))).toBe(0);
      }
      const s = await openStore(store);
      try {
        const ids: string[] = [];
        for await (const e of s.scan()) ids.push(e.id);
        expect(ids.length).toBe(3 + 16);
        expect(new Set(ids).size).toBe(ids.length);
        expect((await s.stats()).events).toBe(19);
        let site = 0;
        for await (const _ of s.scan({ writeKey: 'site_abc' })) site++;
        expect(site).toBe(16);
      } finally {
        await s.close();
      }
    });
  }
});

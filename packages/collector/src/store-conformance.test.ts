import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, createFunnel, createPages } from '@footfall/core';
import { openStore } from './open-store.js';
import { feedStore, runQuery } from './run-query.js';
import { learnLinks, type Store, type StoredEvent } from './store.js';
import { clickHouseUrl } from '../test/clickhouse-url.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-store-'));
const tables: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const t of tables) await fetch(ch!, { method: 'POST', body: `DROP TABLE IF EXISTS ${t}` });
});

const page = (id: string, anonymousId: string, ts: number, path = '/'): StoredEvent => ({
  id, type: 'page', ts, anonymousId, url: `https://shop.test${path}`, writeKey: 'site', receivedAt: ts + 5, clientTs: ts,
});

const ch = await clickHouseUrl();
const specs: [string, () => string][] = [
  ['memory', () => 'memory:'],
  ['duckdb', () => `duckdb:${join(dir, `conformance-${Math.random().toString(36).slice(2)}.duckdb`)}`],
];
if (ch) {
  specs.push(['clickhouse', () => {
    tables.push(`t_conformance_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
    return `clickhouse:${ch}#${tables[tables.length - 1]}`;
  }]);
}

describe.each(specs)('store conformance: %s', (_name, spec) => {
  const open = async (): Promise<Store> => openStore(spec());
  const all = async (store: Store, o = {}) => {
    const out: StoredEvent[] = [];
    for await (const e of store.scan(o)) out.push(e);
    return out;
  };

  it('feeds a retried event to the analyzers once: the scan dedupes, the normalizer does not look again', async () => {
    const store = await open();
    await store.append([page('r1', 'a', 10), page('r2', 'a', 20, '/cart')]);
    await store.append([{ ...page('r1', 'a', 10), receivedAt: 99 }]); // a retry of r1, stored again
    const [pages] = await feedStore(store, [createPages()]);
    expect(pages.result().pages.map((p) => [p.path, p.views])).toEqual([['/', 1], ['/cart', 1]]);
    await store.close();
  });
  it('gives events back in time order, once per id', async () => {
    const store = await open();
    await store.append([page('e3', 'b', 30), page('e1', 'a', 20), page('e2', 'a', 10)]);
    await store.append([page('e1', 'a', 20), page('e4', 'b', 5, '/cart')]); // e1 again: a retry
    const got = await all(store);
    expect(got.map((e) => e.id)).toEqual(['e4', 'e2', 'e1', 'e3']);
    expect(got[0]).toMatchObject({ url: 'https://shop.test/cart', writeKey: 'site', receivedAt: 10, clientTs: 5 });
    expect(await store.stats()).toEqual({ events: 4, persons: 2, firstTs: 5, lastTs: 30 });
    await store.close();
  });

  it('filters by time and write key', async () => {
    const store = await open();
    await store.append([page('x1', 'a', 10), page('x2', 'a', 20), { ...page('x3', 'a', 15), writeKey: 'other' }]);
    expect((await all(store, { from: 11, to: 20 })).map((e) => e.id)).toEqual(['x3', 'x2']);
    expect((await all(store, { writeKey: 'other' })).map((e) => e.id)).toEqual(['x3']);
    await store.close();
  });

  it('splits persons into disjoint partitions that cover every event', async () => {
    const store = await open();
    const events = Array.from({ length: 60 }, (_, i) => page(`p${i}`, `person-${i % 20}`, 1000 + i));
    await store.append(events);
    const parts = await Promise.all([0, 1, 2].map((index) => all(store, { partition: { index, count: 3 } })));
    const persons = parts.map((p) => new Set(p.map((e) => e.anonymousId)));
    expect(parts.flat().map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
    for (const a of persons) for (const b of persons) if (a !== b) expect([...a].filter((x) => b.has(x))).toEqual([]);
    expect(persons.filter((p) => p.size > 0).length).toBeGreaterThan(1);
    await expect(all(store, { partition: { index: 3, count: 3 } })).rejects.toThrow(/partition/);
    await store.close();
  });

  it('keeps a stitched person in one partition: devices follow their identify link', async () => {
    const store = await open();
    const events: StoredEvent[] = [];
    for (let u = 0; u < 12; u++) {
      for (const device of ['phone', 'laptop']) {
        const anonymousId = `${device}-${u}`;
        events.push(page(`${anonymousId}-1`, anonymousId, 100 + u));
        events.push({ id: `${anonymousId}-id`, type: 'identify', ts: 200 + u, anonymousId, userId: `user-${u}`, url: 'https://shop.test/login', writeKey: 'site' });
        events.push(page(`${anonymousId}-2`, anonymousId, 300 + u));
      }
    }
    await store.append(events);
    expect((await all(store, { identified: true })).every((e) => e.type === 'identify')).toBe(true);
    const links = await learnLinks(store);
    expect(links['laptop-3']).toBe('user-3');
    const parts = await Promise.all([0, 1].map((index) => all(store, { partition: { index, count: 2, links } })));
    expect(parts[0].length + parts[1].length).toBe(events.length);
    for (let u = 0; u < 12; u++) {
      const where = parts.map((p) => p.filter((e) => (e.anonymousId ?? '').endsWith(`-${u}`)).length);
      expect(where.sort()).toEqual([0, 6]);
    }
    await store.close();
  });
  it('a person who buys on another device converts over the store as in the core', async () => {
    // The phone browses first; the laptop (device id sorting before the phone's) logs in and buys later.
    const store = await open();
    const events: StoredEvent[] = [
      page('x1', 'zz-phone', 1000, '/product/1'),
      { id: 'x2', type: 'identify', ts: 2000, anonymousId: 'zz-phone', userId: 'u1', url: 'https://shop.test/login', writeKey: 'site' },
      { id: 'x3', type: 'identify', ts: 3000, anonymousId: 'aa-laptop', userId: 'u1', url: 'https://shop.test/login', writeKey: 'site' },
      { id: 'x4', type: 'cart', ts: 4000, anonymousId: 'aa-laptop', url: 'https://shop.test/checkout', action: 'purchase', value: 10, currency: 'EUR', writeKey: 'site' },
    ];
    await store.append(events);
    const query = { name: 'funnel' as const, params: 'step=page:/product/*&step=cart:purchase' };
    const result = (await runQuery(store, query, { partitions: 1 })) as { steps: { count: number }[] };
    expect(result.steps.map((s) => s.count)).toEqual([1, 1]);
    expect(result).toEqual(JSON.parse(JSON.stringify(analyze(events, createFunnel({ steps: ['page:/product/*', 'cart:purchase'] })))));
    await store.close();
  });
  it('a funnel ending in a server-confirmed order counts the person once: browser and server events stored apart (docs/events.md)', async () => {
    const store = await open();
    const browser: StoredEvent[] = [
      page('s1', 'b-dev', 1000),
      { id: 's2', type: 'cart', ts: 1500, anonymousId: 'b-dev', url: 'https://shop.test/product/1', action: 'add', value: 30, currency: 'EUR', writeKey: 'site', receivedAt: 1505, clientTs: 1500 },
      { id: 's3', type: 'identify', ts: 2000, anonymousId: 'b-dev', userId: 'u9', url: 'https://shop.test/login', writeKey: 'site', receivedAt: 2005, clientTs: 2000 },
    ];
    // The backend's copy: a userId alone, no device, sent later with a server key; and another
    // customer's server order with no browser events at all.
    const server: StoredEvent[] = [
      { id: 's4', type: 'cart', ts: 5000, userId: 'u9', action: 'purchase', orderId: 'o1', value: 30, currency: 'EUR', writeKey: 'site', receivedAt: 9000, clientTs: 5000 },
      { id: 's5', type: 'cart', ts: 5100, userId: 'u10', action: 'purchase', orderId: 'o2', value: 12, currency: 'EUR', writeKey: 'site', receivedAt: 9000, clientTs: 5100 },
    ];
    await store.append(server);
    await store.append(browser);
    const steps = ['page:/', 'cart:add', 'cart:purchase'];
    const query = { name: 'funnel' as const, params: steps.map((s) => `step=${s}`).join('&') };
    const result = (await runQuery(store, query, { partitions: 1 })) as { steps: { count: number }[] };
    expect(result.steps.map((s) => s.count)).toEqual([1, 1, 1]);
    expect(result).toEqual(JSON.parse(JSON.stringify(analyze([...browser, ...server], createFunnel({ steps })))));
    await store.close();
  });
});

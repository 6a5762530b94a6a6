import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouseStore } from './clickhouse.js';
import { createDuckDbStore } from './duckdb.js';
import { createMemoryStore } from './memory.js';
import { scheduleRetention } from './retention.js';
import type { Store, StoredEvent } from './store.js';
import { clickHouseUrl } from '../test/clickhouse-url.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-retention-'));
const ch = await clickHouseUrl();
const tables: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const t of tables) await fetch(ch!, { method: 'POST', body: `DROP TABLE IF EXISTS ${t}` });
});

const ev = (id: string, ts: number): StoredEvent => ({ id, type: 'page', ts, anonymousId: 'a', url: 'https://shop.test/', writeKey: 'site', receivedAt: ts, clientTs: ts });
const ids = async (store: Store) => {
  const out: string[] = [];
  for await (const e of store.scan()) out.push(e.id);
  return out;
};
const until = async (check: () => Promise<boolean>, ms = 60_000) => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

const stores: [string, () => Promise<Store>][] = [
  ['memory', async () => createMemoryStore()],
  ['duckdb', () => createDuckDbStore({ path: join(dir, `r-${Math.random().toString(36).slice(2)}.duckdb`) })],
];
if (ch) {
  stores.push(['clickhouse', () => {
    const table = `t_retention_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    tables.push(table);
    return createClickHouseStore({ url: ch, table, oldPartsLifetime: 1 });
  }]);
}

describe.each(stores)('retention schedule: %s', (_name, open) => {
  it('erases what is older than the retention at start, then on every run as time passes', { timeout: 180_000 }, async () => {
    const store = await open();
    let clock = 1_000_000_000;
    await store.append([ev('old', clock - 10_000), ev('edge', clock - 4_000), ev('new', clock)]);
    const runs: number[] = [];
    const retention = scheduleRetention(store, { retentionMs: 5_000, everyMs: 20, now: () => clock, onRun: (r) => runs.push(r.removed) });
    await until(async () => runs.length >= 1);
    expect(runs[0]).toBe(1);
    expect(await ids(store)).toEqual(['edge', 'new']);
    clock += 2_000; // 'edge' is now 6 s old
    await until(async () => (await ids(store)).length === 1);
    expect(await ids(store)).toEqual(['new']);
    await retention.stop();
    expect(await retention.run()).toEqual({ removed: 0 });
    await store.close();
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, createKpis } from '@footfall/core';
import { createDuckDbStore } from './duckdb.js';
import { runQuery } from './run-query.js';
import { shopEvents } from '../test/shop-events.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-duckdb-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files of a DuckDB database as a crash would leave them now (its WAL too), opened as a store. */
function crashCopy(path: string, name: string) {
  const copy = join(dir, name);
  copyFileSync(path, copy);
  if (existsSync(`${path}.wal`)) copyFileSync(`${path}.wal`, `${copy}.wal`);
  return createDuckDbStore({ path: copy });
}

describe('threaded queries over a DuckDB file', () => {
  // DuckDB allows one database per file per process, and its node binding keeps one instance
  // cache per thread: a worker thread that opened the file itself ran a second database on it,
  // which checkpointed the collector's WAL at close and deleted it while the collector kept
  // writing to the deleted file. Acknowledged events then lived in no file a restart reads.
  it('events stored after a threaded query survive a crash', async () => {
    const path = join(dir, 'busy.duckdb');
    const events = shopEvents(40).map((e) => ({ ...e, writeKey: 'site' }));
    const half = Math.floor(events.length / 2);
    const store = await createDuckDbStore({ path });
    try {
      await store.append(events.slice(0, half));
      const one = await runQuery(store, { name: 'kpis', params: '' }, { partitions: 1 });
      expect(await runQuery(store, { name: 'kpis', params: '' }, { partitions: 3 })).toEqual(one);
      await store.append(events.slice(half));
      const crashed = await crashCopy(path, 'crashed.duckdb');
      try {
        expect((await crashed.stats()).events).toBe(events.length);
      } finally {
        await crashed.close();
      }
      expect(await runQuery(store, { name: 'kpis', params: '' }, { partitions: 3 })).toEqual(JSON.parse(JSON.stringify(analyze(events, createKpis()))));
    } finally {
      await store.close();
    }
  }, 120_000);

  it('a query thread fed by a failing scan ends the query with the scan\'s error', async () => {
    const path = join(dir, 'failing.duckdb');
    const store = await createDuckDbStore({ path });
    try {
      await store.append(shopEvents(5).map((e) => ({ ...e, writeKey: 'site' })));
      const scanText = store.scanText!.bind(store);
      let partitions = 0;
      const failing = Object.assign(Object.create(null), store, {
        spec: store.spec,
        async *scanText(options: Parameters<typeof scanText>[0]) {
          let n = 0;
          if (options?.partition) partitions++;
          for await (const text of scanText(options)) {
            if (options?.partition && ++n > 3) throw new Error('disk went away');
            yield options?.partition?.index === 1 && n === 2 ? 'not json' : text;
          }
        },
      }) as typeof store;
      await expect(runQuery(failing, { name: 'kpis', params: '' }, { partitions: 2 })).rejects.toThrow(/disk went away|not JSON/);
      expect(partitions).toBe(2);
    } finally {
      await store.close();
    }
  }, 60_000);
});

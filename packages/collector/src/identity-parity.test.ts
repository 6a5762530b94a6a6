// The stitching rule is written once, in the core (`stitchedPerson`, `identityLinks`);
// the stores apply it in JS (memory) or in SQL (`personSql`: DuckDB, ClickHouse). Each
// store's partitioned scan must put every event in the slice of the person the core
// stitches it to, on identify sequences where a drifted copy would differ.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { normalize, personSlice, stitchedPerson } from '@footfall/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';
import { learnLinks, personSql, type StoredEvent } from './store.js';
import { clickHouseUrl } from '../test/clickhouse-url.js';

let n = 0;
const at = (ts: number, anonymousId: string, userId?: string, type: 'page' | 'identify' = userId ? 'identify' : 'page'): StoredEvent => ({
  id: `e${String(++n).padStart(3, '0')}`, type, ts, anonymousId, ...(userId ? { userId } : {}),
  url: 'https://shop.test/', writeKey: 'site', receivedAt: ts, clientTs: ts,
} as StoredEvent);

/** Sequences where a rule that is almost the core's gives another person. */
const EVENTS: StoredEvent[] = [
  // Anonymous before the login: the earlier events join the user.
  at(1_000, 'dev-a'), at(2_000, 'dev-a'), at(3_000, 'dev-a', 'user-1'), at(4_000, 'dev-a'),
  // A shared device: linked first to user-2, then to user-3. Its anonymous events go to
  // user-2 (the first link), an event carrying user-3 goes to user-3 (userId beats the link).
  at(5_000, 'dev-b'), at(6_000, 'dev-b', 'user-2'), at(7_000, 'dev-b', 'user-3'), at(8_000, 'dev-b'),
  // A second device of user-1, linked by a non-identify event carrying both ids.
  at(9_000, 'dev-c'), { ...at(10_000, 'dev-c', 'user-1'), type: 'page' } as StoredEvent, at(11_000, 'dev-c'),
  // A device never identified stays itself; a user id equal to that device id is the same key.
  at(12_000, 'dev-d'), at(13_000, 'dev-e', 'dev-d'), at(14_000, 'dev-e'),
  // Quotes and backslashes travel in the SQL text of the links.
  at(15_000, "dev-'f\\"), at(16_000, "dev-'f\\", "o'brien\\x"), at(17_000, "dev-'f\\"),
  // Two links at the same ts: scan order (ts, id) decides, the lower id first.
  at(18_000, 'dev-g', 'user-4'), at(18_000, 'dev-g', 'user-5'), at(19_000, 'dev-g'),
];
const COUNT = 5;

/** The core's person of every event (its scan order: ts, then id). */
const corePerson = new Map(normalize([...EVENTS].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))).map((e) => [e.id, e.person]));

const dir = mkdtempSync(join(tmpdir(), 'footfall-parity-'));
const ch = await clickHouseUrl();
const table = `t_parity_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (ch) await fetch(ch, { method: 'POST', body: `DROP TABLE IF EXISTS ${table}` });
});

const duck = await (await DuckDBInstance.create(':memory:')).connect();
const chText = async (sql: string) => (await (await fetch(ch!, { method: 'POST', body: sql })).text()).trim();
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Each store, with the slice its engine's hash gives a person key. */
const stores: [string, string, (person: string) => Promise<number>][] = [
  ['memory', 'memory:', async (p) => personSlice(p, COUNT)],
  ['duckdb', `duckdb:${join(dir, 'parity.duckdb')}`, async (p) => Number((await duck.runAndReadAll(`SELECT (hash($1::VARCHAR) % ${COUNT})::INTEGER`, [p])).getRows()[0][0])],
];
if (ch) stores.push(['clickhouse', `clickhouse:${ch}#${table}`, async (p) => Number(await chText(`SELECT cityHash64(${quote(p)}) % ${COUNT}`))]);

describe('identity: the core rule', () => {
  it('stitches the tricky sequences as docs/core.md says', () => {
    const person = (id: number) => corePerson.get(EVENTS[id].id);
    expect([0, 1, 2, 3].map(person)).toEqual(['user-1', 'user-1', 'user-1', 'user-1']);
    expect([4, 5, 6, 7].map(person)).toEqual(['user-2', 'user-2', 'user-3', 'user-2']);
    expect([8, 9, 10].map(person)).toEqual(['user-1', 'user-1', 'user-1']);
    expect([11, 12, 13].map(person)).toEqual(['dev-d', 'dev-d', 'dev-d']);
    expect([14, 15, 16].map(person)).toEqual(["o'brien\\x", "o'brien\\x", "o'brien\\x"]);
    expect([17, 18, 19].map(person)).toEqual(['user-4', 'user-5', 'user-4']);
  });
});

describe.each(stores)('identity parity: %s', (_name, spec, sliceOf) => {
  it('learns the core links and puts every event in its core person slice', async () => {
    const store = await openStore(spec);
    try {
      await store.append(EVENTS);
      const links = await learnLinks(store);
      expect(Object.entries(links).sort()).toEqual([
        ['dev-a', 'user-1'], ['dev-b', 'user-2'], ['dev-c', 'user-1'], ['dev-e', 'dev-d'], ["dev-'f\\", "o'brien\\x"], ['dev-g', 'user-4'],
      ].sort());
      const sliceGot = new Map<string, number>();
      for (let index = 0; index < COUNT; index++) {
        for await (const e of store.scan({ partition: { index, count: COUNT, links } })) {
          expect(sliceGot.has(e.id), `${e.id} in two slices`).toBe(false);
          sliceGot.set(e.id, index);
        }
      }
      const expected = new Map<string, number>();
      for (const e of EVENTS) expected.set(e.id, await sliceOf(corePerson.get(e.id)!));
      expect(Object.fromEntries(sliceGot)).toEqual(Object.fromEntries(expected));
      // The slices are not all one: the check above tells persons apart.
      expect(new Set(expected.values()).size).toBeGreaterThan(1);
    } finally {
      await store.close();
    }
  });
});

describe('personSql: the SQL form of the rule', () => {
  const rows = EVENTS.map((e) => [e.userId ?? '', e.anonymousId ?? ''] as const);
  const links = new Map([['dev-b', 'user-2'], ['dev-c', 'user-1']]);
  const expected = rows.map(([userId, anonymousId]) => stitchedPerson({ userId, anonymousId }, links.get(anonymousId)));
  it('in DuckDB gives the core person', async () => {
    await duck.run('CREATE TEMP TABLE rows_t (i INTEGER, user_id VARCHAR, person VARCHAR); CREATE TEMP TABLE links (l_anon VARCHAR, l_user VARCHAR)');
    for (const [i, [u, a]] of rows.entries()) await duck.run('INSERT INTO rows_t VALUES ($1, $2, $3)', [i, u, a]);
    for (const [a, u] of links) await duck.run('INSERT INTO links VALUES ($1, $2)', [a, u]);
    const r = await duck.runAndReadAll(`SELECT ${personSql('user_id', 'coalesce(links.l_user, person)')} FROM rows_t LEFT JOIN links ON links.l_anon = rows_t.person ORDER BY i`);
    expect(r.getRows().map((row) => String(row[0]))).toEqual(expected);
  });
  it.runIf(ch)('in ClickHouse gives the core person', async () => {
    const entries = [...links];
    const got: string[] = [];
    for (const [u, a] of rows) {
      const device = `transform(person, [${entries.map(([x]) => quote(x)).join(',')}], [${entries.map(([, y]) => quote(y)).join(',')}], person)`;
      got.push(await chText(`SELECT ${personSql('userId', device)} FROM (SELECT ${quote(u)} AS userId, ${quote(a)} AS person) FORMAT TabSeparatedRaw`));
    }
    expect(got).toEqual(expected);
  });
});

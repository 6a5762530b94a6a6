/**
 * Hostile input at the batch endpoint (docs/collector.md, "Limits and hardening"): values
 * nested deeply or huge, lone surrogates, client-set server fields, Object.prototype names
 * as ids. Each is rejected alone or ignored, never fails another event or request.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollectorApp } from './app.js';
import { createDuckDbStore } from './duckdb.js';
import { createMemoryStore } from './memory.js';
import { serveNode, type RunningServer } from './node-server.js';
import type { Store, StoredEvent } from './store.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let running: RunningServer | undefined;
let store: Store | undefined;
afterEach(async () => {
  await running?.close();
  await store?.close();
  running = undefined;
  store = undefined;
});

const T = 1_700_000_000_000;
const page = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'page', ts: T, anonymousId: 'anon', url: 'https://shop.test/', ...extra });
const body = (events: unknown[], writeKey = 'site') => JSON.stringify({ v: 1, sentAt: T, writeKey, events });
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

async function start(s: Store) {
  store = s;
  running = await serveNode(createCollectorApp({ store: s, readToken: 'secret', partitions: 1 }).fetch, { port: 0, log: () => {} });
  const post = (text: string) => fetch(`${running!.url}/v1/batch`, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
  const get = async (path: string) => {
    const res = await fetch(`${running!.url}${path}`, { headers: { authorization: 'Bearer secret' } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const stored = async () => {
    const out: StoredEvent[] = [];
    for await (const e of s.scan()) out.push(e);
    return out;
  };
  return { post, get, stored };
}

describe('depth and size are bounded at validation (issue 10, 3)', () => {
  it('a deeply nested unknown field, ctx or props is rejected with a reason, its batch-mates kept, concurrent batches in the same commit group all stored', async () => {
    const { post, stored } = await start(await createDuckDbStore({ path: join(dir, 'deep.duckdb') }));
    // Raw JSON text: the nesting is in the body, not in a JS object the test builds.
    const hostile = `{"v":1,"sentAt":${T},"writeKey":"evil","events":[${JSON.stringify(page('ok-1'))},` +
      `{"id":"deep-1","type":"page","ts":${T},"anonymousId":"a","url":"/","x":${nested(10_000)}},` +
      `{"id":"deep-2","type":"page","ts":${T},"anonymousId":"a","url":"/","ctx":{"ua":"x","deep":${nested(100)}}},` +
      `{"id":"deep-3","type":"page","ts":${T},"anonymousId":"a","url":"/","props":{"p":${nested(40)}}},` +
      `{"id":"huge-1","type":"page","ts":${T},"anonymousId":"a","url":"/","junk":"${'x'.repeat(200_000)}"},` +
      `${JSON.stringify(page('ok-2'))}]}`;
    const good = Array.from({ length: 20 }, (_, i) => body([page(`g${i}-a`), page(`g${i}-b`)], `site${i}`));
    const answers = await Promise.all([post(hostile), ...good.map(post)]);
    expect(answers.map((r) => r.status)).toEqual(Array(21).fill(200));
    const result = (await answers[0].json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    expect(result.rejected[0].errors[0]).toMatch(/^events\[1\]: expected at most 16 levels and 131072 bytes as JSON, got nested more than 16 levels deep/);
    expect(result.rejected[3].errors[0]).toMatch(/more than 131072 bytes as JSON/);
    const ids = (await stored()).map((e) => e.id).sort();
    expect(ids).toEqual(['ok-1', 'ok-2', ...good.flatMap((_, i) => [`g${i}-a`, `g${i}-b`])].sort());
  });
});

describe('lone surrogates in ids are rejected, never merged (issue 10, 9)', () => {
  it('two events whose ids differ only in a lone surrogate: both rejected with a reason; invalid UTF-8 bodies are 400', async () => {
    const { post, stored } = await start(await createDuckDbStore({ path: join(dir, 'surrogate.duckdb') }));
    const res = await post(body([page('a\ud800'), page('a\ud801'), page('fine', { anonymousId: '\udc00x' }), page('ok', { title: 'half \ud83d' })]));
    expect(res.status).toBe(200);
    const r = (await res.json()) as { accepted: number; rejected: { index: number; errors: string[] }[] };
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((x) => [x.index, x.errors[0]])).toEqual([
      [0, expect.stringMatching(/^events\[0\]\.id: expected well-formed Unicode, got a lone surrogate/)],
      [1, expect.stringMatching(/^events\[1\]\.id: /)],
      [2, expect.stringMatching(/^events\[2\]\.anonymousId: /)],
    ]);
    // Other text keeps its lone surrogate exactly (the stored body is escaped JSON).
    expect((await stored()).map((e) => [e.id, e.title])).toEqual([['ok', 'half \ud83d']]);
    const bytes = Buffer.concat([Buffer.from(body([page('PLACEHOLDER')]).split('PLACEHOLDER')[0]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(body([page('PLACEHOLDER')]).split('PLACEHOLDER')[1])]);
    const bad = await fetch(`${running!.url}/v1/batch`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('not valid UTF-8');
  });
});

describe('fields the collector derives are always derived (issue 10, 10)', () => {
  it('a client agent, clientTs, receivedAt or writeKey is ignored: skew correction uses ts alone', async () => {
    const { post, stored } = await start(createMemoryStore());
    const spoof = { agent: { device: 'desktop', browser: 'Evil' }, clientTs: 5, receivedAt: 6, writeKey: 'other' };
    const sentAt = T + 60_000; // the client clock is 60 s ahead of the server's
    const text = JSON.stringify({ v: 1, sentAt, writeKey: 'site', events: [page('s1', spoof), page('s2', { ...spoof, ctx: { vw: 390 } })] });
    const before = Date.now();
    expect((await post(text)).status).toBe(200);
    const [a, b] = await stored();
    expect(a.agent).toBeUndefined();
    expect(b.agent).toEqual({ device: 'mobile' });
    for (const e of [a, b]) {
      expect(e.writeKey).toBe('site');
      expect(e.clientTs).toBe(T);
      expect(e.receivedAt).toBeGreaterThanOrEqual(before);
      // ts = receivedAt − (sentAt − ts), from the client's ts, not from its clientTs (5).
      expect(e.ts).toBe(e.receivedAt! - 60_000);
    }
  });
});

describe('Object.prototype names as person ids (issue 10, 2)', () => {
  const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', '__defineGetter__'];
  it('every query answers 200 with the counts of plain ids; Object.prototype is untouched', async () => {
    const journey = (anon: string, user: string) => [
      page(`${anon}-1`, { anonymousId: anon, url: 'https://shop.test/' }),
      { ...page(`${anon}-2`, { anonymousId: anon }), type: 'identify', userId: user, ts: T + 1000 },
      { ...page(`${anon}-3`, { anonymousId: anon, userId: user, url: 'https://shop.test/cart?utm_source=__proto__&utm_medium=constructor' }), ts: T + 2000 },
      { ...page(`${anon}-4`, { anonymousId: anon, userId: user }), type: 'cart', action: 'purchase', value: 10, orderId: anon, ts: T + 3000 },
    ];
    const run = async (ids: string[]) => {
      const { post, get } = await start(createMemoryStore());
      expect((await post(body(ids.flatMap((id, i) => journey(id, ids[(i + 1) % ids.length]))))).status).toBe(200);
      const out: Record<string, unknown> = {};
      for (const q of ['kpis', 'funnel?step=page&step=cart:purchase', 'paths', 'attribution', 'pages', 'bottlenecks', 'funnel?step=page&step=cart:purchase&breakdown=constructor']) {
        const r = await get(`/v1/${q}`);
        expect(r.status, q).toBe(200);
        out[q] = r.body;
      }
      await running!.close();
      running = undefined;
      return out;
    };
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const hostile = await run(NAMES);
    const plain = await run(NAMES.map((n) => `${n}_x`));
    expect(JSON.stringify(hostile)).toBe(NAMES.reduce((t, n) => t.split(`${n}_x`).join(n), JSON.stringify(plain)));
    expect((hostile.kpis as { persons: number }).persons).toBe(NAMES.length);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as { userId?: unknown }).userId).toBeUndefined();
  });
});

describe('identity links keyed by data (issue 10, 2)', () => {
  it('learnLinks and partitionKey treat constructor and __proto__ as plain device ids, also after a worker message (structured clone)', async () => {
    const { learnLinks, partitionKey } = await import('./store.js');
    const s = createMemoryStore();
    await s.append([
      { ...page('l1', { anonymousId: 'constructor', userId: 'u-c' }), type: 'page' },
      { ...page('l2', { anonymousId: '__proto__', userId: 'u-p' }), type: 'page' },
    ] as StoredEvent[]);
    const links = structuredClone(await learnLinks(s));
    expect({ ...links }).toEqual({ constructor: 'u-c', ['__proto__']: 'u-p' });
    expect(partitionKey({ ...page('x'), anonymousId: 'constructor' } as StoredEvent, links)).toBe('u-c');
    expect(partitionKey({ ...page('y'), anonymousId: 'toString' } as StoredEvent, links)).toBe('toString');
    expect(partitionKey({ ...page('z'), anonymousId: 'hasOwnProperty' } as StoredEvent, {})).toBe('hasOwnProperty');
  });
});

describe('patterns from requests are globs matched in linear time (issue 10, 5)', () => {
  it('step, exclude, start, end, clean and page globs built to backtrack answer 200 over a 2,000-character path; regex syntax in clean is literal', async () => {
    const { post, get } = await start(createMemoryStore());
    // A backtracking RegExp of `*a*a*a*a*b` over this path takes about C(2000, 4) ≈ 7·10^11 steps: the test would time out.
    const long = `/${'a'.repeat(2000)}`;
    const events = [
      page('p1', { url: `https://shop.test${long}` }),
      { ...page('p2', { url: 'https://shop.test/aaa' }), ts: T + 1000 },
      { ...page('p3', { url: 'https://shop.test/(a+)+' }), ts: T + 2000 },
    ];
    expect((await post(body(events))).status).toBe(200);
    const evil = encodeURIComponent('*a*a*a*a*a*a*b');
    const funnel = await get(`/v1/funnel?step=page:${evil}&step=page&exclude=page:${evil}`);
    expect(funnel.status).toBe(200);
    expect((funnel.body.steps as { count: number }[])[0].count).toBe(0);
    const paths = await get(`/v1/paths?start=${evil}&end=${evil}`);
    expect([paths.status, paths.body.paths]).toEqual([200, 0]);
    expect((await get(`/v1/heatmap?page=${evil}`)).status).toBe(200);
    // clean: a glob rewrites a whole item; `(a+)+` is a literal path, never a RegExp.
    const cleaned = await get(`/v1/paths?clean=${encodeURIComponent(`${'*a'.repeat(6)}b=/never`)}&clean=${encodeURIComponent('/a*a=/long')}&clean=${encodeURIComponent('(a+)+=/regex')}&clean=${encodeURIComponent('/(a+)+=/literal')}`);
    expect(cleaned.status).toBe(200);
    expect((cleaned.body.topPaths as { path: string[] }[])[0].path).toEqual(['/long', '/literal']); // consecutive duplicates collapse
  });
});

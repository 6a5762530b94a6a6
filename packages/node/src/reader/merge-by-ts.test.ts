import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFunnel, createKpis, createService, type Analyzer } from '@footfall/core';
import { generateDemo } from '../demo.js';
import type { AnalyzerRecipe } from '../analyze-files.js';
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../analyze-files.js';
import { readEvents } from '../read-events.js';
import { lineTs, mergeByTs } from './merge-by-ts.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-merge-'));
const write = (name: string, events: object[]) => {
  const path = join(dir, name);
  writeFileSync(path, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return path;
};
const T = Date.UTC(2026, 9, 1, 12);
const url = (p: string) => `https://shop.test${p}`;
// A person browses anonymously, logs in, checks out; the backend confirms the order (userId only)
// in its own file; the browser comes back a day later.
const web = write('web.ndjson', [
  { id: 'w1', type: 'page', ts: T, anonymousId: 'a1', url: url('/') },
  { id: 'w2', type: 'page', ts: T + 60_000, anonymousId: 'a1', url: url('/cart') },
  { id: 'w3', type: 'identify', ts: T + 90_000, anonymousId: 'a1', userId: 'u1', url: url('/cart') },
  { id: 'w4', type: 'page', ts: T + 120_000, anonymousId: 'a1', userId: 'u1', url: url('/checkout/payment') },
  { id: 'w5', type: 'page', ts: T + 86_400_000, anonymousId: 'a1', userId: 'u1', url: url('/') },
]);
const orders = write('orders.ndjson', [
  { id: 'o1', type: 'cart', ts: T + 180_000, userId: 'u1', action: 'purchase', orderId: 'A-1', value: 20, currency: 'EUR' },
]);
const steps = ['page:/', 'page:/cart', 'cart:purchase'];

async function funnel(inputs: string[]) {
  const f = createFunnel({ steps });
  await analyzeFiles(inputs, [f as unknown as Analyzer<unknown, unknown>]);
  return f.result();
}

describe('several files are read as one input merged by ts', () => {
  it('a person whose browser events and server order are in separate files is counted once, through the server order step, in either file order', async () => {
    for (const inputs of [[web, orders], [orders, web]]) {
      const r = await funnel(inputs);
      expect(r.persons, inputs.join(' ')).toBe(1);
      expect(r.steps.map((s) => s.count), inputs.join(' ')).toEqual([1, 1, 1]);
    }
  });

  it('readEvents yields the events of all files in ts order', async () => {
    const ids: string[] = [];
    for await (const e of readEvents([orders, web])) ids.push(e.id);
    expect(ids).toEqual(['w1', 'w2', 'w3', 'w4', 'o1', 'w5']);
  });

  it('keeps line numbers of each file and a line without ts in its place in its file', async () => {
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, `${JSON.stringify({ id: 'b1', type: 'page', ts: T + 30_000, anonymousId: 'b', url: url('/') })}\n{oops\n${JSON.stringify({ id: 'b2', type: 'page', ts: T + 200_000, anonymousId: 'b', url: url('/') })}\n`);
    const seen: string[] = [];
    for await (const b of mergeByTs([{ path: web, label: 'web' }, { path: bad, label: 'bad' }])) {
      for (let k = 0; k < b.n; k++) seen.push(`${b.file[k]}:${b.line[k]}`);
    }
    expect(seen).toEqual(['0:1', '1:1', '1:2', '0:2', '0:3', '0:4', '1:3', '0:5']);
  });

  it('reads ts from the bytes when it is the event\'s own, else by JSON.parse', () => {
    const ts = (line: string) => lineTs(Buffer.from(line), 0, Buffer.byteLength(line));
    expect(ts('{"id":"x","ts":1234,"type":"page"}')).toBe(1234);
    expect(ts('{"id":"x", "ts" : 55 }')).toBe(55);
    expect(ts('{"props":{"ts":1},"ts":2}')).toBe(2);
    expect(ts('{"a":"\\"ts\\":3","ts":4}')).toBe(4);
    expect(ts('{"id":"x"}')).toBeUndefined();
    expect(ts('{oops')).toBeUndefined();
    expect(ts('{"ts":"5"}')).toBeUndefined();
  });

  it('worker shards place a backend\'s userId-only lines with their user: sharded runs equal one run', async () => {
    // An ad blocker ate the browser's purchase events: only the backend's copy tells of each order.
    const demo = [...generateDemo({ events: 6000, seed: 4 })].filter((e) => !(e.type === 'cart' && e.action === 'purchase' && e.url !== undefined));
    const server = (e: { url?: string; type: string }) => e.url === undefined;
    const files = [write('demo-web.ndjson', demo.filter((e) => !server(e))), write('demo-server.ndjson', demo.filter(server))];
    const recipes: AnalyzerRecipe[] = [
      { create: 'createFunnel', options: { steps: ['page:/', 'cart:checkout', 'cart:purchase'] } },
      { create: 'createKpis', options: {} },
      { create: 'createService', options: {} },
    ];
    const run = async (threads: number) => {
      const analyzers = [createFunnel(recipes[0].options as never), createKpis(), createService()] as unknown as Analyzer<unknown, unknown>[];
      await analyzeFiles(files, analyzers, { recipes, threads });
      return analyzers.map((a) => a.result());
    };
    const one = await run(1);
    expect((one[0] as { steps: { count: number }[] }).steps[2].count).toBeGreaterThan(0);
    for (const threads of [2, 3]) expect(await run(threads), `${threads} threads`).toEqual(one);
  }, 60_000);
});

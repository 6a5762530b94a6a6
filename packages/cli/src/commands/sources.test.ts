// The commands of the sources beyond the browser, on the demo's events split as their senders
// would write them (browser, backend orders, ESP, help desk, reviews, ad platform), given as
// several INPUTs: the JSON equals the core over all events in time order, the text is a table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannels, createEmail, createFunnel, createProducts, createService, normalize, type Analyzer, type FootfallEvent } from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/fake-io.js';

let dir = '';
const events = [...generateDemo({ events: 20_000, seed: 5 })];
const fileOf = (e: FootfallEvent) =>
  e.type === 'adstats' ? 'ads.ndjson' : e.type === 'email' ? 'email.ndjson' : e.type === 'ticket' || e.type === 'review' ? 'service.ndjson' : e.type === 'cart' && e.url === undefined ? 'orders.ndjson' : 'web.ndjson';
const FILES = ['web.ndjson', 'orders.ndjson', 'email.ndjson', 'service.ndjson', 'ads.ndjson'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-sources-cli-'));
  const by = new Map<string, string[]>(FILES.map((f) => [f, []]));
  for (const e of events) by.get(fileOf(e))!.push(JSON.stringify(e));
  for (const [f, lines] of by) writeFileSync(join(dir, f), `${lines.join('\n')}\n`);
});

/** The core over every event, in time order (the demo writes them so). */
const core = <R>(a: Analyzer<unknown, R>): R => {
  for (const e of normalize(events)) a.add(e);
  return JSON.parse(JSON.stringify(a.result())) as R;
};

describe('footfall channels, email, service, products over several files', () => {
  it.each([
    ['channels', () => createChannels()],
    ['email', () => createEmail()],
    ['service', () => createService()],
    ['products', () => createProducts()],
  ] as const)('%s --json equals the core over all the files merged by ts, in any file order', async (name, make) => {
    const expected = core(make() as unknown as Analyzer<unknown, unknown>);
    for (const files of [FILES, [...FILES].reverse()]) {
      const { code, out } = await runCli(dir, name, ...files, '--json');
      expect(code).toBe(0);
      expect(JSON.parse(out)).toEqual(expected);
    }
  });

  it('a funnel ending with the server order counts each person once, the backend\'s copy of an order in its own file', async () => {
    const steps = ['page:/', 'cart:checkout', 'cart:purchase'];
    const withOrders = JSON.parse((await runCli(dir, 'funnel', 'orders.ndjson', 'web.ndjson', ...steps.flatMap((s) => ['--step', s]), '--json')).out) as { steps: { count: number }[] };
    const webOnly = JSON.parse((await runCli(dir, 'funnel', 'web.ndjson', ...steps.flatMap((s) => ['--step', s]), '--json')).out) as { steps: { count: number }[] };
    expect(withOrders).toEqual(core(createFunnel({ steps: [...steps] }) as unknown as Analyzer<unknown, unknown>));
    expect(withOrders.steps[2].count).toBe(webOnly.steps[2].count);
    expect(withOrders.steps[2].count).toBeGreaterThan(0);
  });

  it('prints readable tables, the flagged rows marked and explained', async () => {
    // 20,000 events are few for the flag at p < 0.01: a looser alpha shows how a flagged row reads
    const channels = (await runCli(dir, 'channels', ...FILES, '--by', 'source', '--by', 'medium', '--by', 'campaign', '--alpha', '0.2')).out;
    expect(channels).toMatch(/^Channels by source, medium, campaign: [\d,]+ sessions, site conversion [\d.]+%, median CTR [\d.]+%/);
    expect(channels).toMatch(/\n {2}row +impr\. +ad clicks +CTR +sessions/);
    expect(channels).toMatch(/\n! google \/ cpc \/ rain_gear_launch +[\d,]+ /);
    expect(channels).toMatch(/\n! google \/ cpc \/ rain_gear_launch: high clicks, low conversion: check the landing page/);
    expect(channels).toContain('google / cpc / spring_sale');
    const email = (await runCli(dir, 'email', ...FILES)).out;
    expect(email).toMatch(/^campaign +sent +opened +open rate +clicked +click rate +click-to-open +sessions/);
    expect(email).toMatch(/\nweekly +\d+/);
    const service = (await runCli(dir, 'service', ...FILES)).out;
    expect(service).toMatch(/^Support: \d+ contacts in [\d,]+ sessions \([\d.]+ per 1,000\)/);
    expect(service).toMatch(/\nfirst response +\d+ +[\d.]+ (min|s|h)/);
    expect(service).toMatch(/\nresolution +\d+ +[\d.]+ (h|d) +[\d.]+ (h|d)\n/);
    const products = (await runCli(dir, 'products', ...FILES)).out;
    expect(products).toMatch(/^ {2}product +views +adds +purchases +view→buy/);
    expect(products).toMatch(/\n {2}down-parka +[\d,]+ /);
  });

  it('a store is read alone, stdin once', async () => {
    expect((await runCli(dir, 'email', 'web.ndjson', 'duckdb:x.duckdb')).code).toBe(1);
    expect((await runCli(dir, 'email', '-', '-')).code).toBe(1);
  });
});

// Issue 13's acceptance on the seeded demo (`footfall demo --events 100000`, seed 1: what
// `npm start` seeds): the planted landing-mismatch campaign, support-heavy page and
// low-rated product come first in `footfall channels`, `service` and `products`, and
// `footfall bottlenecks` lists all three beside the two page bottlenecks; the query API
// answers the CLI's --json documents, and the report's new views show the planted items
// first with the CLI's numbers, in real Chromium from file://.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BottlenecksResult, ChannelsResult, EmailResult, FootfallEvent, ProductsResult, ServiceResult } from '@footfall/core';
import { createMemoryStore, createQueryApi } from '@footfall/collector';
import { DEMO_SOURCES } from '@footfall/node';
import { launchChromium } from './lib/chromium.js';
import { openView, svgShapes, watch } from './lib/dashboard-page.js';

const CLI = join(import.meta.dirname, '../packages/cli/bin/footfall.js');
const footfall = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
const json = <T>(...args: string[]) => JSON.parse(footfall(...args, '--json')) as T;

const CAMPAIGN = `${DEMO_SOURCES.landing.source} / ${DEMO_SOURCES.landing.medium} / ${DEMO_SOURCES.landing.campaign}`;

describe('the planted problems beyond the browser on the demo (100,000 events, seed 1)', () => {
  let dir: string;
  let input: string;
  const cli: { channels?: ChannelsResult; email?: EmailResult; service?: ServiceResult; products?: ProductsResult; bottlenecks?: BottlenecksResult } = {};
  let browser: Browser | undefined;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-sources-'));
    input = join(dir, 'demo.ndjson');
    footfall('demo', '--events', '100000', '--out', input);
    cli.channels = json<ChannelsResult>('channels', input);
    cli.email = json<EmailResult>('email', input);
    cli.service = json<ServiceResult>('service', input);
    cli.products = json<ProductsResult>('products', input);
    cli.bottlenecks = json<BottlenecksResult>('bottlenecks', input);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('footfall channels: the planted campaign is the first row, flagged high clicks, low conversion', () => {
    const { rows, medianCtr, conversionRate } = cli.channels!;
    const first = rows[0];
    expect([first.source, first.medium, first.campaign]).toEqual([DEMO_SOURCES.landing.source, DEMO_SOURCES.landing.medium, DEMO_SOURCES.landing.campaign]);
    expect(first.flag?.message).toMatch(/^high clicks, low conversion: check the landing page/);
    expect(first.ctr!).toBeGreaterThan(medianCtr!);
    expect(first.conversionRate).toBeLessThan(conversionRate);
    expect(first.flag!.pValue).toBeLessThan(0.01);
    expect(rows.filter((r) => r.flag)).toHaveLength(1);
  });

  test('footfall service: the planted page has the most contacts per 1,000 sessions', () => {
    const { byPage } = cli.service!;
    expect(byPage[0].key).toBe(DEMO_SOURCES.supportPage.page);
    expect(byPage[0].sessions).toBeGreaterThanOrEqual(30);
    expect(byPage[0].per1000Sessions!).toBeGreaterThan(3 * byPage[1].per1000Sessions!);
    expect(cli.service!.byReason[0].key).toBe(DEMO_SOURCES.supportPage.reason);
  });

  test('footfall products: the planted product is first, flagged viewed a lot, rarely bought, and rated low', () => {
    const [first, ...rest] = cli.products!.products;
    expect(first.product).toBe(DEMO_SOURCES.product.id);
    expect(first.flag?.message).toMatch(/^viewed a lot, rarely bought/);
    expect(first.views).toBeGreaterThanOrEqual(cli.products!.viewedThreshold!);
    expect(first.averageRating!).toBeLessThan(3);
    expect(first.ratings).toBeGreaterThanOrEqual(5);
    expect(rest.filter((p) => p.flag)).toEqual([]);
  });

  test('footfall email: each campaign with its sends, opens and clicks, and the sessions the newsletter brought', () => {
    const weekly = cli.email!.campaigns.find((c) => c.campaign === 'weekly')!;
    expect(weekly.sent).toBeGreaterThan(100);
    expect(weekly.opened).toBeLessThan(weekly.sent);
    expect(weekly.clicked).toBeLessThan(weekly.opened);
    expect(weekly.sessions).toBeGreaterThan(30);
    expect(cli.email!.campaigns.map((c) => c.campaign).sort()).toEqual(['weekly', 'winter_preview']);
  });

  test('footfall bottlenecks: the two page bottlenecks first, then all three planted problems', () => {
    const list = cli.bottlenecks!.bottlenecks.map((b) => `${b.target} ${b.signal}`);
    expect(list.slice(0, 2).sort()).toEqual(['page:/checkout/payment poor-lcp', 'page:/checkout/shipping rage-clicks']);
    // docs/cli.md "footfall demo": then the product, the campaign and the page
    expect(list.slice(2, 5)).toEqual([
      `product:${DEMO_SOURCES.product.id} low-rating`,
      `campaign:${CAMPAIGN} / (none) landing-mismatch`,
      `page:${DEMO_SOURCES.supportPage.page} support-contact`,
    ]);
    const text = footfall('bottlenecks', input);
    expect(text).toContain('landing-mismatch');
    expect(text).toMatch(new RegExp(`product ${DEMO_SOURCES.product.id}: [^\n]*rated \\d\\.\\d of 5`));
  });

  test('the query API answers exactly the CLI --json documents', async () => {
    const store = createMemoryStore();
    const events = readFileSync(input, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as FootfallEvent);
    await store.append(events.map((e) => ({ ...e, writeKey: 'demo', receivedAt: e.ts, clientTs: e.ts })) as never);
    const api = createQueryApi({ store, readToken: 't', partitions: 1 });
    for (const name of ['channels', 'email', 'service', 'products'] as const) {
      const res = await api(new Request(`http://x/v1/${name}`, { headers: { authorization: 'Bearer t' } }));
      expect(res.status, name).toBe(200);
      expect(await res.json(), name).toEqual(cli[name]);
    }
  }, 300_000);

  test('the report\'s new views show each planted item first, with the CLI\'s figures (Chromium, file://)', async () => {
    const out = join(dir, 'report.html');
    footfall('report', input, '--heatmaps', '0', '--out', out);
    browser = await launchChromium();
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const seen = watch(page);
    const url = pathToFileURL(out).href;
    const firstRow = (table: string) => page.locator(`table[data-table="${table}"] tbody tr`).first();

    await openView(page, url, 'channels');
    expect(await firstRow('channels').getAttribute('data-row')).toBe(`${CAMPAIGN} / (none)`);
    expect(await firstRow('channels').getAttribute('data-flagged')).toBe('true');
    expect(await firstRow('channels').locator('td').nth(4).textContent()).toBe(cli.channels!.rows[0].sessions.toLocaleString('en-US'));
    expect(await page.locator('[data-flags] li').first().textContent()).toContain(cli.channels!.rows[0].flag!.message);
    // the CTR-against-conversion chart: a pair of bars per campaign with ads, the flagged one first
    expect(await svgShapes(page, 'channel-ads')).toBeGreaterThan(4);
    expect(await page.locator('[data-chart="channel-ads"]').getAttribute('aria-label')).toMatch(new RegExp(`^CTR and conversion: ${CAMPAIGN} / \\(none\\) CTR [\\d.]+%, conversion 0\\.0%`));

    await openView(page, url, 'service');
    expect(await firstRow('service-pages').getAttribute('data-row')).toBe(DEMO_SOURCES.supportPage.page);
    expect(await firstRow('service-pages').locator('td').nth(1).textContent()).toBe(String(cli.service!.byPage[0].contacts));

    await openView(page, url, 'products');
    expect(await firstRow('products').getAttribute('data-row')).toBe(DEMO_SOURCES.product.id);
    expect(await firstRow('products').getAttribute('data-flagged')).toBe('true');
    expect(await firstRow('products').locator('td').nth(1).textContent()).toBe(cli.products!.products[0].views.toLocaleString('en-US'));

    await openView(page, url, 'email');
    expect(await page.locator('table[data-table="email"] tbody tr').count()).toBe(cli.email!.campaigns.length);
    expect(seen.errors).toEqual([]);
  }, 300_000);
});

// The live dashboard in real Chromium on the seeded demo data: every view renders
// non-empty charts, funnel edits reach the query API and the chart, the heat layer
// colours the clicked spots, the live panel follows /v1/live, untrusted strings stay text.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createAttribution, createBottlenecks, createChannels, createEmail, createFunnel, createHeatmap, createKpis, createPages, createPaths, createProducts, createService, keepSessions, normalize,
  type Analyzer, type BottleneckSignal, type DeviceClass, type FootfallEvent, type NormalizedEvent,
} from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { launchChromium } from './lib/chromium.js';
import { fixtureQuery, startFixtureServer, type FixtureServer, type Query } from './lib/fixture-server.js';
import { hostileEvents, openView, pixelStats, POLL, svgShapes, watch, XSS } from './lib/dashboard-page.js';
import type { ReportData } from '../packages/report/src/types.js';

/** The query API over in-memory events, computed by the core analyzers (as the collector does). */
function demoQuery(events: NormalizedEvent[]): Query {
  const cache = new Map<string, unknown>();
  return (name, q) => {
    const key = `${name}?${q.toString()}`;
    if (cache.has(key)) return cache.get(key);
    const one = (k: string) => q.get(k) || undefined;
    // the dashboard's channel and device filters keep whole sessions, as the collector does
    const keep = keepSessions({ channel: one('channel'), device: one('device') as DeviceClass | undefined });
    const run = <S, R>(a: Analyzer<S, R>): R => {
      for (const e of events) if (keep.keep(e)) a.add(e);
      return a.result();
    };
    let answer: unknown;
    switch (name) {
      case 'kpis': answer = run(createKpis({ timeline: one('timeline') === 'day' })); break;
      case 'pages': answer = run(createPages()); break;
      case 'paths': answer = run(createPaths({ start: one('start'), end: one('end'), steps: Number(one('steps') ?? 5) })); break;
      case 'bottlenecks': answer = run(createBottlenecks()); break;
      case 'attribution': answer = run(createAttribution()); break;
      case 'funnel': answer = run(createFunnel({ steps: q.getAll('step'), breakdown: one('breakdown') })); break;
      case 'channels': answer = run(createChannels()); break;
      case 'email': answer = run(createEmail()); break;
      case 'service': answer = run(createService()); break;
      case 'products': answer = run(createProducts()); break;
      case 'heatmap': answer = run(createHeatmap({ page: one('page'), kind: one('kind') as 'click' | 'scroll', viewport: one('viewport') as 'desktop' })); break;
      default: return undefined;
    }
    cache.set(key, answer);
    return answer;
  };
}

const VIEWS = ['overview', 'funnel', 'journeys', 'bottlenecks', 'pages', 'heatmaps', 'live'] as const;

describe('dashboard on the demo data', () => {
  let server: FixtureServer;
  let browser: Browser;
  let page: Page;
  let seen: ReturnType<typeof watch>;
  let query: Query;

  beforeAll(async () => {
    const events = [...normalize([...generateDemo({ events: 50_000, seed: 7 }), ...(hostileEvents() as unknown as FootfallEvent[])])];
    query = demoQuery(events);
    server = await startFixtureServer(query);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    seen = watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('overview: KPI figures from /v1/kpis, stage and over-time charts drawn', async () => {
    await openView(page, server.url, 'overview');
    const kpis = query('kpis', new URLSearchParams({ timeline: 'day' })) as { sessions: number; persons: number; timeline: { sessions: number }[] };
    expect(kpis.timeline.reduce((n, d) => n + d.sessions, 0)).toBe(kpis.sessions);
    await expect.poll(() => page.locator('[data-kpi="Sessions"] .value').textContent(), POLL).toBe(kpis.sessions.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="Persons"] .value').textContent()).toBe(kpis.persons.toLocaleString('en-US'));
    expect(await svgShapes(page, 'stages')).toBeGreaterThanOrEqual(5);
    expect(await svgShapes(page, 'timeline')).toBeGreaterThan(2);
    expect(await page.locator('[data-chart="timeline"]').getAttribute('aria-label')).toContain(`${kpis.sessions.toLocaleString('en-US')} sessions`);
    const shot = await page.locator('[data-chart="stages"]').screenshot();
    expect((await pixelStats(browser, shot)).coloured).toBeGreaterThan(1000);
  });

  test('funnel: bars per step; editing the steps asks the API again and redraws', async () => {
    await openView(page, server.url, 'funnel');
    const firstShapes = await svgShapes(page, 'funnel');
    expect(firstShapes).toBeGreaterThan(5);
    const label = await page.locator('[data-chart="funnel"]').getAttribute('aria-label');
    expect(label).toContain('cart:purchase');

    // a typo is explained by the core's matcher parser, before any query
    const asked = server.funnelRequests.length;
    await page.locator('input[data-step="2"]').fill('pgae:/cart');
    await page.locator('[data-action="apply"]').click();
    await expect.poll(() => page.locator('#main .error').first().textContent(), POLL).toContain('pgae');
    expect(server.funnelRequests.length).toBe(asked);

    await page.locator('input[data-step="2"]').fill('page:/cart');
    await page.getByRole('button', { name: 'Remove step 5' }).click();
    await page.getByRole('button', { name: 'Remove step 4' }).click();
    await page.locator('[data-action="apply"]').click();
    const steps = ['page:/', 'page:/product/*', 'page:/cart'];
    await expect.poll(() => server.funnelRequests.at(-1), POLL).toEqual(steps);
    const expected = query('funnel', new URLSearchParams(steps.map((s) => ['step', s]))) as { steps: { count: number }[] };
    await expect.poll(() => page.locator('[data-chart="funnel"]').getAttribute('aria-label'), POLL)
      .toBe(`Funnel: ${steps.map((s, i) => `${s} ${expected.steps[i].count}`).join(', ')}`);
    const rows = await page.locator('section[aria-label="Steps in numbers"] tbody tr td:first-child').allTextContents();
    expect(rows).toEqual(steps);

    await page.getByRole('combobox', { name: 'Breakdown' }).selectOption('device');
    await expect.poll(() => svgShapes(page, 'breakdown').catch(() => 0), POLL).toBeGreaterThan(3);
    expect(server.funnelRequests.length).toBeGreaterThanOrEqual(3);
  });

  test('journeys: Sankey drawn; choosing a node keeps only the paths through it', async () => {
    await openView(page, server.url, 'journeys');
    const all = await svgShapes(page, 'sankey');
    expect(all).toBeGreaterThan(10);
    await page.locator('[aria-label="Filter by node"] button').nth(1).click();
    await expect.poll(() => page.locator('.filter-chip').textContent(), POLL).toContain('Through step 1');
    await expect.poll(() => svgShapes(page, 'sankey'), POLL).toBeLessThan(all);
  });

  test('bottlenecks: ranked rows with their reason and an evidence link', async () => {
    await openView(page, server.url, 'bottlenecks');
    const result = query('bottlenecks', new URLSearchParams()) as { bottlenecks: { reason: string }[] };
    expect(result.bottlenecks.length).toBeGreaterThan(0);
    const rows = page.locator('table[data-table="bottlenecks"] tbody tr');
    expect(await rows.count()).toBe(result.bottlenecks.length);
    expect(await rows.first().locator('td.reason').textContent()).toBe(result.bottlenecks[0].reason);
    expect(await svgShapes(page, 'lost')).toBeGreaterThan(2);
    const link = rows.first().locator('a[data-evidence]');
    const view = await link.getAttribute('data-evidence');
    await link.click();
    await page.waitForFunction((v) => document.querySelector('main')?.dataset.view === v && document.querySelector('main')?.getAttribute('aria-busy') === 'false', view);
  });

  test('pages: table with coloured p75 vitals, sortable', async () => {
    await openView(page, server.url, 'pages');
    const result = query('pages', new URLSearchParams()) as { pages: unknown[] };
    expect(await page.locator('table[data-table="pages"] tbody tr').count()).toBe(result.pages.length);
    expect(await page.locator('td[data-vital="LCP"][data-rating]').count()).toBeGreaterThan(0);
    expect(await svgShapes(page, 'page-views')).toBeGreaterThan(3);
    await page.getByRole('button', { name: 'Rage clicks' }).click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent(), POLL).toBe('Rage clicks');
    // the hostile visitor's page: its path is text, not markup
    expect(await page.locator('td.path a').allTextContents()).toContain(`/${XSS}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
  });

  test('heatmaps: the framed page gets coloured pixels where the clicks were', async () => {
    const pages = query('pages', new URLSearchParams()) as { pages: { path: string; views: number }[] };
    const path = pages.pages[0].path;
    const clicks = query('heatmap', new URLSearchParams({ page: path, kind: 'click', viewport: 'desktop' })) as { cells: { x: number; y: number; count: number }[] };
    const hot = clicks.cells.filter((c) => c.y < 480).sort((a, b) => b.count - a.count)[0];
    expect(hot).toBeDefined();
    await openView(page, server.url, 'heatmaps');
    await page.locator('.layer.heat canvas').waitFor();
    expect(await page.frameLocator('.stage iframe').locator('#add-to-cart').textContent()).toBe('Add to cart');
    const scale = await page.locator('.stage-inner').evaluate((el) => el.getBoundingClientRect().width / 1280);
    const probe = { x: ((Math.round(hot.x * 100) + 0.5) / 101) * 1280 * scale, y: (Math.floor(hot.y / 16) + 0.5) * 16 * scale };
    const stage = page.locator('.stage');
    const withLayer = await pixelStats(browser, await stage.screenshot(), [probe]);
    await page.locator('.layer.heat').evaluate((el) => { el.style.visibility = 'hidden'; });
    const without = await pixelStats(browser, await stage.screenshot(), [probe]);
    const [r, g, b] = withLayer.probes[0];
    const [r0, g0, b0] = without.probes[0];
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(60);
    expect(Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0)).toBeGreaterThan(60);
    // the stand-in page is colourful where the demo's clicks now land (the real shop's layout), so
    // the layer changes the count of coloured pixels rather than only adding to it
    expect(withLayer.coloured).not.toBe(without.coloured);

    await page.getByRole('button', { name: 'Scroll reach' }).click();
    await page.locator('.layer.scroll canvas').waitFor();
    expect(await page.locator('.stage').getAttribute('data-heatmap')).toBe('scroll');
  });

  test('channels, email, service, products: the core\'s rows in its order; a device filter asks again and shows the filtered answer', async () => {
    type Rows = { rows?: { source: string | null; medium: string | null; campaign: string | null; keyword: string | null; sessions: number }[]; campaigns?: { campaign: string; sent: number }[]; byPage?: { key: string; contacts: number }[]; products?: { product: string; views: number }[] };
    const views: [view: string, table: string, first: (r: Rows) => [key: string, cell: number, value: number]][] = [
      ['channels', 'channels', (r) => [[r.rows![0].source, r.rows![0].medium, r.rows![0].campaign, r.rows![0].keyword].filter((v) => v !== null).join(' / '), 4, r.rows![0].sessions]],
      ['email', 'email', (r) => [r.campaigns![0].campaign, 1, r.campaigns![0].sent]],
      ['service', 'service-pages', (r) => [r.byPage![0].key, 1, r.byPage![0].contacts]],
      ['products', 'products', (r) => [r.products![0].product, 1, r.products![0].views]],
    ];
    const device = page.getByRole('combobox', { name: /^Device/ });
    for (const [view, table, first] of views) {
      for (const filter of ['', 'mobile']) {
        const [key, cell, value] = first(query(view, new URLSearchParams(filter ? { device: filter } : {})) as Rows);
        if (filter) await device.selectOption(filter);
        else await openView(page, server.url, view);
        const row = page.locator(`table[data-table="${table}"] tbody tr`).first();
        await expect.poll(() => row.getAttribute('data-row'), POLL).toBe(key);
        await expect.poll(() => row.locator('td').nth(cell).textContent(), POLL).toBe(value.toLocaleString('en-US'));
      }
      await device.selectOption('');
    }
    const all = query('channels', new URLSearchParams()) as Rows;
    const mobile = query('channels', new URLSearchParams({ device: 'mobile' })) as Rows;
    expect(mobile.rows![0].sessions).toBeLessThan(all.rows![0].sessions);
  });

  test('live: sessions in progress follow /v1/live', async () => {
    await openView(page, server.url, 'live');
    await expect.poll(() => page.locator('[data-live-state]').getAttribute('data-live-state'), POLL).toBe('open');
    const base = { anonymousId: 'a1', ts: Date.now(), id: 'x' };
    server.push({ ...base, id: 'e1', type: 'page', sessionId: 's-one', url: 'https://shop.example/cart', ctx: { vw: 1280 } });
    server.push({ ...base, id: 'e2', type: 'cart', action: 'checkout', sessionId: 's-one', url: 'https://shop.example/cart' });
    server.push({ ...base, id: 'e3', type: 'page', sessionId: 's-two', anonymousId: 'a2', url: 'https://shop.example/product/boots', ctx: { vw: 390 } });
    for (const e of hostileEvents().slice(0, 3)) server.push({ ...e, sessionId: XSS, type: e.type === 'track' ? XSS : e.type });
    await expect.poll(() => page.locator('[data-live="sessions"]').textContent(), POLL).toBe('3');
    expect(await page.locator('table[data-table="live"] td.path').allTextContents()).toContain(`/${XSS}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(await page.locator('[data-session="s-one"] td').nth(2).textContent()).toBe('cart:checkout');
    expect(await page.locator('[data-session="s-two"] td').nth(4).textContent()).toBe('mobile');
  });

  test('no console errors across the views', () => {
    expect(seen.errors).toEqual([]);
  });

  test('screenshots of each view (FOOTFALL_SCREENSHOTS=1 writes docs/images/)', async () => {
    if (!process.env.FOOTFALL_SCREENSHOTS) return;
    mkdirSync('docs/images', { recursive: true });
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      const shot = await browser.newPage({ viewport: { width, height } });
      for (const view of VIEWS) {
        const product = (query('pages', new URLSearchParams()) as { pages: { path: string }[] }).pages.find((p) => p.path.startsWith('/product/'));
        await openView(shot, server.url, view === 'heatmaps' && product ? `heatmaps?page=${encodeURIComponent(product.path)}` : view);
        if (view === 'live') {
          await shot.locator('[data-live-state="open"]').waitFor();
          for (let i = 0; i < 6; i++) server.push({ id: `s${i}`, type: 'page', anonymousId: `p${i}`, sessionId: `session-${i}`, ts: Date.now(), url: `https://shop.example/${['', 'product/trail-runner', 'cart', 'checkout/shipping', 'category/shoes', 'product/boots'][i]}`, ctx: { vw: i % 2 ? 390 : 1440 } });
          await shot.locator('[data-live="sessions"]').filter({ hasText: '6' }).waitFor();
        }
        if (view === 'funnel') await shot.locator('[data-chart="funnel"] svg').waitFor();
        await shot.waitForTimeout(1500); // chart entry animations (the Sankey's lasts 1 s)
        await shot.screenshot({ path: `docs/images/dashboard-${view}-${width}.png` });
      }
      await shot.close();
    }
  });
});

describe('dashboard with hostile strings in the results', () => {
  test('URLs, titles, selectors and props render as text; no dialog opens', async () => {
    const data: ReportData = {
      generatedAt: XSS,
      kpis: { sessions: 3, persons: 2, conversionRate: 0.5, cartAbandonment: 0, aov: 10, revenue: 20, repeatPurchaseRate: 0, pagesPerSession: 2, medianSessionMs: 1000, orders: 2, stages: { awareness: 1, consideration: 1, decision: 0, retention: 0, advocacy: 0 }, retention: { days: [], cohorts: [], overall: { persons: 2, onDay: [], onOrAfter: [] } }, currency: XSS },
      pages: { pages: [{ path: `/${XSS}`, views: 5, sessions: 3, bounceRate: 0.2, exitRate: 0.4, avgTimeMs: 1000, vitals: { LCP: { p75: 1000, good: 1, needsImprovement: 0, poor: 0, samples: 1 } }, scroll: { p50Depth: 50, reach: {}, samples: 1 }, rageClicks: 1, deadClicks: 1 }] },
      paths: { nodes: [{ id: `1_/${XSS}`, step: 1, item: `/${XSS}`, count: 3 }, { id: `2_track:${XSS}`, step: 2, item: `track:${XSS}`, count: 2 }], links: [{ source: `1_/${XSS}`, target: `2_track:${XSS}`, value: 2 }], transitions: [], topPaths: [], paths: 3 },
      bottlenecks: { bottlenecks: [{ target: `page:/${XSS}`, signal: XSS as BottleneckSignal /* untrusted JSON: any name renders */, score: 1, lostConversions: 3, lostRevenue: 30, affected: 40, crAffected: 0.1, crUnaffected: 0.3, pValue: 0.001, reason: `Sessions on ${XSS} converted less` }], sessions: 100, conversions: 10, aov: 10 },
      attribution: { channels: [{ channel: XSS, conversions: 2 }], conversionProbability: 0.5 },
      heatmaps: { [`/${XSS}`]: { click: { cells: [{ x: 0.5, y: 100, count: 3 }], elements: [] } } },
    };
    const server = await startFixtureServer(fixtureQuery(data), { title: XSS });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const seen = watch(page);
      await openView(page, server.url, 'overview');
      expect(await page.locator('header h1').textContent()).toBe(XSS);
      await openView(page, server.url, 'pages');
      expect(await page.locator('td.path a').first().textContent()).toBe(`/${XSS}`);
      // ECharts tooltips are HTML: the escaping formatter must leave the markup as text
      await page.locator('[data-chart="page-views"]').hover();
      await expect.poll(() => page.locator('[data-chart="page-views"] > div').last().textContent(), POLL).toContain(`/${XSS}`);
      await openView(page, server.url, 'bottlenecks');
      expect(await page.locator('td.reason').textContent()).toBe(`Sessions on ${XSS} converted less`);
      await page.locator('[data-chart="lost"]').hover({ position: { x: 300, y: 20 } });
      await openView(page, server.url, 'journeys');
      expect(await page.locator('[aria-label="Filter by node"] button').first().textContent()).toContain('<img');
      await openView(page, server.url, `funnel?step=${encodeURIComponent(`page:/${XSS}`)}&step=cart:add`);
      expect(await page.locator('input[data-step="0"]').inputValue()).toBe(`page:/${XSS}`);
      expect(await page.locator('section[aria-label="Steps in numbers"] td.path').first().textContent()).toBe(`page:/${XSS}`);
      await openView(page, server.url, 'heatmaps');
      expect(await page.locator('.stage').getAttribute('data-page')).toBe(`/${XSS}`);
      // nothing was parsed as markup: no <img> anywhere, no dialog, no error
      expect(await page.locator('img').count()).toBe(0);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

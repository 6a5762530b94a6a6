// The dashboard's persons table and person page in real Chromium, at 1280 and 390 px, on
// the seeded demo data: the rows and figures are the core's, the segment filters reach the
// query API, the CSV download is the core's CSV, rows open the person page, a multi-device
// person shows every device, untrusted strings stay text, and both pages update from
// /v1/live when the person is active. FOOTFALL_SCREENSHOTS=1 writes docs/images/.
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createAnalysis, keepSessions, normalize, personsCsv,
  type DeviceClass, type FootfallEvent, type NormalizedEvent, type PersonProfile, type PersonsResult,
} from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { launchChromium } from './lib/chromium.js';
import { startFixtureServer, type FixtureServer, type Query } from './lib/fixture-server.js';
import { hostileEvents, openView, POLL, watch, XSS } from './lib/dashboard-page.js';

/** `/v1/persons` and `/v1/persons/:id` over in-memory events, computed by the core as the collector does. */
function personsQuery(raw: FootfallEvent[]): Query & { add(event: FootfallEvent): void } {
  let events: NormalizedEvent[] = normalize(raw);
  const cache = new Map<string, unknown>();
  const run = <R>(name: 'persons' | 'person' | 'bottlenecks' | 'kpis', q: URLSearchParams): R => {
    const a = createAnalysis(name, (k) => q.getAll(k));
    const keep = keepSessions({ channel: q.get('channel') || undefined, device: (q.get('device') || undefined) as DeviceClass | undefined });
    for (const e of events) if (keep.keep(e)) a.add(e);
    return a.result() as R;
  };
  const query = (name: string, q: URLSearchParams): unknown => {
    const key = `${name}?${q.toString()}`;
    if (cache.has(key)) return cache.get(key);
    let answer: unknown;
    if (name === 'persons' || name === 'bottlenecks' || name === 'kpis') answer = run<unknown>(name, q);
    else if (name.startsWith('persons/')) {
      // as the collector: the id resolves to the stitched person, then that person's profile
      const id = decodeURIComponent(name.slice('persons/'.length));
      const found = run<PersonProfile | null>('person', new URLSearchParams([...q, ['id', id]]));
      answer = found && found.person !== id ? run<PersonProfile | null>('person', new URLSearchParams([...q, ['id', found.person]])) : found;
      answer ??= undefined; // 404
    } else return undefined;
    cache.set(key, answer);
    return answer;
  };
  return Object.assign(query, {
    add(event: FootfallEvent) {
      raw.push(event);
      events = normalize(raw);
      cache.clear();
    },
  });
}

const WIDTHS = [[1280, 800], [390, 844]] as const;

describe('dashboard persons and person pages', () => {
  let server: FixtureServer;
  let browser: Browser;
  let query: ReturnType<typeof personsQuery>;
  const raw = [...generateDemo({ events: 40_000, seed: 2 }), ...(hostileEvents() as unknown as FootfallEvent[])];
  const users = new Map<string, Set<string>>();
  // A backend's events carry a userId alone (docs/events.md): they name no device.
  for (const e of raw) if (e.userId && e.anonymousId) users.set(e.userId, (users.get(e.userId) ?? new Set()).add(e.anonymousId));
  const [twoDeviceUser, twoDevices] = [...users].find(([, d]) => d.size > 1)!;

  beforeAll(async () => {
    query = personsQuery(raw);
    server = await startFixtureServer(query);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, height: number): Promise<{ page: Page; seen: ReturnType<typeof watch> }> {
    const page = await browser.newPage({ viewport: { width, height } });
    return { page, seen: watch(page) };
  }

  test.each(WIDTHS)('persons table at %i px: the core rows, filters, CSV download, rows open the person', async (width, height) => {
    const { page, seen } = await open(width, height);
    await openView(page, server.url, 'persons');
    const all = query('persons', new URLSearchParams()) as PersonsResult;
    await expect.poll(() => page.locator('[data-kpi-value="matched"]').textContent(), POLL).toBe(all.matched.toLocaleString('en-US'));
    expect(await page.locator('table[data-table="persons"] tbody tr').count()).toBe(all.persons.length);
    expect(await page.locator('table[data-table="persons"] tbody tr a[data-person]').evaluateAll((as) => as.map((a) => a.textContent))).toEqual(all.persons.map((p) => p.person));

    // the segment filters go to the query API and the table lists the core's segment
    if (width < 600) await page.locator('details.filters-box').evaluate((d) => ((d as HTMLDetailsElement).open = false));
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('decision');
    await page.getByLabel('Min LTV').fill('100');
    await page.locator('[data-action="apply"]').click();
    await page.waitForFunction(() => location.hash.includes('stage=decision') && document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    const segment = query('persons', new URLSearchParams('stage=decision&min-ltv=100')) as PersonsResult;
    expect(segment.matched).toBeGreaterThan(0);
    expect(segment.persons.every((p) => p.stage === 'decision' && p.revenue >= 100)).toBe(true);
    await expect.poll(() => page.locator('table[data-table="persons"] tbody tr a[data-person]').evaluateAll((as) => as.map((a) => a.textContent)), POLL)
      .toEqual(segment.persons.map((p) => p.person));

    // the CSV is the core's CSV of the whole segment
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const whole = query('persons', new URLSearchParams('stage=decision&min-ltv=100&limit=100000')) as PersonsResult;
    expect(csv).toBe(personsCsv(whole.persons));
    expect(download.suggestedFilename()).toBe('persons-decision.csv');

    // nothing wider than the screen on a phone: the table stacks into cards
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // a row opens the person page
    const first = segment.persons[0].person;
    await page.locator(`a[data-person="${first}"]`).first().click();
    await page.waitForFunction((id) => document.querySelector('[data-person-page]')?.getAttribute('data-person-page') === id, first);
    expect(await page.locator('nav.tabs a[aria-current="page"]').textContent()).toBe('Persons');
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  test.each(WIDTHS)('person page at %i px: a two-device person by either device, the core profile', async (width, height) => {
    const { page, seen } = await open(width, height);
    const device = [...twoDevices][1];
    await openView(page, server.url, `person?id=${encodeURIComponent(device)}`);
    const p = query(`persons/${encodeURIComponent(twoDeviceUser)}`, new URLSearchParams()) as PersonProfile;
    expect(p.person).toBe(twoDeviceUser);
    expect(await page.locator('[data-person-page]').getAttribute('data-person-page')).toBe(twoDeviceUser);
    expect(await page.locator('[data-kpi="Sessions"] .value').textContent()).toBe(p.sessions.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="Orders"] .value').textContent()).toBe(p.orders.toLocaleString('en-US'));
    expect(await page.locator('[data-kpi="Stage"] .value').textContent()).toBe(p.stage);
    const idText = await page.locator('table[data-table="ids"]').textContent();
    for (const d of twoDevices) expect(idText).toContain(d);
    expect(await page.locator('table[data-table="sessions"] tbody tr').count()).toBe(p.recentSessions.length);
    expect(await page.locator('[data-list="timeline"] section').count()).toBe(p.timeline.length);
    expect(await page.locator('[data-list="timeline"] li').count()).toBe(p.timeline.reduce((n, g) => n + g.events.length, 0));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  test('a bottleneck links to the persons behind it: the core segment of its signal on its page', async () => {
    const { page, seen } = await open(1280, 800);
    await openView(page, server.url, 'bottlenecks');
    const { bottlenecks } = query('bottlenecks', new URLSearchParams()) as { bottlenecks: { target: string; signal: string; affected: number }[] };
    const b = bottlenecks.find((x) => x.target.startsWith('page:') && ['rage-clicks', 'dead-clicks', 'poor-lcp', 'poor-inp', 'poor-cls', 'error'].includes(x.signal))!;
    expect(b, 'a page bottleneck in the demo').toBeDefined();
    await page.locator(`a[data-persons-behind="${b.target}"]`).first().click();
    await page.waitForFunction(() => document.querySelector('main')?.dataset.view === 'persons' && document.querySelector('main')?.getAttribute('aria-busy') === 'false');
    const friction = `${b.signal}@${b.target.slice(5)}`;
    const behind = query('persons', new URLSearchParams({ friction })) as PersonsResult;
    expect(behind.matched).toBeGreaterThan(0);
    expect(behind.matched).toBeLessThanOrEqual(b.affected); // persons behind ≤ sessions affected
    expect(await page.locator('[data-kpi-value="matched"]').textContent()).toBe(behind.matched.toLocaleString('en-US'));
    expect(await page.locator('[data-filter="friction"]').textContent()).toContain(`${b.signal} on ${b.target.slice(5)}`);
    expect(await page.locator('table[data-table="persons"] tbody tr a[data-person]').evaluateAll((as) => as.map((a) => a.textContent))).toEqual(behind.persons.map((p) => p.person));
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  test('an unknown id says so; a hostile person renders as text', async () => {
    const { page, seen } = await open(1280, 800);
    await openView(page, server.url, 'person?id=nobody-at-all');
    expect(await page.locator('#main .empty').textContent()).toContain('nobody-at-all');
    await openView(page, server.url, 'person?id=hostile-visitor');
    expect(await page.locator('[data-list="timeline"]').textContent()).toContain(XSS);
    expect(await page.locator('main img').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    await page.close();
  });

  // before the live test, which adds events
  test('screenshots (FOOTFALL_SCREENSHOTS=1 writes docs/images/)', async () => {
    if (!process.env.FOOTFALL_SCREENSHOTS) return;
    mkdirSync('docs/images', { recursive: true });
    for (const [width, height] of WIDTHS) {
      const { page } = await open(width, height);
      await openView(page, server.url, 'persons?stage=decision');
      await page.screenshot({ path: `docs/images/dashboard-persons-${width}.png` });
      await openView(page, server.url, `person?id=${encodeURIComponent(twoDeviceUser)}`);
      await page.screenshot({ path: `docs/images/dashboard-person-${width}.png`, fullPage: width < 600 ? false : true });
      await page.close();
    }
  });

  test('the person page and the persons table update from /v1/live when the person is active', async () => {
    const { page, seen } = await open(1280, 800);
    const device = [...twoDevices][0];
    await openView(page, server.url, `person?id=${encodeURIComponent(twoDeviceUser)}`);
    const before = Number(await page.locator('[data-kpi="Sessions"] .value').textContent());
    // wait until the page's stream is connected (the fixture counts nothing; a first push may race the connection)
    await page.waitForTimeout(500);
    const event = { id: 'live-1', type: 'page', ts: Date.now(), anonymousId: device, sessionId: 'live-session', url: 'https://shop.example/product/boots', ctx: { vw: 1280 } } as FootfallEvent;
    query.add(event);
    server.push(event as unknown as Record<string, unknown>);
    await expect.poll(() => page.locator('[data-person-page]').getAttribute('data-live-updates'), POLL).toBe('1');
    expect(await page.locator('[data-kpi="Sessions"] .value').textContent()).toBe(String(before + 1));
    expect(await page.locator('[data-list="timeline"] section').first().textContent()).toContain('/product/boots');

    // the table: an event of a listed person refreshes it; others do not
    await openView(page, server.url, 'persons?sort=last-seen&limit=5');
    await page.waitForTimeout(500);
    server.push({ id: 'other', type: 'page', ts: Date.now(), anonymousId: 'someone-not-listed', url: 'https://shop.example/' });
    const listed = (query('persons', new URLSearchParams('sort=last-seen&limit=5')) as PersonsResult).persons[0];
    server.push({ id: 'live-2', type: 'page', ts: Date.now(), anonymousId: listed.devices[0], url: 'https://shop.example/cart' });
    await expect.poll(() => page.locator('[data-live-updates]').getAttribute('data-live-updates'), POLL).toBe('1');

    // the live view links each session in progress to its person
    await openView(page, server.url, 'live');
    await expect.poll(() => page.locator('[data-live-state]').getAttribute('data-live-state'), POLL).toBe('open');
    server.push({ id: 'live-3', type: 'page', ts: Date.now(), anonymousId: device, userId: twoDeviceUser, sessionId: 'live-session', url: 'https://shop.example/cart' });
    await expect.poll(() => page.locator('[data-session="live-session"] a[data-person]').getAttribute('href'), POLL).toBe(`#person?id=${encodeURIComponent(twoDeviceUser)}`);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

});

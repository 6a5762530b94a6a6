// The browser SDK end to end in real Chromium, against the BUILT script-tag file
// (packages/browser/dist/footfall.js) and a collector stub that records bodies:
// navigation and capture, retries, offline, a closed tab, two tabs.
import { validateEvent } from '@footfall/core';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { until, type WireEvent } from '../lib/collector-stub.js';
import { FAST, sdkReady, testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

const ofType = (events: WireEvent[], type: string) => events.filter((e) => e.type === type).sort((a, b) => a.ts - b.ts);
const names = (events: WireEvent[]) => ofType(events, 'track').map((e) => e.name as string);

/** Records `n` track events named `${prefix}${i}` in the page. */
async function trackMany(page: Page, prefix: string, n: number): Promise<void> {
  await sdkReady(page);
  await page.evaluate(
    ([p, count]) => {
      const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
      for (let i = 0; i < count; i++) ff('track', p + i, { i });
    },
    [prefix, n] as const,
  );
}

describe('@footfall/browser script tag in Chromium', () => {
  it('20 shop navigations with clicks, scrolls and cart events: every event arrives exactly once, with the fields of docs/events.md', async () => {
    const { browser, stub } = env;
    const key = 'e2e-shop';
    stub.rewriteHtml = (html) => html.replace('data-write-key="demo"', `data-write-key="${key}" ${FAST}`);
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const page = await context.newPage();
    // Each step: optional non-navigating clicks, then the link or button that navigates.
    const cycle: { path: string; extra: string[]; go: string }[] = [
      { path: '/shop/index.html', extra: [], go: '#shop-now' },
      { path: '/shop/category.html', extra: ['#add-mug-travel'], go: '#link-mug-classic' },
      { path: '/shop/product.html', extra: ['#add-to-cart'], go: '#go-to-cart' },
      { path: '/shop/cart.html', extra: [], go: '#checkout' },
      { path: '/shop/checkout/shipping.html', extra: [], go: '#shipping-submit' },
      { path: '/shop/checkout/payment.html', extra: [], go: '#pay' },
      { path: '/shop/confirmation.html', extra: [], go: '#continue' },
    ];
    await page.goto(`${stub.url}/shop/index.html`);
    const visited: string[] = [];
    const clicked: string[] = [];
    for (let nav = 0; nav < 20; nav++) {
      void nav;
      const here = cycle.find((c) => new URL(page.url()).pathname === c.path)!;
      visited.push(here.path);
      await sdkReady(page);
      await page.mouse.move(200, 200);
      await page.mouse.wheel(0, 500);
      for (const sel of here.extra) {
        await page.click(sel);
        clicked.push(sel);
      }
      const next = cycle[(cycle.indexOf(here) + 1) % cycle.length].path;
      await Promise.all([page.waitForURL((u) => u.pathname === next), page.click(here.go)]);
      clicked.push(here.go);
    }
    visited.push(new URL(page.url()).pathname);
    await sdkReady(page);
    await page.goto('about:blank'); // ends the last page view: its scroll event goes out by beacon

    const count = (path: string) => visited.filter((p) => p === path).length;
    const expected = {
      page: visited.length,
      scroll: visited.length,
      click: clicked.length,
      add: clicked.filter((s) => s.startsWith('#add')).length,
      checkout: clicked.filter((s) => s === '#checkout').length,
      view_item: count('/shop/product.html'),
      view_cart: count('/shop/cart.html'),
      purchase: count('/shop/confirmation.html'),
    };
    const got = () => {
      const u = stub.unique(key);
      const cart = (a: string) => u.filter((e) => e.type === 'cart' && e.action === a).length;
      return {
        page: ofType(u, 'page').length,
        scroll: ofType(u, 'scroll').length,
        click: ofType(u, 'click').length,
        add: cart('add'),
        checkout: cart('checkout'),
        view_item: cart('view_item'),
        view_cart: cart('view_cart'),
        purchase: cart('purchase'),
      };
    };
    await until(() => JSON.stringify(got()) === JSON.stringify(expected), 'every shop event').catch(() => undefined);
    expect(got()).toEqual(expected);

    const events = stub.unique(key);
    for (const e of events) {
      const r = validateEvent(e);
      expect(r.ok ? [] : r.errors, JSON.stringify(e)).toEqual([]);
    }
    // One browser, one visit: one anonymous id, one session, device context on each event.
    expect(new Set(events.map((e) => e.anonymousId)).size).toBe(1);
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1);
    expect(events.every((e) => (e.ctx as { ua?: string; vw?: number }).ua?.includes('Chrome') && (e.ctx as { vw: number }).vw === 1000)).toBe(true);
    // Page views in order, with the previous page as referrer.
    const pages = ofType(events, 'page');
    expect(pages.map((e) => new URL(e.url).pathname)).toEqual(visited);
    expect(pages.slice(1).every((e, i) => e.referrer === pages[i].url)).toBe(true);
    // Clicks: stable selectors in order, document coordinates, position in the element.
    const clicks = ofType(events, 'click');
    expect(clicks.map((e) => e.selector)).toEqual(clicked);
    for (const c of clicks) {
      expect(c.tag).toMatch(/^(a|button)$/);
      expect(c.rx as number).toBeGreaterThanOrEqual(0);
      expect(c.rx as number).toBeLessThanOrEqual(1);
      expect(c).toMatchObject({ vw: 1000, vh: 700 });
      // A click that navigates is never dead (an add-to-cart that changes nothing may be, on a slow machine).
      if (clicked.indexOf(c.selector as string) >= 0 && !/^#add/.test(c.selector as string)) expect(c.dead, c.selector as string).toBeUndefined();
    }
    expect(clicks.find((c) => c.selector === '#shop-now')).toMatchObject({ text: 'Shop now', href: `${stub.url}/shop/category.html` });
    // Scroll: one per page view, on the page it belongs to.
    expect(ofType(events, 'scroll').map((e) => new URL(e.url).pathname).sort()).toEqual([...visited].sort());
    // Declarative cart events carry their items.
    expect(events.find((e) => e.type === 'cart' && e.action === 'purchase')).toMatchObject({ orderId: 'order-1001', value: 36, currency: 'EUR', items: [{ id: 'mug-classic' }, { id: 'mug-travel' }] });
    expect(events.find((e) => e.type === 'cart' && e.action === 'add' && (e.items as { id: string }[])[0].id === 'mug-classic')).toMatchObject({ value: 12, currency: 'EUR' });
    const wire = stub.delivered(key).length;
    console.log(`[sdk e2e] shop: ${events.length} events, ${wire - events.length} duplicates on the wire (unload beacons), deduped by id`);
    await context.close();
  });

  it('collector failing 30% with 500 and once with 429 Retry-After: zero lost, zero doubled', async () => {
    const { browser, stub } = env;
    const key = 'e2e-retry';
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let saw429 = false;
    stub.respond = ({ writeKey }) => {
      if (writeKey !== key) return { status: 200 };
      if (!saw429 && stub.received.filter((r) => r.writeKey === key).length === 2) {
        saw429 = true;
        return { status: 429, headers: { 'Retry-After': '1' } };
      }
      return { status: random() < 0.3 ? 500 : 200 };
    };
    stub.pages.set('/t/retry.html', testPage(key));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stub.url}/t/retry.html`);
    for (let burst = 0; burst < 4; burst++) await trackMany(page, `r${burst}-`, 60);
    await until(() => names(stub.unique(key)).length === 240, '240 track events', 30_000);
    stub.respond = () => ({ status: 200 });

    const unique = stub.unique(key);
    expect(new Set(names(unique)).size).toBe(240);
    // No event was delivered twice: a batch leaves the queue only after a 2xx.
    expect(stub.delivered(key).length).toBe(unique.length);
    const mine = stub.received.filter((r) => r.writeKey === key);
    expect(mine.some((r) => r.status === 500)).toBe(true);
    const i429 = mine.findIndex((r) => r.status === 429);
    expect(i429).toBeGreaterThanOrEqual(0);
    expect(mine[i429 + 1].at - mine[i429].at).toBeGreaterThanOrEqual(900); // Retry-After: 1 honoured
    await context.close();
  });

  it('offline for 10 s (CDP network emulation): events are queued, then all delivered', async () => {
    const { browser, stub } = env;
    const key = 'e2e-offline';
    stub.pages.set('/t/offline.html', testPage(key));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stub.url}/t/offline.html`);
    await until(() => ofType(stub.unique(key), 'page').length === 1, 'the first page view');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await trackMany(page, 'off-', 40);
    const queued = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const poll = () => {
            const open = indexedDB.open('footfall');
            open.onsuccess = () => {
              const count = open.result.transaction('queue').objectStore('queue').count();
              count.onsuccess = () => (count.result >= 40 ? resolve(count.result) : setTimeout(poll, 50));
            };
          };
          poll();
        }),
    );
    expect(queued).toBeGreaterThanOrEqual(40);
    await new Promise((r) => setTimeout(r, 10_000));
    expect(names(stub.unique(key))).toEqual([]);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await until(() => names(stub.unique(key)).length === 40, '40 events after going online');
    expect(stub.delivered(key).length).toBe(stub.unique(key).length);
    await context.close();
  });

  it('a tab closed mid-batch: its events arrive (by beacon, or on the next visit)', async () => {
    const { browser, stub } = env;
    const key = 'e2e-close';
    // A long flush interval keeps the batch in the queue until the tab closes.
    stub.pages.set('/t/close.html', testPage(key, 'data-flush-interval="60000" data-backoff-base="100"'));
    stub.pages.set('/t/close-next.html', testPage(key));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stub.url}/t/close.html`);
    await trackMany(page, 'c-', 30);
    await page.close({ runBeforeUnload: true });
    const byBeacon = () => names(stub.unique(key)).length;
    await until(() => byBeacon() === 30, 'the beacon', 3000).catch(() => undefined);
    const beaconed = byBeacon();
    const next = await context.newPage();
    await next.goto(`${stub.url}/t/close-next.html`);
    await until(() => names(stub.unique(key)).length === 30, 'all 30 events');
    expect(new Set(names(stub.unique(key))).size).toBe(30);
    console.log(`[sdk e2e] closed tab: ${beaconed}/30 by beacon, the rest on the next visit`);
    const beacons = stub.received.filter((r) => r.writeKey === key && r.contentType.startsWith('text/plain'));
    expect(beacons.length).toBeGreaterThan(0); // CORS-simple bodies
    await context.close();
  });

  it('two tabs open: no event is sent twice', async () => {
    const { browser, stub } = env;
    const key = 'e2e-tabs';
    stub.pages.set('/t/tabs.html', testPage(key, 'data-flush-interval="100" data-backoff-base="100"'));
    const context: BrowserContext = await browser.newContext();
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto(`${stub.url}/t/tabs.html`), b.goto(`${stub.url}/t/tabs.html`)]);
    for (let round = 0; round < 5; round++) await Promise.all([trackMany(a, `a${round}-`, 20), trackMany(b, `b${round}-`, 20)]);
    await until(() => names(stub.unique(key)).length === 200, '200 events from two tabs');
    await until(() => ofType(stub.unique(key), 'page').length === 2, 'two page views');
    // Wire level, not after dedupe: the send lock lets one tab send at a time.
    const delivered = stub.delivered(key);
    expect(delivered.length).toBe(new Set(delivered.map((e) => e.id)).size);
    expect(new Set(names(delivered)).size).toBe(200);
    await context.close();
  });
});

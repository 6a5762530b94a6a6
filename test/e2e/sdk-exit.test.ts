// Leaving the page (docs/sdk.md, "Leaving the page"), in real Chromium against the BUILT
// script tag: events tracked in the same task as a link click, a cross-origin navigation
// or a form submit survive a failing exit beacon and arrive on the next visit; and in
// normal use no event reaches the collector twice (tab close, two tabs, back/forward).
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../lib/chromium.js';
import { describe, expect, it } from 'vitest';
import { until, type WireEvent } from '../lib/collector-stub.js';
import { sdkReady, testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

const trackNames = (events: WireEvent[]) => events.filter((e) => e.type === 'track').map((e) => e.name as string);
/** Ids the stub received more than once in 2xx answers, for `key`. */
const doubled = (key: string) => env.stub.delivered(key).length - env.stub.unique(key).length;

type Leave = 'link' | 'cross-origin' | 'form';

/** Tracks `n` events, then leaves the way `how` says: in the same task, or in a setTimeout(0). */
async function trackThenLeave(page: Page, how: Leave, prefix: string, n: number, later: boolean): Promise<void> {
  await page.evaluate(
    ([how, prefix, n, later]) => {
      const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
      for (let i = 0; i < n; i++) ff('track', prefix + i, { i });
      const go = () => {
        if (how === 'link') (document.getElementById('same') as HTMLAnchorElement).click();
        else if (how === 'form') (document.getElementById('form') as HTMLFormElement).requestSubmit();
        else (document.getElementById('other') as HTMLAnchorElement).click();
      };
      if (later) setTimeout(go, 0);
      else go();
    },
    [how, prefix, n, later] as const,
  );
  await page.waitForURL((u) => u.pathname === '/t/away.html');
}

/** With the collector healthy again, opens `path` in `context` (the next visit) and answers which of `expected` have not arrived within 60 s. */
async function lostOnNextVisit(context: BrowserContext, key: string, path: string, expected: string[]): Promise<string[]> {
  env.stub.respond = () => ({ status: 200 });
  const next = await context.newPage();
  await next.goto(`${env.stub.url}${path}`);
  const got = () => new Set(trackNames(env.stub.delivered(key)));
  await until(() => expected.every((n) => got().has(n)), 'every event on the next visit', 60_000).catch(() => undefined);
  return expected.filter((n) => !got().has(n));
}

describe('leaving the page', () => {
  it('30 track-then-leave runs (21 in the same task, 9 in a setTimeout(0)) with every request failing: every event arrives on the next visit', { timeout: 180_000 }, async () => {
    const { browser, stub } = env;
    const key = 'e2e-exit-loss';
    const other = stub.url.replace('127.0.0.1', 'localhost');
    const links = `<a id="same" href="/t/away.html">same</a><a id="other" href="${other}/t/away.html">other</a>
<form id="form" action="/t/away.html"><input name="q" value="1"></form>`;
    // A long flush interval: nothing leaves before the exit but the beacon.
    stub.pages.set('/t/exit.html', testPage(key, 'data-flush-interval="60000" data-backoff-base="100"', links));
    stub.pages.set('/t/away.html', '<!doctype html><title>away</title><p>away</p>');
    stub.pages.set('/t/exit-next.html', testPage(key));
    stub.respond = ({ writeKey }) => ({ status: writeKey === key ? 500 : 200 });
    const context = await browser.newContext();
    const expected: string[] = [];
    const kinds: Leave[] = ['link', 'cross-origin', 'form'];
    for (let run = 0; run < 30; run++) {
      const how = kinds[run % 3];
      const later = run >= 21;
      const page = await context.newPage();
      await page.goto(`${stub.url}/t/exit.html`);
      await sdkReady(page);
      const prefix = `${how}-${later ? 't' : 's'}${run}-`;
      await trackThenLeave(page, how, prefix, 20, later);
      for (let i = 0; i < 20; i++) expected.push(prefix + i);
      await page.close();
    }
    const failed = stub.received.filter((r) => r.writeKey === key && r.status === 500);
    expect(trackNames(failed.flatMap((r) => r.events)).length).toBeGreaterThan(0); // the exit beacons did go, and failed
    expect(stub.delivered(key)).toEqual([]);

    const lost = await lostOnNextVisit(context, key, '/t/exit-next.html', expected);
    const lostRuns = [...new Set(lost.map((n) => n.slice(0, n.lastIndexOf('-'))))];
    console.log(`[sdk exit] 30 runs, ${expected.length} events, ${lost.length} lost (runs: ${lostRuns.join(', ') || 'none'}), ${doubled(key)} duplicates on the next visit`);
    expect(lostRuns, `runs that lost events: ${lostRuns.join(', ')}`).toEqual([]);
    await context.close();
  });

  // Chromium runs a cross-site leave's `pagehide` in the old page only after the next page has
  // committed, and not at all when the tab closes at that moment: the events tracked in the
  // navigating task must already be kept by then. Here the page's own capturing listener on
  // window, registered first, stops `pagehide` and `visibilitychange` from reaching the SDK
  // (and the vitals chunk), and idle callbacks never run, so nothing but the `navigate`-time
  // exit copy can save them.
  it('20 cross-site leaves whose page never runs pagehide (tab closed as the next page commits): events tracked in the navigating task arrive on the next visit', async () => {
    const { browser, stub } = env;
    const key = 'e2e-exit-nohide';
    const other = stub.url.replace('127.0.0.1', 'localhost');
    const gone = `<script>for (const type of ['pagehide', 'visibilitychange']) addEventListener(type, (e) => e.stopImmediatePropagation(), true);
window.requestIdleCallback = () => 0;</script>`;
    stub.pages.set('/t/nohide.html', testPage(key, `data-flush-interval="60000" data-backoff-base="100"`, `<a id="other" href="${other}/t/away.html">other</a>`).replace('<script async', gone + '<script async'));
    stub.pages.set('/t/away.html', '<!doctype html><title>away</title><p>away</p>');
    stub.pages.set('/t/nohide-next.html', testPage(key));
    stub.respond = ({ writeKey }) => ({ status: writeKey === key ? 500 : 200 });
    const context = await browser.newContext();
    const expected: string[] = [];
    for (let run = 0; run < 20; run++) {
      const page = await context.newPage();
      await page.goto(`${stub.url}/t/nohide.html`);
      await sdkReady(page);
      const prefix = `nohide-${run % 2 ? 't' : 's'}${run}-`;
      await page.evaluate(
        ([prefix, later]) => {
          const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
          for (let i = 0; i < 20; i++) ff('track', prefix + i);
          const go = () => (document.getElementById('other') as HTMLAnchorElement).click();
          if (later) setTimeout(go, 0);
          else go();
        },
        [prefix, run % 2 === 1] as const,
      );
      await page.waitForURL((u) => u.pathname === '/t/away.html');
      for (let i = 0; i < 20; i++) expected.push(prefix + i);
      await page.close();
    }
    const lost = await lostOnNextVisit(context, key, '/t/nohide-next.html', expected);
    console.log(`[sdk exit] no pagehide: 20 runs, ${expected.length} events, ${lost.length} lost, ${doubled(key)} duplicates`);
    expect(lost).toEqual([]);
    expect(doubled(key)).toBe(0);
    await context.close();
  });

  // A page that saw its beacon's 2xx can go before IndexedDB commits the delete: the next page
  // must drop those events (marked delivered), not send them again.
  it('a tab closed with 30 events queued, then the site opened again: each event reaches the collector once', async () => {
    const { browser, stub } = env;
    const key = 'e2e-exit-close';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/close-once.html', testPage(key, 'data-flush-interval="60000" data-backoff-base="100"'));
    stub.pages.set('/t/close-once-next.html', testPage(key));
    for (let run = 0; run < 2; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${stub.url}/t/close-once.html`);
      await sdkReady(page);
      await page.evaluate((run) => {
        const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
        for (let i = 0; i < 30; i++) ff('track', `close${run}-${i}`);
      }, run);
      await page.close({ runBeforeUnload: true });
      const next = await context.newPage();
      await next.goto(`${stub.url}/t/close-once-next.html`);
      await until(() => trackNames(stub.unique(key)).filter((n) => n.startsWith(`close${run}-`)).length === 30, 'all 30');
      await new Promise((r) => setTimeout(r, 2000)); // room for a late copy
      await context.close();
    }
    if (doubled(key)) for (const r of stub.received.filter((r) => r.writeKey === key)) console.log(r.status, r.at % 100000, r.events.map((e) => (e.type === 'track' ? e.name : e.type)).join());
    expect(doubled(key)).toBe(0);
  });

  it('two tabs: a closing tab does not beacon what the other tab delivered', async () => {
    const { browser, stub } = env;
    const key = 'e2e-exit-tabs';
    stub.respond = () => ({ status: 200 });
    // Tab A never flushes on its own timer; tab B flushes every 150 ms and so delivers A's events.
    stub.pages.set('/t/tab-a.html', testPage(key, 'data-flush-interval="600000"'));
    stub.pages.set('/t/tab-b.html', testPage(key));
    const context = await browser.newContext();
    const b = await context.newPage();
    await b.goto(`${stub.url}/t/tab-b.html`);
    await sdkReady(b);
    for (let run = 0; run < 2; run++) {
      const a = await context.newPage();
      await a.goto(`${stub.url}/t/tab-a.html`);
      await sdkReady(a);
      await a.evaluate((run) => {
        const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
        for (let i = 0; i < 50; i++) ff('track', `a${run}-${i}`);
      }, run);
      await until(() => trackNames(stub.unique(key)).filter((n) => n.startsWith(`a${run}-`)).length === 50, 'tab B delivers A’s events');
      await a.close({ runBeforeUnload: true });
      await new Promise((r) => setTimeout(r, 1500));
    }
    if (doubled(key)) {
      const seen = new Map<string, number>();
      for (const e of stub.delivered(key)) seen.set(e.id + ' ' + e.type + ' ' + (e.name ?? e.metric ?? ''), (seen.get(e.id + ' ' + e.type + ' ' + (e.name ?? e.metric ?? '')) ?? 0) + 1);
      console.log('DUPS', [...seen].filter(([, n]) => n > 1).map(([k]) => k).join(' | '));
    }
    expect(doubled(key)).toBe(0);
    await context.close();
  });

  it('back/forward cache trips, to this site and to another: no event reaches the collector twice', async () => {
    const { stub } = env;
    const key = 'e2e-exit-bfcache';
    // Playwright turns the back/forward cache off unless told not to.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    stub.respond = () => ({ status: 200 });
    const other = stub.url.replace('127.0.0.1', 'localhost');
    stub.pages.set('/t/bf-a.html', testPage(key, 'data-flush-interval="60000"', `<a id="same" href="/t/bf-b.html">b</a><a id="other" href="${other}/t/away.html">other</a>`));
    stub.pages.set('/t/bf-b.html', testPage(key));
    stub.pages.set('/t/away.html', '<!doctype html><title>away</title><p>away</p>');
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.enable');
    const notRestored: string[] = [];
    cdp.on('Page.backForwardCacheNotUsed', (e) => notRestored.push(JSON.stringify(e.notRestoredExplanations)));
    await page.goto(`${stub.url}/t/bf-a.html`);
    await sdkReady(page);
    await page.evaluate(() => {
      addEventListener('pageshow', (e) => ((window as unknown as { restored: number }).restored = ((window as unknown as { restored?: number }).restored || 0) + (e.persisted ? 1 : 0)));
    });
    let tracked = 0;
    for (let trip = 0; trip < 4; trip++) {
      await page.evaluate((trip) => {
        const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
        for (let i = 0; i < 5; i++) ff('track', `bf${trip}-${i}`);
      }, trip);
      tracked += 5;
      await Promise.all([page.waitForURL((u) => u.pathname !== '/t/bf-a.html'), page.click(trip % 2 ? '#other' : '#same')]);
      await page.waitForTimeout(1000);
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForFunction(() => document.readyState === 'complete');
      await sdkReady(page);
    }
    const restored = await page.evaluate(() => (window as unknown as { restored?: number }).restored || 0);
    await until(() => trackNames(stub.unique(key)).length === tracked, 'every tracked event', 30_000);
    await page.waitForTimeout(2000);
    console.log(`[sdk exit] bfcache: ${restored}/4 restored from the back/forward cache, ${doubled(key)} duplicates`);
    expect(notRestored).toEqual([]);
    expect(restored).toBe(4);
    expect(doubled(key)).toBe(0);
    await browser.close();
  });
});

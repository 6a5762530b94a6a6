// When the SDK does its work (docs/sdk.md, "Delivery" and "What is collected"), in real
// Chromium against the BUILT script tag: a full batch leaves at once even with a send
// already planned, and no track() pays for the first Intl.DateTimeFormat().
import { describe, expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { sdkReady, testPage, trackMany, trackNames, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();


describe('timing', () => {
  it('120 events while a send is planned 5 s ahead: the full batches go at once', async () => {
    const { browser, stub } = env;
    const key = 'e2e-full-batch';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/batch.html', testPage(key, 'data-flush-interval="5000" data-page-views="false" data-vitals="false"'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stub.url}/t/batch.html`);
    await sdkReady(page);
    await trackMany(page, 'one-', 1);
    await page.waitForTimeout(500); // queued; a send is planned 5 s ahead
    const t0 = Date.now();
    await trackMany(page, 'burst-', 120);
    await until(() => trackNames(stub.unique(key)).filter((n) => n.startsWith('burst-')).length >= 100, 'two full batches', 4000).catch(() => undefined);
    const took = Date.now() - t0;
    console.log(`[sdk timing] 120 events with a send planned: 100 delivered after ${took} ms`);
    expect(took).toBeLessThan(1500);
    await context.close();
  });

  it('the first track() of a page, visible or hidden, never calls Intl.DateTimeFormat(); the time zone still arrives', async () => {
    const { browser, stub } = env;
    const key = 'e2e-intl';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/intl.html', testPage(key, 'data-flush-interval="150" data-page-views="false" data-vitals="false"'));
    const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
    // Count Intl.DateTimeFormat calls; let the test say when the page counts as hidden.
    await context.addInitScript(() => {
      const w = window as unknown as { intlCalls: number; hidden: boolean };
      w.intlCalls = 0;
      w.hidden = false;
      const Real = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function (...args: unknown[]) {
        w.intlCalls++;
        return new (Real as unknown as new (...a: unknown[]) => Intl.DateTimeFormat)(...args);
      } as unknown as typeof Intl.DateTimeFormat;
      Object.defineProperty(Document.prototype, 'visibilityState', { get: () => (w.hidden ? 'hidden' : 'visible'), configurable: true });
    });
    for (const hidden of [false, true]) {
      const page = await context.newPage();
      await page.goto(`${stub.url}/t/intl.html`);
      await sdkReady(page);
      const inTrack = await page.evaluate((hidden) => {
        const w = window as unknown as { intlCalls: number; hidden: boolean; footfall: (...a: unknown[]) => void };
        w.hidden = hidden;
        const before = w.intlCalls;
        w.footfall('track', hidden ? 'first-hidden' : 'first-visible');
        return w.intlCalls - before;
      }, hidden);
      expect(inTrack, hidden ? 'hidden' : 'visible').toBe(0);
      const name = hidden ? 'first-hidden' : 'first-visible';
      await until(() => trackNames(stub.unique(key)).includes(name), name);
      const e = stub.unique(key).find((x) => x.name === name)!;
      expect((e.ctx as { tz?: string }).tz).toBe('Asia/Tokyo');
      expect(await page.evaluate(() => (window as unknown as { intlCalls: number }).intlCalls)).toBeLessThanOrEqual(1); // once per page
      await page.close();
    }
    await context.close();
  });
});

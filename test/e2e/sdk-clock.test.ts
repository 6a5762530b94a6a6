// Clocks (docs/sdk.md, "Clocks"), in real Chromium against the BUILT script tag: a device
// clock set back an hour during a retry back-off does not stop delivery, and events keep
// their page order with times the collector's skew correction places right.
import { correctedTs } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { until, type WireEvent } from '../lib/collector-stub.js';
import { sdkReady, testPage, trackMany, trackNames, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();
const HOUR = 3_600_000;


describe('a device clock set back', () => {
  it('one hour during a retry back-off: delivery within the normal retry time (≤ 2 s back-off here)', async () => {
    const { browser, stub } = env;
    const key = 'e2e-clock-backoff';
    let failed = false;
    stub.respond = ({ writeKey }) => {
      if (writeKey !== key || failed) return { status: 200 };
      failed = true;
      return { status: 500 };
    };
    stub.pages.set('/t/clock.html', testPage(key, 'data-flush-interval="150" data-backoff-base="1000" data-backoff-max="2000" data-page-views="false" data-vitals="false"'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install(); // fake Date, timers and performance, running at real speed
    await page.goto(`${stub.url}/t/clock.html`);
    await sdkReady(page);
    await trackMany(page, 'before-', 3);
    await until(() => failed, 'the first (failing) request');
    await page.clock.setSystemTime(Date.now() - HOUR);
    const jumped = Date.now();
    await trackMany(page, 'after-', 3);
    await page.evaluate(() => (window as unknown as { footfall: (c: string) => void }).footfall('flush'));
    await until(() => trackNames(stub.unique(key)).length === 6, 'all 6 events', 10_000).catch(() => undefined);
    expect(trackNames(stub.unique(key)).sort()).toEqual(['after-0', 'after-1', 'after-2', 'before-0', 'before-1', 'before-2']);
    const took = Math.max(...stub.received.filter((r) => r.writeKey === key && r.status === 200).map((r) => r.at)) - jumped;
    console.log(`[sdk clock] delivered ${took} ms after the clock went back 1 h`);
    expect(took).toBeLessThan(2000 + 1000); // the longest back-off, plus room for a slow machine
    await context.close();
  });

  it('one hour between two events: page order kept, and skew correction puts neither in the future', async () => {
    const { browser, stub } = env;
    const key = 'e2e-clock-order';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/clock-order.html', testPage(key, 'data-flush-interval="60000" data-page-views="false" data-vitals="false"'));
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies: { sentAt: number; events: WireEvent[]; at: number }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/v1/batch')) bodies.push({ ...JSON.parse(r.postData() || '{}'), at: Date.now() });
    });
    await page.clock.install();
    await page.goto(`${stub.url}/t/clock-order.html`);
    await sdkReady(page);
    await trackMany(page, 'a', 5);
    await page.waitForTimeout(300); // queued
    await page.clock.setSystemTime(Date.now() - HOUR);
    await trackMany(page, 'b', 5);
    await page.evaluate(() => (window as unknown as { footfall: (c: string) => void }).footfall('flush'));
    await until(() => trackNames(stub.unique(key)).length === 10, 'all 10 events');
    const sent = bodies.flatMap((b) => b.events.filter((e) => e.type === 'track').map((e) => ({ e, b })));
    // Queue order is page order.
    expect(sent.map(({ e }) => e.name)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
    // ts never goes back in page order, and the collector's correction (receivedAt − (sentAt − ts)) lands each event
    // in the last minute before it was received, not an hour ahead.
    for (let i = 1; i < sent.length; i++) expect(sent[i].e.ts).toBeGreaterThanOrEqual(sent[i - 1].e.ts);
    for (const { e, b } of sent) {
      const at = correctedTs(e as never, b.sentAt, b.at);
      expect(at).toBeLessThanOrEqual(b.at);
      expect(at).toBeGreaterThan(b.at - 60_000);
    }
    await context.close();
  });
});

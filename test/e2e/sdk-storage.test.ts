// The device storage the SDK uses (docs/sdk.md, "Delivery" and "Consent guide"), in real
// Chromium against the BUILT script tag: a tab whose IndexedDB open is stuck behind a
// blocked delete still delivers within 5 s, and with consent required nothing is
// written to the device before a grant, nor after a deny.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { sdkReady, testPage, trackNames, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

const track = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('track', n), name);
/** What the SDK left on the device: IndexedDB database names and localStorage keys. */
const onDevice = (page: Page) =>
  page.evaluate(async () => ({ dbs: (await indexedDB.databases()).map((d) => d.name), keys: Object.keys(localStorage).sort() }));

describe('a stuck IndexedDB', () => {
  it('a tab deletes the database while the SDK has it open: the SDK lets go, and a second tab delivers within 5 s', async () => {
    const { browser, stub } = env;
    const key = 'e2e-idb-delete';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/idb.html', testPage(key));
    const context = await browser.newContext();
    const first = await context.newPage();
    await first.goto(`${stub.url}/t/idb.html`);
    await sdkReady(first);
    await until(() => stub.unique(key).length > 0, 'the first tab’s page view');
    await first.evaluate(() => {
      const w = window as unknown as { deleted?: string };
      const del = indexedDB.deleteDatabase('footfall');
      del.onsuccess = () => (w.deleted = 'yes');
      del.onblocked = () => (w.deleted ||= 'blocked');
    });
    const second = await context.newPage();
    await second.goto(`${stub.url}/t/idb.html`);
    await sdkReady(second);
    const t0 = Date.now();
    await track(second, 'second-tab');
    await until(() => trackNames(stub.unique(key)).includes('second-tab'), 'the second tab’s event', 5000);
    console.log(`[sdk storage] delete in another tab: delivered in ${Date.now() - t0} ms`);
    await first.waitForFunction(() => (window as unknown as { deleted?: string }).deleted === 'yes', null, { timeout: 5000 });
    await context.close();
  });

  it('a delete stays blocked by a connection that never closes: a second tab gives up its open and delivers within 5 s', async () => {
    const { browser, stub } = env;
    const key = 'e2e-idb-stuck';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/idb-stuck.html', testPage(key));
    stub.pages.set('/t/holder.html', '<!doctype html><title>holder</title>');
    const context = await browser.newContext();
    const holder = await context.newPage();
    await holder.goto(`${stub.url}/t/holder.html`);
    // A page's own connection without a versionchange handler, then a delete it blocks.
    await holder.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open('footfall');
          open.onupgradeneeded = () => open.result.createObjectStore('queue');
          open.onsuccess = () => {
            (window as unknown as { db: IDBDatabase }).db = open.result;
            indexedDB.deleteDatabase('footfall').onblocked = () => resolve();
          };
        }),
    );
    const second = await context.newPage();
    await second.goto(`${stub.url}/t/idb-stuck.html`);
    await sdkReady(second);
    const t0 = Date.now();
    await track(second, 'stuck-tab');
    await until(() => trackNames(stub.unique(key)).includes('stuck-tab'), 'the event of the tab whose open is stuck', 5000);
    console.log(`[sdk storage] delete blocked by a foreign connection: delivered in ${Date.now() - t0} ms`);
    await context.close();
  });
});

describe("consent: 'required'", () => {
  it('writes nothing to the device (no IndexedDB database, no localStorage key) before a grant, nor after a deny', async () => {
    const { browser, stub } = env;
    const key = 'e2e-consent-device';
    stub.respond = () => ({ status: 200 });
    stub.pages.set('/t/consent.html', testPage(key, 'data-consent="required" data-flush-interval="150"'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stub.url}/t/consent.html`);
    await sdkReady(page);
    await track(page, 'undecided');
    await page.waitForTimeout(1500);
    expect(await onDevice(page)).toEqual({ dbs: [], keys: [] });
    await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('consent', 'deny'));
    await track(page, 'denied');
    await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('flush'));
    await page.waitForTimeout(1500);
    expect(await onDevice(page)).toEqual({ dbs: [], keys: [] });
    await page.reload();
    await sdkReady(page);
    await page.waitForTimeout(1000);
    expect(await onDevice(page)).toEqual({ dbs: [], keys: [] });
    expect(stub.received.filter((r) => r.writeKey === key)).toEqual([]);
    // A grant opens storage and sends what was held.
    await track(page, 'held');
    await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => void }).footfall('consent', 'grant'));
    await until(() => trackNames(stub.unique(key)).includes('held'), 'the held event after the grant');
    expect((await onDevice(page)).dbs).toEqual(['footfall']);
    await context.close();
  });
});

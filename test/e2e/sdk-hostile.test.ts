// Hostile host pages (docs/sdk.md, "Hostile pages"), in real Chromium against the BUILT
// script tag: built-ins the SDK relies on, replaced by the page before the SDK loads or
// after, neither stop delivery nor make the SDK throw or reject into the page.
import { describe, expect, it } from 'vitest';
import { until } from '../lib/collector-stub.js';
import { sdkReady, testPage, useChromiumAndStub } from './sdk-helpers.js';

const env = useChromiumAndStub();

/** Page code that breaks one built-in (run in the page as a function body). */
const OVERRIDES: Record<string, string> = {
  'Promise.prototype.then': `Promise.prototype.then = function () { throw new Error('hostile then'); };`,
  'Array.prototype.map': `Array.prototype.map = function () { throw new Error('hostile map'); };`,
  'Array.prototype.forEach': `Array.prototype.forEach = function () { throw new Error('hostile forEach'); };`,
  'Array.prototype.filter': `Array.prototype.filter = function () { return []; };`,
  'JSON.stringify': `JSON.stringify = function () { return '{}'; };`,
  'JSON.parse': `JSON.parse = function () { throw new Error('hostile parse'); };`,
};

/** JSON replaced before the SDK loads is all the SDK can see: it must not throw, but cannot send (stringify) or clean props (parse). */
const CANNOT_SEND_BEFORE = new Set(['JSON.stringify']);
const PROPS_LOST_BEFORE = new Set(['JSON.parse']);

describe('hostile host pages', () => {
  for (const [what, code] of Object.entries(OVERRIDES)) {
    for (const when of ['before', 'after'] as const) {
      it(`${what} replaced ${when} the SDK loads: nothing thrown or rejected into the page${when === 'before' && CANNOT_SEND_BEFORE.has(what) ? ', events kept queued' : when === 'before' && PROPS_LOST_BEFORE.has(what) ? ', events delivered (props dropped)' : ', events delivered with their props'}`, async () => {
        const { browser, stub } = env;
        const key = `e2e-hostile-${what}-${when}`.replace(/\W+/g, '-');
        stub.respond = () => ({ status: 200 });
        stub.pages.set(`/t/${key}.html`, testPage(key, 'data-flush-interval="150" data-vitals="false"', '<button id="b">b</button>'));
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.addInitScript(() => {
          const w = window as unknown as { problems: string[] };
          w.problems = [];
          addEventListener('error', (e) => w.problems.push('error: ' + e.message));
          addEventListener('unhandledrejection', (e) => w.problems.push('rejection: ' + String(e.reason)));
        });
        if (when === 'before') await page.addInitScript(code);
        await page.goto(`${stub.url}/t/${key}.html`);
        await sdkReady(page);
        if (when === 'after') await page.evaluate(code);
        await page.evaluate(() => {
          const ff = (window as unknown as { footfall: (...a: unknown[]) => unknown }).footfall;
          ff('track', 'hostile', { plan: 'pro', items: [1, 2] });
          ff('identify', 'user-1', { tier: 'gold' });
          ff('flush');
        });
        await page.click('#b');
        await page.waitForTimeout(300);
        if (!(when === 'before' && CANNOT_SEND_BEFORE.has(what))) {
          await until(() => stub.unique(key).some((e) => e.type === 'track'), 'the tracked event', 10_000);
          const e = stub.unique(key).find((x) => x.type === 'track')!;
          const lost = when === 'before' && PROPS_LOST_BEFORE.has(what);
          expect(e).toMatchObject(lost ? { name: 'hostile' } : { name: 'hostile', props: { plan: 'pro', items: [1, 2] } });
          expect(stub.unique(key).find((x) => x.type === 'identify')).toMatchObject(lost ? { userId: 'user-1' } : { userId: 'user-1', traits: { tier: 'gold' } });
        } else {
          // Nothing is sent through the page's JSON; the events wait in IndexedDB for a page where JSON works.
          const queued = await page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const open = indexedDB.open('footfall');
                open.onsuccess = () => {
                  const count = open.result.transaction('queue').objectStore('queue').count();
                  count.onsuccess = () => resolve(count.result);
                };
              }),
          );
          expect(queued).toBeGreaterThanOrEqual(2);
          expect(stub.received.filter((r) => r.status === 200 && r.events.length === 0)).toEqual([]);
        }
        await page.evaluate(() => (window as unknown as { footfall: (...a: unknown[]) => unknown }).footfall('track', 'late'));
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => (window as unknown as { problems: string[] }).problems)).toEqual([]);
        await page.close({ runBeforeUnload: true });
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});

import { describe, expect, it } from 'vitest';
import { analyze, createJourneyModel, DEFAULT_FUNNEL_STEPS, FootfallError, predict, visitorJourney, type SiteModel } from '@footfall/core';
import { createCollectorApp } from './app.js';
import { createMemoryStore } from './memory.js';
import { createModelApi } from './model-api.js';
import type { Store } from './store.js';
import { shopEvents } from '../test/shop-events.js';

const START = Date.UTC(2026, 9, 1);
const NOW = START + 20 * 86_400_000;
const events = shopEvents(40, START);

async function storeOf(list = events): Promise<Store> {
  const store = createMemoryStore();
  await store.append(list.map((e) => ({ ...e, writeKey: 'site' })));
  return store;
}

const get = (handler: (r: Request) => Promise<Response>, headers: Record<string, string> = {}) => handler(new Request('http://x/v1/model', { headers }));

describe('GET /v1/model', () => {
  it('serves the journey model fitted on the stored events, the main funnel, versioned by content, cacheable', async () => {
    let clock = NOW;
    const api = createModelApi(await storeOf(), { now: () => clock, clean: [['/product/*', '/product/*']], ttlMs: 60_000 });
    const r = await get(api);
    expect(r.status).toBe(200);
    const model = (await r.json()) as SiteModel;
    const expected = analyze(events, createJourneyModel({ clean: [['/product/*', '/product/*']] }));
    expect(model.journey.sessions).toBeGreaterThan(40);
    expect(model.journey).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(model.funnel).toEqual([...DEFAULT_FUNNEL_STEPS]);
    expect(model.version).toMatch(/^[0-9a-f]{16}$/);
    expect(r.headers.get('etag')).toBe(`"${model.version}"`);
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    // The same version again: 304; a refit with the same events keeps the version.
    expect((await get(api, { 'if-none-match': `W/"x", "${model.version}"` })).status).toBe(304);
    clock += 61_000;
    const again = await get(api);
    expect(again.headers.get('etag')).toBe(`"${model.version}"`);
    // predict in Node over this model gives what the SDK's journey extra computes with visitorJourney.
    const mine = events.filter((e) => e.anonymousId === 'anon-0-0');
    const j = visitorJourney(model, mine);
    const lastSession = mine; // one short visit: one session
    expect(j.conversionProbability).toBe(predict(model.journey, lastSession).conversionProbability);
  });

  it('fits once for concurrent requests, only inside its window, at most maxEvents, and keeps the last good model when a refit fails', async () => {
    const store = await storeOf();
    let scans = 0;
    let fail = false;
    const counting: Store = {
      ...store,
      scan(options) {
        scans++;
        if (fail) throw new Error('disk gone');
        return store.scan(options);
      },
    };
    let clock = NOW;
    const api = createModelApi(counting, { now: () => clock, maxEvents: 10, ttlMs: 1000 });
    const [a, b] = await Promise.all([get(api), get(api)]);
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'));
    expect(scans).toBe(2); // two passes (identity, then the fit), one fit
    const small = (await a.json()) as SiteModel;
    expect(small.journey.sessions).toBeLessThanOrEqual(10);
    fail = true;
    clock += 2000;
    const kept = await get(api);
    expect(kept.status).toBe(200);
    expect(kept.headers.get('etag')).toBe(a.headers.get('etag'));
    const outside = createModelApi(store, { now: () => START - 86_400_000 });
    expect(((await (await get(outside)).json()) as SiteModel).journey.sessions).toBe(0);
  });

  it('answers 503 with a typed error when the first fit fails, and refuses a bad configuration at once', async () => {
    const store = await storeOf();
    const broken: Store = { ...store, scan: () => { throw new Error('disk gone'); } };
    const r = await get(createModelApi(broken));
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('STORE_FAILED');
    expect(() => createModelApi(store, { funnel: ['nope:'] })).toThrow(FootfallError);
    expect(() => createModelApi(store, { funnel: [] })).toThrow(/funnel is empty/);
    expect(() => createModelApi(store, { ttlMs: -1 })).toThrow(/ttlMs/);
  });

  it('is served by the collector app without a token, as an API answer', async () => {
    const app = createCollectorApp({ store: await storeOf(), readToken: 'secret', model: { funnel: ['page:/', 'cart:purchase'] } });
    const r = await app.fetch(new Request('http://x/v1/model'));
    expect(r.status).toBe(200);
    expect(((await r.json()) as SiteModel).funnel).toEqual(['page:/', 'cart:purchase']);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, createFunnel, createPages, keepSessions, normalize, type FootfallEvent } from '@footfall/core';
import { createClickHouseStore, type ClickHouseStore } from './clickhouse.js';
import { createQueryApi } from './query-api.js';
import { runQuery } from './run-query.js';
import { learnLinks } from './store.js';
import { clickHouseUrl } from '../test/clickhouse-url.js';
import { shopEvents } from '../test/shop-events.js';

const url = await clickHouseUrl();
const table = `t_pushdown_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
// Cross-device logins included: the pushdown groups by the stitched person, as the core does.
const events: FootfallEvent[] = shopEvents(80);
let store: ClickHouseStore;

describe.skipIf(!url)('ClickHouse pushdown parity with the core', () => {
  beforeAll(async () => {
    store = await createClickHouseStore({ url, table });
    await store.append(events.map((e) => ({ ...e, writeKey: 'site' })));
    await store.append(events.slice(0, 40).map((e) => ({ ...e, writeKey: 'site', receivedAt: 1 }))); // retried copies
  });
  afterAll(async () => {
    if (!store) return;
    await fetch(url!, { method: 'POST', body: `DROP TABLE IF EXISTS ${table}` });
    await store.close();
  });

  it.each([
    [['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'], undefined],
    [['page:/', 'cart:add', 'cart:purchase'], 120_000],
    [['page:/product/*', 'page:/checkout'], 30_000],
  ] as const)('windowFunnel counts equal the core funnel: %j within %s ms', async (steps, windowMs) => {
    const links = await learnLinks(store, { writeKey: 'site' });
    expect(Object.keys(links).length).toBeGreaterThan(10);
    const pushed = await store.funnel({ steps, windowMs, writeKey: 'site', links });
    const core = analyze(events, createFunnel({ steps, windowMs }));
    expect(pushed.steps.map((s) => s.count)).toEqual(core.steps.map((s) => s.count));
    expect(pushed.steps[0].count).toBeGreaterThan(0);
  });

  it('GROUP BY page views equal the core pages analyzer', async () => {
    const pushed = await store.pageViews({ writeKey: 'site' });
    const core = analyze(events, createPages());
    const views = (list: { path: string; views: number }[]) => Object.fromEntries(list.map((p) => [p.path, p.views]));
    expect(views(pushed.pages)).toEqual(views(core.pages));
  });

  it('engine=store on the query API answers through the pushdowns', async () => {
    const api = createQueryApi({ store, readToken: 't' });
    const ask = async (path: string) => (await api(new Request(`http://x${path}`, { headers: { authorization: 'Bearer t' } }))).json();
    const funnel = (await ask('/v1/funnel?engine=store&step=page:/&step=cart:purchase&window=1d')) as { steps: { count: number }[] };
    const core = analyze(events, createFunnel({ steps: ['page:/', 'cart:purchase'], windowMs: 86_400_000 }));
    expect(funnel.steps.map((s) => s.count)).toEqual(core.steps.map((s) => s.count));
    const pages = (await ask('/v1/pages?engine=store')) as { pages: { path: string; views: number }[] };
    expect(pages.pages.find((p) => p.path === '/')?.views).toBe(analyze(events, createPages()).pages.find((p) => p.path === '/')?.views);
  });

  it('engine=store with a channel or device filter is answered by the core, filtered by whole sessions', async () => {
    const api = createQueryApi({ store, readToken: 't', partitions: 1 });
    const ask = async (path: string) => (await api(new Request(`http://x${path}`, { headers: { authorization: 'Bearer t' } }))).json();
    const steps = ['page:/', 'cart:purchase'];
    const keep = keepSessions({ device: 'mobile' });
    const funnel = createFunnel({ steps });
    for (const e of normalize(events)) if (keep.keep(e)) funnel.add(e);
    const pushed = (await ask('/v1/funnel?engine=store&step=page:/&step=cart:purchase&device=mobile')) as { steps: { count: number }[] };
    expect(pushed).toEqual(JSON.parse(JSON.stringify(funnel.result())));
    expect(pushed.steps[0].count).toBeLessThan(analyze(events, createFunnel({ steps })).steps[0].count);
    const pages = (await ask('/v1/pages?engine=store&channel=paid')) as { pages: { path: string; views: number }[] };
    expect(pages).toEqual(await ask('/v1/pages?channel=paid'));
  });

  it('the query API runs over ClickHouse in worker partitions, equal to one run', async () => {
    const query = { name: 'funnel' as const, params: 'step=page:/&step=cart:add&step=cart:purchase' };
    const one = await runQuery(store, query, { partitions: 1 });
    expect(await runQuery(store, query, { partitions: 2 })).toEqual(one);
    expect(one).toEqual(JSON.parse(JSON.stringify(analyze(events, createFunnel({ steps: ['page:/', 'cart:add', 'cart:purchase'] })))));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFunnel, createKpis, keepSessions, normalize, type Analyzer, type SessionFilterOptions } from '@footfall/core';
import { createDuckDbStore } from './duckdb.js';
import { createQueryApi } from './query-api.js';
import { QUERY_NAMES } from './query-params.js';
import { runQuery } from './run-query.js';
import type { Store } from './store.js';
import { shopEvents } from '../test/shop-events.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-filter-'));
const events = shopEvents(60);
let store: Store;
let api: (request: Request) => Promise<Response>;
const ask = async <T>(path: string) => {
  const res = await api(new Request(`http://x${path}`, { headers: { authorization: 'Bearer t' } }));
  return { status: res.status, body: (await res.json()) as T };
};

/** The oracle: the core over the same events, whole sessions kept by the core's filter. */
function core<R>(analyzer: Analyzer<unknown, R>, filter: SessionFilterOptions): R {
  const keep = keepSessions(filter);
  for (const e of normalize(events)) if (keep.keep(e)) analyzer.add(e);
  return JSON.parse(JSON.stringify(analyzer.result())) as R;
}

type Kpis = { sessions: number; persons: number; orders: number };

beforeAll(async () => {
  store = await createDuckDbStore({ path: join(dir, 'filter.duckdb') });
  await store.append(events.map((e) => ({ ...e, writeKey: 'site' })));
  api = createQueryApi({ store, readToken: 't', partitions: 1 });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('query API session filters (channel, device)', () => {
  it('device keeps whole sessions by their first event: mobile + desktop = all, equal to the core', async () => {
    const all = (await ask<Kpis>('/v1/kpis')).body;
    const mobile = (await ask<Kpis>('/v1/kpis?device=mobile')).body;
    const desktop = (await ask<Kpis>('/v1/kpis?device=desktop')).body;
    const tablet = (await ask<Kpis>('/v1/kpis?device=tablet')).body;
    expect(mobile.sessions).toBeGreaterThan(0);
    expect(desktop.sessions).toBeGreaterThan(mobile.sessions);
    expect(mobile.sessions + desktop.sessions).toBe(all.sessions);
    expect(mobile.orders + desktop.orders).toBe(all.orders);
    expect(tablet).toMatchObject({ sessions: 0, persons: 0, orders: 0 });
    expect(mobile).toEqual(core(createKpis(), { device: 'mobile' }));
    expect(desktop).toEqual(core(createKpis(), { device: 'desktop' }));
  });

  it('channel matches the entry channel by name or by class, and combines with device', async () => {
    const all = (await ask<Kpis>('/v1/kpis')).body;
    const paid = (await ask<Kpis>('/v1/kpis?channel=paid')).body;
    const named = (await ask<Kpis>(`/v1/kpis?channel=${encodeURIComponent('google/cpc')}`)).body;
    const direct = (await ask<Kpis>('/v1/kpis?channel=direct')).body;
    expect(paid.sessions).toBeGreaterThan(0);
    expect(named).toEqual(paid);
    expect(paid.sessions + direct.sessions).toBe(all.sessions);
    expect(paid).toEqual(core(createKpis(), { channel: 'paid' }));
    // the test shop's paid visits all come from desktops
    expect((await ask<Kpis>('/v1/kpis?channel=paid&device=mobile')).body.sessions).toBe(0);
  });

  it('the funnel counts only persons of kept sessions', async () => {
    const steps = ['page:/', 'page:/product/*', 'cart:purchase'];
    const qs = steps.map((s) => `step=${encodeURIComponent(s)}`).join('&');
    const all = (await ask<{ steps: { count: number }[] }>(`/v1/funnel?${qs}`)).body;
    const mobile = (await ask<{ steps: { count: number }[] }>(`/v1/funnel?${qs}&device=mobile`)).body;
    expect(mobile.steps[0].count).toBeGreaterThan(0);
    expect(mobile.steps[0].count).toBeLessThan(all.steps[0].count);
    expect(mobile).toEqual(core(createFunnel({ steps }), { device: 'mobile' }));
  });

  it('every query changes under a filter, and worker partitions give the filtered one-run answer', async () => {
    const params: Record<string, string> = {
      funnel: 'step=page:/&step=page:/product/*&step=cart:purchase',
      heatmap: 'page=/',
      attribution: 'model=last',
      bottlenecks: 'min-group=2&alpha=0.5&step=page:/&step=cart:purchase',
      kpis: 'timeline=day',
      person: 'id=anon-0-0',
    };
    for (const name of QUERY_NAMES) {
      const base = params[name] ?? '';
      const all = await runQuery(store, { name, params: base }, { partitions: 1 });
      const query = { name, params: `${base}&device=mobile` };
      const one = await runQuery(store, query, { partitions: 1 });
      expect(await runQuery(store, query, { partitions: 3 }), name).toEqual(one);
      // The shop log has no significant bottleneck, no email events and no cart items: those answers stay empty either way.
      if (!['bottlenecks', 'email', 'products'].includes(name)) expect(one, name).not.toEqual(all);
    }
  }, 180_000); // every query, three worker threads each, on a shared machine

  it('400 for a device class that does not exist', async () => {
    const res = await ask<{ error: { code: string; message: string } }>('/v1/kpis?device=phone');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('device "phone" is not a device class: pick one of desktop, tablet, mobile');
  });
});

/** docs/events.md, "Events without a browser": persons, sessions and what the existing analyzers make of them. */
import { describe, expect, it } from 'vitest';
import type { FootfallEvent } from './events.js';
import { createFunnel } from './funnel.js';
import { createKpis } from './kpis.js';
import { normalize } from './normalize.js';
import { createPages } from './pages.js';
import { createPaths } from './paths.js';
import { analyze, analyzeStream } from './pipeline.js';
import { keepSessions } from './session-filter.js';

const t = Date.UTC(2026, 10, 2, 9);
const min = 60_000;
const url = (path: string) => `https://shop.test${path}`;
const browser: FootfallEvent[] = [
  { id: 'b1', type: 'page', ts: t, anonymousId: 'a1', url: url('/?utm_source=google&utm_medium=cpc&utm_campaign=spring') },
  { id: 'b2', type: 'cart', ts: t + min, anonymousId: 'a1', url: url('/product/trail-runner'), action: 'add', items: [{ id: 'trail-runner', price: 80 }] },
  { id: 'b3', type: 'identify', ts: t + 2 * min, anonymousId: 'a1', userId: 'u1', url: url('/login') },
];
const server: FootfallEvent[] = [
  { id: 's1', type: 'cart', ts: t + 5 * min, userId: 'u1', action: 'purchase', orderId: 'A-1', value: 80, currency: 'EUR' },
  { id: 's2', type: 'email', ts: t - 60 * min, userId: 'u1', action: 'sent', campaign: 'spring' },
  { id: 's3', type: 'ticket', ts: t + 3 * 60 * min, userId: 'u1', ticketId: 'T-1', reason: 'sizing' },
  { id: 's4', type: 'review', ts: t + 5 * 24 * 60 * min, userId: 'u1', product: 'trail-runner', rating: 2 },
  { id: 's5', type: 'adstats', ts: Date.UTC(2026, 10, 2), source: 'google', medium: 'cpc', campaign: 'spring', impressions: 900, clicks: 30, cost: 45 },
  { id: 's6', type: 'cart', ts: t + 9 * 60 * min, userId: 'u1', action: 'purchase', orderId: 'A-2', value: 20 },
];

describe('events without a browser', () => {
  it('stitches a userId-only event to the person; person-level types get no session, adstats no person', () => {
    const out = normalize([...server, ...browser]);
    const by = new Map(out.map((e) => [e.id, e]));
    expect(['b1', 'b2', 'b3', 's1'].map((id) => [by.get(id)!.person, by.get(id)!.session])).toEqual([['u1', 'u1#1'], ['u1', 'u1#1'], ['u1', 'u1#1'], ['u1', 'u1#1']]);
    expect(by.get('s1')!.channel).toEqual({ name: 'google/cpc', kind: 'paid' });
    for (const id of ['s2', 's3', 's4']) expect([by.get(id)!.person, by.get(id)!.session]).toEqual(['u1', '']);
    expect(by.get('s6')!.session).toBe(''); // 9 h after the visit: joins no session, starts none
    expect([by.get('s5')!.person, by.get('s5')!.session, by.get('s5')!.channel]).toEqual(['', '', { name: 'google/cpc', kind: 'paid' }]);
  });

  it('a funnel page:/ > cart:add > cart:purchase counts the person once, browser and server events arriving apart', () => {
    const steps = ['page:/', 'cart:add', 'cart:purchase'];
    for (const events of [[...browser, ...server], [...server, ...browser], [...server.slice(0, 1), ...browser]]) {
      const r = analyze(events, createFunnel({ steps }));
      expect(r.steps.map((s) => s.count)).toEqual([1, 1, 1]);
      expect(r.persons).toBe(1);
    }
  });

  it('streamed twice (analyzeStream), a browser file then a backend file give the same funnel', async () => {
    const funnel = createFunnel({ steps: ['page:/', 'cart:add', 'cart:purchase'] });
    async function* files() {
      yield* browser; // browser.ndjson
      yield* server; // orders.ndjson, imported apart
    }
    expect(await analyzeStream({ [Symbol.asyncIterator]: files }, [funnel])).toBe(server.length + browser.length);
    expect(funnel.result().steps.map((s) => s.count)).toEqual([1, 1, 1]);
  });

  it('makes no session, page view or path item of them; KPIs count the server orders once each', () => {
    const events = [...browser, ...server, { ...server[0], id: 'b9', anonymousId: 'a1', url: url('/thanks') } as FootfallEvent];
    const kpis = analyze(events, createKpis());
    expect([kpis.sessions, kpis.persons, kpis.orders, kpis.revenue, kpis.conversionRate]).toEqual([1, 1, 2, 100, 1]);
    const pages = analyze(events, createPages());
    expect(pages.pages.map((p) => p.path).sort()).toEqual(['/']);
    expect([pages.pages[0].views, pages.pages[0].sessions, pages.pages[0].bounceRate]).toEqual([1, 1, 1]); // one page view: a bounce, whatever the server adds
    expect(analyze(events, createPaths()).topPaths).toEqual([{ path: ['/', 'cart:add', 'cart:purchase'], count: 1 }]); // the two copies of A-1 collapse
  });

  it('a channel filter keeps ad statistics of that channel and a person’s sessionless events after a kept session', () => {
    const out = normalize([...browser, ...server]);
    const keepPaid = keepSessions({ channel: 'paid' });
    expect(out.filter((e) => keepPaid.keep(e)).map((e) => e.id).sort()).toEqual(['b1', 'b2', 'b3', 's1', 's3', 's4', 's5', 's6']);
    const keepMobile = keepSessions({ device: 'mobile' });
    expect(out.filter((e) => keepMobile.keep(e))).toEqual([]);
  });
});

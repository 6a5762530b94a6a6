/** docs/metrics.md, "Events beyond the browser": what the browser-only analyses make of the other sources. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChannels } from './channels.js';
import { createEmail } from './email.js';
import { startsSessions } from './event-scope.js';
import { createKpis } from './kpis.js';
import { rawJourneys } from '../test/journey-arbitrary.js';
import { createPages } from './pages.js';
import { analyze } from './pipeline.js';
import { createProducts } from './products.js';
import { createService } from './service.js';

describe('events beyond the browser', () => {
  it('change no page metric, session count, pages per session or session length', () => {
    fc.assert(
      fc.property(rawJourneys, (events) => {
        const browserOnly = events.filter(startsSessions);
        expect(analyze(events, createPages())).toEqual(analyze(browserOnly, createPages()));
        const pick = ({ sessions, pagesPerSession, medianSessionMs }: ReturnType<ReturnType<typeof createKpis>['result']>) => ({ sessions, pagesPerSession, medianSessionMs });
        expect(pick(analyze(events, createKpis()))).toEqual(pick(analyze(browserOnly, createKpis())));
      }),
      { numRuns: 80 },
    );
  });
});

describe('keys from data', () => {
  it('campaign, product, page and reason names like __proto__ or constructor are plain keys', () => {
    const t = Date.UTC(2026, 10, 2);
    const events = [
      { id: 'a', type: 'adstats', ts: t, source: '__proto__', medium: 'cpc', campaign: 'constructor', impressions: 10, clicks: 1, cost: 2 },
      { id: 'p', type: 'page', ts: t, anonymousId: 'x', url: 'https://shop.test/__proto__?utm_source=__proto__&utm_medium=cpc&utm_campaign=constructor' },
      { id: 'v', type: 'cart', ts: t + 1, anonymousId: 'x', url: 'https://shop.test/p', action: 'view_item', items: [{ id: 'constructor' }, { id: '__proto__' }] },
      { id: 'm', type: 'email', ts: t, userId: 'x', action: 'sent', campaign: '__proto__' },
      { id: 'k', type: 'ticket', ts: t + 2, anonymousId: 'x', ticketId: '__proto__', reason: 'toString', page: '/__proto__', product: 'constructor' },
      { id: 'r', type: 'review', ts: t + 3, anonymousId: 'x', product: 'hasOwnProperty', rating: 4 },
    ] as const;
    const channels = analyze(events as never, createChannels({ by: ['source', 'campaign'] }));
    expect(channels.rows.map((r) => [r.source, r.campaign, r.impressions, r.sessions])).toEqual([['__proto__', 'constructor', 10, 1]]);
    expect(analyze(events as never, createEmail()).campaigns.map((c) => [c.campaign, c.sent])).toEqual([['__proto__', 1]]);
    expect(analyze(events as never, createProducts()).products.map((p) => [p.product, p.views, p.ratings])).toEqual([['__proto__', 1, 0], ['constructor', 1, 0], ['hasOwnProperty', 0, 1]]);
    const service = analyze(events as never, createService());
    expect([service.byPage, service.byProduct.map((r) => r.key), service.byReason.map((r) => r.key)]).toEqual([[{ key: '/__proto__', contacts: 1, sessions: 1, per1000Sessions: 1000 }], ['constructor'], ['toString']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

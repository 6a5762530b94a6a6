import { describe, expect, it } from 'vitest';
import { checkEnvelope, validateEvent } from './events.js';

const t = 1732280000000;
const order = { id: 'o1', type: 'cart', ts: t, userId: 'u1', action: 'purchase', orderId: 'A-1', value: 80, currency: 'EUR' };
const email = { id: 'm1', type: 'email', ts: t, userId: 'u1', action: 'click', campaign: 'spring', link: 'https://shop.test/?utm_campaign=spring' };
const ticket = { id: 'k1', type: 'ticket', ts: t, userId: 'u1', ticketId: 'T-1', reason: 'sizing', page: '/product/trail-runner', product: 'trail-runner', firstResponseAt: t + 3_600_000, resolvedAt: t + 86_400_000 };
const review = { id: 'r1', type: 'review', ts: t, userId: 'u1', product: 'trail-runner', rating: 4.5, text: 'Runs small' };
const adstats = { id: 'd1', type: 'adstats', ts: 1732233600000, source: 'google', medium: 'cpc', campaign: 'spring', keyword: 'trail shoes', impressions: 1000, clicks: 40, cost: 52.5, currency: 'EUR' };

describe('events without a browser (docs/events.md)', () => {
  it('accepts a server order, email, ticket, review and ad statistics with userId alone and no url', () => {
    for (const e of [order, email, ticket, review, adstats]) expect(validateEvent(e)).toEqual({ ok: true, value: e });
  });
  it('needs a person on every event but adstats', () => {
    const { userId: _, ...nobody } = order;
    expect(validateEvent(nobody)).toEqual({ ok: false, errors: ['anonymousId: required when there is no userId, got nothing'] });
    expect(validateEvent({ ...email, userId: undefined }, 'events[1]')).toEqual({ ok: false, errors: ['events[1].anonymousId: required when there is no userId, got nothing'] });
  });
  it('keeps url and anonymousId required for the browser types', () => {
    expect(validateEvent({ id: 'p', type: 'page', ts: t, userId: 'u1' })).toEqual({ ok: false, errors: ['anonymousId: required, got nothing', 'url: required, got nothing'] });
  });
  it('bounds every new field', () => {
    expect(validateEvent({ ...email, action: 'bounce' }).ok).toBe(false);
    expect(validateEvent({ ...email, campaign: '' }).ok).toBe(false);
    expect(validateEvent({ ...review, rating: 0 })).toEqual({ ok: false, errors: ['rating: expected 1 ≤ value ≤ 5, got 0'] });
    expect(validateEvent({ ...review, rating: 6 }).ok).toBe(false);
    expect(validateEvent({ ...review, text: 'x'.repeat(4097) })).toEqual({ ok: false, errors: ['text: expected at most 4096 characters, got 4097'] });
    expect(validateEvent({ ...review, product: 'x'.repeat(257) }).ok).toBe(false);
    expect(validateEvent({ ...ticket, ticketId: 'x'.repeat(257) }).ok).toBe(false);
    expect(validateEvent({ ...adstats, clicks: 1.5 })).toEqual({ ok: false, errors: ['clicks: expected integer, got 1.5'] });
    expect(validateEvent({ ...adstats, cost: -1 })).toEqual({ ok: false, errors: ['cost: expected 0 ≤ value, got -1'] });
    expect(validateEvent({ ...adstats, keyword: 'x'.repeat(257) }).ok).toBe(false);
  });
  it('rejects a ticket answered or resolved before it was opened', () => {
    expect(validateEvent({ ...ticket, firstResponseAt: t - 1 })).toEqual({ ok: false, errors: [`firstResponseAt: expected at or after ts (${t}), got ${t - 1}`] });
    expect(validateEvent({ ...ticket, firstResponseAt: undefined, resolvedAt: t - 1 }, 'e').ok).toBe(false);
  });
  it('holds a public write key (origin browser) to events of a device on a page', () => {
    const r = checkEnvelope({ v: 1, sentAt: t, writeKey: 'site', events: [order, email, { ...order, id: 'o2', anonymousId: 'a1', url: 'https://shop.test/thanks' }] });
    expect(r.accepted.map((e) => e.id)).toEqual(['o2']);
    expect(r.rejected).toEqual([
      { index: 0, errors: ['events[0].anonymousId: required from a browser (public write key), got nothing; send userId-only events with a server key', 'events[0].url: required from a browser (public write key), got nothing'] },
      { index: 1, errors: ['events[1].type: "email" events come from a server key or an import, not the public write key'] },
    ]);
    expect(checkEnvelope({ v: 1, sentAt: t, writeKey: 'srv', events: [order, email, ticket, review, adstats] }, { origin: 'server' }).accepted).toHaveLength(5);
  });
});

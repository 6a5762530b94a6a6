import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmail } from './email.js';
import type { EmailAction, FootfallEvent } from './events.js';
import { journeysAcrossSources } from '../test/journey-arbitrary.js';
import { oneRunAndMerged } from '../test/merge-property.js';
import { analyze } from './pipeline.js';

const t = Date.UTC(2026, 10, 2, 9);
let n = 0;
const mail = (userId: string, action: EmailAction, campaign = 'spring', at = t): FootfallEvent => ({ id: `m${++n}`, type: 'email', ts: at, userId, action, campaign });
const visit = (userId: string, q: string, buy?: number): FootfallEvent[] => [
  { id: `v${++n}`, type: 'page', ts: t + 3_600_000, anonymousId: `a-${userId}`, userId, url: `https://shop.test/${q}` },
  ...(buy ? [{ id: `v${++n}`, type: 'cart', ts: t + 3_700_000, anonymousId: `a-${userId}`, userId, url: 'https://shop.test/thanks', action: 'purchase', value: buy, orderId: `${userId}-1` } as FootfallEvent] : []),
];
const fromMail = '?utm_source=newsletter&utm_medium=email&utm_campaign=spring';

describe('email campaigns', () => {
  it('the worked case of docs/metrics.md', () => {
    const events = [
      ...['u1', 'u2', 'u3', 'u4'].map((u) => mail(u, 'sent')),
      mail('u1', 'open'), mail('u1', 'open', 'spring', t + 60_000), mail('u2', 'open'), mail('u1', 'click'),
      ...visit('u1', fromMail, 60), ...visit('u2', fromMail), ...visit('u3', '?utm_source=google&utm_medium=cpc&utm_campaign=spring', 40),
      mail('u5', 'click', 'june'),
    ];
    expect(analyze(events, createEmail()).campaigns).toEqual([
      { campaign: 'spring', sent: 4, opened: 2, openRate: 0.5, clicked: 1, clickRate: 0.25, clickToOpenRate: 0.5, sessions: 2, conversions: 1, orders: 1, revenue: 60 },
      { campaign: 'june', sent: 0, opened: 0, openRate: null, clicked: 1, clickRate: null, clickToOpenRate: null, sessions: 0, conversions: 0, orders: 0, revenue: 0 },
    ]);
  });

  it('merging person shards equals one run', () => {
    fc.assert(
      fc.property(journeysAcrossSources, fc.integer({ min: 1, max: 4 }), (events, k) => {
        const [one, merged] = oneRunAndMerged(() => createEmail(), events, k);
        expect(merged).toEqual(one);
      }),
      { numRuns: 150 },
    );
  });
});

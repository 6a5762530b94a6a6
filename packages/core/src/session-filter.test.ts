import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeviceClass, NormalizedEvent } from './analyzer.js';
import { createKpis } from './kpis.js';
import { shardByPerson } from '../test/make-events.js';
import { journeys } from '../test/merge-property.js';
import { normalize } from './normalize.js';
import { keepSessions } from './session-filter.js';

const T0 = Date.UTC(2026, 10, 2);
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

const kept = (events: NormalizedEvent[], options: Parameters<typeof keepSessions>[0]) => {
  const f = keepSessions(options);
  return events.filter((e) => f.keep(e)).map((e) => e.id);
};

describe('keepSessions', () => {
  const events = normalize([
    // a: mobile session from the newsletter; its later desktop-sized click stays in the session
    { id: 'a1', type: 'page', ts: T0, anonymousId: 'a', url: 'https://shop.test/?utm_source=newsletter&utm_medium=email', ctx: { ua: IPHONE, vw: 390 } },
    { id: 'a2', type: 'click', ts: T0 + 1000, anonymousId: 'a', url: 'https://shop.test/', selector: '#b', tag: 'button', x: 1, y: 1, rx: 0.5, ry: 0.5, vw: 1400, vh: 800, dh: 2000 },
    // a, again 2 h later: a direct desktop session
    { id: 'a3', type: 'page', ts: T0 + 7_200_000, anonymousId: 'a', url: 'https://shop.test/cart', ctx: { ua: DESKTOP, vw: 1440 } },
    { id: 'a4', type: 'cart', action: 'purchase', ts: T0 + 7_260_000, anonymousId: 'a', url: 'https://shop.test/cart', value: 20 },
    // b: google ads on a phone
    { id: 'b1', type: 'page', ts: T0, anonymousId: 'b', url: 'https://shop.test/p?utm_source=google&utm_medium=cpc', ctx: { ua: IPHONE, vw: 390 } },
    // c: no user agent or viewport on the session's first event
    { id: 'c1', type: 'track', name: 'x', ts: T0, anonymousId: 'c', url: 'https://shop.test/' },
  ]);

  it('keeps every event without options', () => {
    const f = keepSessions();
    expect(f.active).toBe(false);
    expect(events.every((e) => f.keep(e))).toBe(true);
  });

  it('device: the first event decides for the whole session; no device on it drops the session', () => {
    expect(kept(events, { device: 'mobile' })).toEqual(['a1', 'a2', 'b1']);
    expect(kept(events, { device: 'desktop' })).toEqual(['a3', 'a4']);
    expect(kept(events, { device: 'tablet' })).toEqual([]);
  });

  it('channel: the entry channel by name or class, case-insensitive', () => {
    expect(kept(events, { channel: 'newsletter/email' })).toEqual(['a1', 'a2']);
    expect(kept(events, { channel: 'Email' })).toEqual(['a1', 'a2']);
    expect(kept(events, { channel: 'paid' })).toEqual(['b1']);
    expect(kept(events, { channel: 'direct' })).toEqual(['a3', 'a4', 'c1']);
    expect(kept(events, { channel: 'direct', device: 'desktop' })).toEqual(['a3', 'a4']);
  });

  it('changes KPIs by whole sessions', () => {
    const run = (options: Parameters<typeof keepSessions>[0]) => {
      const f = keepSessions(options);
      const k = createKpis();
      for (const e of events) if (f.keep(e)) k.add(e);
      return k.result();
    };
    expect(run({})).toMatchObject({ sessions: 4, persons: 3, orders: 1 });
    expect(run({ device: 'desktop' })).toMatchObject({ sessions: 1, persons: 1, orders: 1, conversionRate: 1 });
    expect(run({ device: 'mobile' })).toMatchObject({ sessions: 2, persons: 2, orders: 0, conversionRate: 0 });
  });

  it('keeps all or none of each session, and filtered person shards merge to one filtered run (property)', () => {
    const DEVICES: DeviceClass[] = ['mobile', 'tablet', 'desktop'];
    // every event gets a device and a channel that may change within a session
    const dressed = journeys.map((es) => es.map((e, i) => ({
      ...e,
      agent: { device: DEVICES[(e.ts + i) % 3] },
      channel: i % 2 ? { name: 'google/cpc', kind: 'paid' as const } : { name: 'direct', kind: 'direct' as const },
    })));
    fc.assert(fc.property(dressed, fc.integer({ min: 1, max: 4 }), fc.constantFrom<DeviceClass>(...DEVICES), (all, k, device) => {
      const f = keepSessions({ device });
      const bySession = new Map<string, Set<boolean>>();
      const filtered = all.filter((e) => {
        const keep = f.keep(e);
        bySession.set(`${e.person}/${e.session}`, (bySession.get(`${e.person}/${e.session}`) ?? new Set()).add(keep));
        return keep;
      });
      for (const s of bySession.values()) expect(s.size).toBe(1);
      // filtering each person shard apart keeps the same events as filtering everything
      const apart = shardByPerson(all, k).flatMap((shard) => {
        const g = keepSessions({ device });
        return shard.filter((e) => g.keep(e));
      });
      expect(apart.map((e) => e.id).sort()).toEqual(filtered.map((e) => e.id).sort());
    }), { numRuns: 100 });
  });
});

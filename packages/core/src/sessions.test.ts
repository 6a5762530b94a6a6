import { describe, expect, it } from 'vitest';
import type { FootfallEvent } from './events.js';
import { eventNormalizer, normalize } from './normalize.js';
import { sessionCutter } from './sessions.js';

const MIN = 60_000;
const T0 = 1_732_280_000_000;
let n = 0;
const page = (anonymousId: string, ts: number, extra: Partial<FootfallEvent> = {}): FootfallEvent =>
  ({ id: `e${++n}`, type: 'page', ts: T0 + ts, anonymousId, url: 'https://shop.test/', ...extra }) as FootfallEvent;
const sessionsOf = (events: FootfallEvent[]) => normalize(events).map((e) => e.session);

describe('Identity and sessions (docs/metrics.md#identity-and-sessions cases)', () => {
  describe('person = userId when known', () => {
    it('an event with a userId belongs to that user', () => {
      expect(normalize([page('a1', 0, { userId: 'u1' })]).map((e) => e.person)).toEqual(['u1']);
    });
    it('an event with only an anonymousId belongs to that anonymous id', () => {
      expect(normalize([page('a1', 0)]).map((e) => e.person)).toEqual(['a1']);
    });
  });

  describe('identify stitches', () => {
    it("an identify links its anonymousId to the userId for that id's earlier events too", () => {
      const out = normalize([
        page('a1', 0),
        page('a1', MIN),
        { id: 'i1', type: 'identify', ts: T0 + 2 * MIN, anonymousId: 'a1', userId: 'u1', url: 'https://shop.test/login' },
        page('a1', 3 * MIN),
      ]);
      expect(out.map((e) => e.person)).toEqual(['u1', 'u1', 'u1', 'u1']);
      expect(new Set(out.map((e) => e.session)).size).toBe(1);
    });
    it('an event carrying both anonymousId and userId also links them', () => {
      const out = normalize([page('a1', 0), page('a1', MIN, { userId: 'u1' })]);
      expect(out.map((e) => e.person)).toEqual(['u1', 'u1']);
    });
    it("two devices of one user become one person; another device's anonymous events stay apart", () => {
      const out = normalize([page('phone', 0), page('laptop', 5 * MIN), page('phone', 10 * MIN, { userId: 'u1' }), page('laptop', 15 * MIN, { userId: 'u1' }), page('other', 0)]);
      expect(out.map((e) => e.person).sort()).toEqual(['other', 'u1', 'u1', 'u1', 'u1']);
    });
    it('the streaming normalizer stitches an anonymous event seen before the identify (two passes)', () => {
      const events = [page('a1', 0), { id: 'i9', type: 'identify', ts: T0 + MIN, anonymousId: 'a1', userId: 'u9', url: 'https://shop.test/' } as FootfallEvent];
      const nz = eventNormalizer();
      for (const e of events) nz.learn(e);
      expect(events.map((e) => nz.normalize(e)?.person)).toEqual(['u9', 'u9']);
    });
  });

  describe('sessions: gap ≥ 30 min splits', () => {
    it('a gap of 29:59 keeps one session', () => {
      expect(new Set(sessionsOf([page('a', 0), page('a', 30 * MIN - 1000)])).size).toBe(1);
    });
    it('a gap of exactly 30:00 splits', () => {
      expect(sessionsOf([page('a', 0), page('a', 30 * MIN)])).toEqual(['a#1', 'a#2']);
    });
    it('the gap is measured from the previous event, not the session start', () => {
      expect(new Set(sessionsOf([0, 20, 40, 60, 80].map((m) => page('a', m * MIN)))).size).toBe(1);
    });
  });

  describe('sessions: 24 h cap', () => {
    it('a session that has run 24 h is cut even without a 30 min gap', () => {
      const events = Array.from({ length: 25 * 3 + 1 }, (_, i) => page('a', i * 20 * MIN));
      const out = sessionsOf(events);
      expect(out[0]).toBe('a#1');
      expect(out[72]).toBe('a#2'); // 72 × 20 min = 24 h
      expect(out[71]).toBe('a#1');
    });
  });

  describe('sessions: the client sessionId is respected', () => {
    it('events with one client sessionId stay in one session across a long gap', () => {
      expect(new Set(sessionsOf([page('a', 0, { sessionId: 's1' }), page('a', 3 * 60 * MIN, { sessionId: 's1' })])).size).toBe(1);
    });
    it('a new client sessionId starts a new session within the gap', () => {
      expect(new Set(sessionsOf([page('a', 0, { sessionId: 's1' }), page('a', MIN, { sessionId: 's2' })])).size).toBe(2);
    });
    it('the client sessionId is scoped per person: two persons with the same id get two sessions', () => {
      const out = normalize([page('a', 0, { sessionId: 's1' }), page('b', 0, { sessionId: 's1' })]);
      expect(new Set(out.map((e) => e.session)).size).toBe(2);
    });
  });

  it('session keys are unique across persons', () => {
    const out = normalize([page('a', 0), page('b', 0)]);
    expect(out.map((e) => e.session)).toEqual(['a#1', 'b#1']);
  });
});

describe('sessionCutter', () => {
  it('honours custom gap and cap', () => {
    const s = sessionCutter({ sessionGapMs: 1000, sessionMaxMs: 5000 });
    expect([0, 999, 1999, 2800, 3700, 4600, 5500, 6400, 7000].map((t) => s.assign('p', t).key)).toEqual(['p#1', 'p#1', 'p#2', 'p#2', 'p#2', 'p#2', 'p#2', 'p#2', 'p#3']);
  });
  it('an out-of-order event joins the current session', () => {
    const s = sessionCutter();
    s.assign('p', 100 * MIN);
    expect(s.assign('p', 0).key).toBe('p#1');
  });
});

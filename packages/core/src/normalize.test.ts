import { describe, expect, it } from 'vitest';
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import type { FootfallEvent } from './events.js';
import { eventNormalizer, normalize } from './normalize.js';
import { analyze } from './pipeline.js';

const T0 = 1_732_280_000_000;
const ev = (id: string, anonymousId: string, ts: number, extra: Record<string, unknown> = {}): FootfallEvent =>
  ({ id, type: 'page', ts: T0 + ts, anonymousId, url: 'https://shop.test/', ...extra }) as FootfallEvent;
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

describe('normalize', () => {
  it('dedupes by id: the first occurrence wins', () => {
    const out = normalize([ev('x', 'a', 0, { title: 'first' }), ev('x', 'a', 5, { title: 'retry' })]);
    expect(out.map((e) => e.title)).toEqual(['first']);
  });
  it('eventNormalizer dedupes unless told the input is deduped (a store scan)', () => {
    const input = [ev('x', 'a', 0), ev('x', 'a', 5)];
    const run = (deduped?: boolean) => {
      const n = eventNormalizer({ deduped });
      for (const e of input) n.learn(e);
      return input.map((e) => n.normalize(e)?.id);
    };
    expect(run()).toEqual(['x', undefined]);
    expect(run(true)).toEqual(['x', 'x']);
  });
  it('sorts stably by (person, ts, id)', () => {
    const out = normalize([ev('3', 'b', 0), ev('2', 'a', 10), ev('1', 'a', 10), ev('0', 'a', 20), ev('9', 'a', 0)]);
    expect(out.map((e) => `${e.person}:${e.ts - T0}:${e.id}`)).toEqual(['a:0:9', 'a:10:1', 'a:10:2', 'a:20:0', 'b:0:3']);
  });
  it("gives every event of a session the channel of the session's first event", () => {
    const out = normalize([
      ev('1', 'a', 0, { url: 'https://shop.test/?utm_source=news&utm_medium=email' }),
      ev('2', 'a', 60_000, { url: 'https://shop.test/p', referrer: 'https://www.google.com/' }),
      ev('3', 'a', 3_600_000, { referrer: 'https://www.google.com/' }),
    ]);
    expect(out.map((e) => [e.session, e.channel?.name])).toEqual([['a#1', 'news/email'], ['a#1', 'news/email'], ['a#2', 'google.com/organic']]);
  });
  it('parses ctx.ua into agent, and keeps an agent already present', () => {
    const out = normalize([ev('1', 'a', 0, { ctx: { ua: UA, vw: 390 } }), ev('2', 'b', 0, { agent: { device: 'tablet' }, ctx: { ua: UA } })]);
    expect(out.map((e) => e.agent)).toEqual([{ browser: 'Chrome', os: 'Windows', device: 'mobile' }, { device: 'tablet' }]);
  });
  it('an event without ctx takes the agent seen earlier in its session', () => {
    const out = normalize([ev('1', 'a', 0, { ctx: { ua: UA } }), ev('2', 'a', 1000)]);
    expect(out[1].agent).toEqual({ browser: 'Chrome', os: 'Windows', device: 'desktop' });
  });
  it('does not change its input events', () => {
    const input = ev('1', 'a', 0);
    normalize([input]);
    expect(input).not.toHaveProperty('person');
  });
});

describe('eventNormalizer', () => {
  it('returns undefined for a duplicate id in pass 2 and keeps unknown fields', () => {
    const n = eventNormalizer();
    const e = ev('1', 'a', 0, { extra: 7 });
    n.learn(e);
    expect(n.normalize(e)).toMatchObject({ id: '1', person: 'a', session: 'a#1', extra: 7 });
    expect(n.normalize(e)).toBeUndefined();
  });
  it('agrees with normalize on interleaved persons given in global time order', () => {
    const events = [ev('1', 'a', 0), ev('2', 'b', 1), ev('3', 'a', 2_000_000), { ...ev('4', 'b', 2_000_001), type: 'identify', userId: 'u' } as FootfallEvent, ev('5', 'b', 2_000_002)];
    const n = eventNormalizer();
    for (const e of events) n.learn(e);
    const streamed = events.map((e) => n.normalize(e)).filter((e): e is NormalizedEvent => !!e);
    const byId = (xs: NormalizedEvent[]) => Object.fromEntries(xs.map((e) => [e.id, [e.person, e.session]]));
    expect(byId(streamed)).toEqual(byId(normalize(events)));
  });
});

describe('analyze', () => {
  it('feeds normalized events to the analyzer and returns its result', () => {
    const seen: string[] = [];
    const counter: Analyzer<string[], number> = {
      add: (e) => void seen.push(e.session),
      merge() { return this; },
      state: seen,
      result: () => new Set(seen).size,
    };
    expect(analyze([ev('1', 'a', 0), ev('2', 'a', 1), ev('3', 'b', 0), ev('1', 'a', 0)], counter)).toBe(2);
    expect(seen).toEqual(['a#1', 'a#1', 'b#1']);
  });
});

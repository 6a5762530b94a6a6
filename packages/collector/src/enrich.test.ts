import { describe, expect, it } from 'vitest';
import { correctedTs, correctSkew, DEFAULT_KEEP_PARAMS, keepEventParams, parseAgent, type FootfallEvent } from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { dropDerivedFields, enrichEvent, keepUrlParams } from './enrich.js';

/** What enrichment was before it worked in place: the core's copy, then the added fields. */
function byCopy(event: FootfallEvent, sentAt: number, receivedAt: number, writeKey: string) {
  const out: Record<string, unknown> = correctSkew(event, sentAt, receivedAt);
  out.writeKey = writeKey;
  const vw = event.ctx?.vw ?? (event.type === 'click' ? event.vw : undefined);
  if (event.ctx?.ua !== undefined || vw !== undefined) out.agent = parseAgent(event.ctx?.ua, vw);
  return out;
}

describe('enrichEvent', () => {
  it('stores exactly what the copying enrichment stored, key order included', () => {
    const events = [...generateDemo({ events: 300, seed: 5 })] as FootfallEvent[];
    // Fields the collector sets, already sent by a client: dropped first, then derived (docs/collector.md).
    events.push({ ...events[0], id: 'pre', receivedAt: 5, clientTs: 7, writeKey: 'other', agent: { device: 'mobile' } } as unknown as FootfallEvent);
    events.push({ id: 'bare', type: 'page', ts: 10, anonymousId: 'a', url: '/' });
    for (const e of events) {
      const expected = JSON.stringify(byCopy(dropDerivedFields(structuredClone(e)), e.ts + 500, e.ts + 2_000, 'site'));
      const mine = dropDerivedFields(structuredClone(e));
      const out = enrichEvent(mine, correctedTs(mine, e.ts + 500, e.ts + 2_000), e.ts + 2_000, 'site');
      expect(out).toBe(mine);
      expect(JSON.stringify(out)).toBe(expected);
    }
  });
});

describe('dropDerivedFields', () => {
  it('removes what a client sent in agent, clientTs, receivedAt and writeKey, and nothing else', () => {
    const e = { id: 'x', type: 'page', ts: 10, anonymousId: 'a', url: '/', agent: { device: 'mobile' }, clientTs: 1, receivedAt: 2, writeKey: 'k', props: { agent: 1 } };
    expect(dropDerivedFields(e as unknown as FootfallEvent)).toEqual({ id: 'x', type: 'page', ts: 10, anonymousId: 'a', url: '/', props: { agent: 1 } });
  });
});

describe('keepUrlParams', () => {
  it('gives what the core\'s keepEventParams gives, with one memo for a whole batch', () => {
    const urls = ['https://s.test/p?utm_source=a&email=x@y.test', 'https://s.test/p?utm_source=a&email=x@y.test', 'https://s.test/?token=1#/r?gclid=2&k=3', 'https://s.test/plain', '?', 'https://s.test/?UTM_X=1&&a'];
    const events = [...generateDemo({ events: 400, seed: 7 }), ...urls.map((url, i) => ({ id: `u${i}`, type: 'click', ts: i, anonymousId: 'a', url, referrer: urls[(i + 1) % urls.length], href: urls[(i + 2) % urls.length] } as unknown as FootfallEvent))];
    for (const keep of [DEFAULT_KEEP_PARAMS, ['*'], [], ['email']]) {
      const memo = new Map<string, string>();
      const ours = events.map((e) => keepUrlParams(structuredClone(e), keep, memo));
      expect(ours).toEqual(events.map((e) => keepEventParams(structuredClone(e), keep)));
    }
  });
});

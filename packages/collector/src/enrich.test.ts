import { describe, expect, it } from 'vitest';
import { correctedTs, correctSkew, parseAgent, type FootfallEvent } from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { dropDerivedFields, enrichEvent } from './enrich.js';

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

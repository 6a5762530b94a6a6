import { describe, expect, it } from 'vitest';
import type { FootfallEvent } from './events.js';
import { generateDemo } from '@footfall/node';
import { createFunnel } from './funnel.js';
import { createKpis } from './kpis.js';
import { identityLinks } from './identity.js';
import { eventNormalizer } from './normalize.js';
import { analyze, analyzeStream } from './pipeline.js';
import { keepSessions } from './session-filter.js';

const events = [...generateDemo({ events: 5_000, seed: 3 })] as FootfallEvent[];
/** An input read twice, as a file reader or a store scan is. */
const twice: AsyncIterable<FootfallEvent> = {
  async *[Symbol.asyncIterator]() {
    yield* events;
  },
};

describe('analyzeStream', () => {
  it('feeds every analyzer what the in-memory pipeline gives, in two passes', async () => {
    const steps = ['page:/', 'page:/product/*', 'cart:purchase'];
    const funnel = createFunnel({ steps });
    const kpis = createKpis();
    const reads: Record<number, number> = {};
    const kept = await analyzeStream(twice, [funnel, kpis], { onRead: (pass, read) => void (reads[pass] = read) });
    expect(reads).toEqual({ 1: events.length, 2: events.length });
    expect(kept).toBe(new Set(events.map((e) => e.id)).size);
    expect(funnel.result()).toEqual(analyze(events, createFunnel({ steps })));
    expect(kpis.result().sessions).toBe(analyze(events, createKpis()).sessions);
  });

  it('reads the input once when the identity links are given, with the same result', async () => {
    const identity = identityLinks();
    events.forEach((e) => identity.learn(e));
    expect(identity.size).toBeGreaterThan(0);
    async function* once() {
      yield* events;
    }
    const steps = ['page:/', 'page:/product/*', 'cart:purchase'];
    const funnel = createFunnel({ steps });
    const reads: Record<number, number> = {};
    // A generator gives its events once: a second pass would read nothing.
    await analyzeStream(once(), [funnel], { links: [...identity.links()], onRead: (pass, read) => void (reads[pass] = read) });
    expect(reads).toEqual({ 2: events.length });
    expect(funnel.result()).toEqual(analyze(events, createFunnel({ steps })));
  });

  it('keeps only the sessions the filter keeps', async () => {
    const kpis = createKpis();
    const kept = await analyzeStream(twice, [kpis], { filter: { device: 'mobile' } });
    const expected = createKpis();
    const normalizer = eventNormalizer();
    events.forEach((e) => normalizer.learn(e));
    const keep = keepSessions({ device: 'mobile' });
    let n = 0;
    for (const e of events) {
      const ne = normalizer.normalize(e);
      if (ne && keep.keep(ne)) (n++, expected.add(ne));
    }
    expect(kept).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect(kpis.result()).toEqual(expected.result());
  });
});

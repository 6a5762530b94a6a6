/**
 * Data never keys a plain object (docs/core.md, "Hostile input"): every analyzer gives the same
 * answer when person ids, session ids, paths, selectors, names, order ids, channels and
 * breakdown values are `Object.prototype`'s own property names, and leaves `Object.prototype`
 * as it was.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Analyzer } from './analyzer.js';
import { createAttribution } from './attribution.js';
import { createBottlenecks } from './bottlenecks.js';
import { createChannels } from './channels.js';
import { createEmail } from './email.js';
import { createProducts } from './products.js';
import { createService } from './service.js';
import type { FootfallEvent } from './events.js';
import { createFunnel } from './funnel.js';
import { createHeatmap } from './heatmap.js';
import { createKpis } from './kpis.js';
import { createPages } from './pages.js';
import { createPersonProfile } from './person-profile.js';
import { createPersons } from './persons.js';
import { createPaths } from './paths.js';
import { normalize } from './normalize.js';
import { parseState } from './parse-state.js';
import { createJourneyModel } from './predict.js';
import { createStages } from './stages.js';
import { createVitals } from './vitals.js';
import { shardByPerson } from '../test/make-events.js';

const NAMES = Object.getOwnPropertyNames(Object.prototype);
const SAFE = NAMES.map((n) => `${n}_x`);

const ANALYZERS: [string, (words: readonly string[]) => Analyzer<unknown, unknown>][] = [
  ['pages', () => createPages() as Analyzer<unknown, unknown>],
  ['heatmap click', () => createHeatmap() as Analyzer<unknown, unknown>],
  ['heatmap page', (w) => createHeatmap({ page: `/${w[NAMES.indexOf('valueOf')]}` }) as Analyzer<unknown, unknown>],
  ['heatmap scroll', () => createHeatmap({ kind: 'scroll' }) as Analyzer<unknown, unknown>],
  ['stages', () => createStages() as Analyzer<unknown, unknown>],
  ['kpis', () => createKpis({ timeline: true }) as Analyzer<unknown, unknown>],
  ['funnel', () => createFunnel({ steps: ['page', 'track:*', 'cart:purchase'], breakdown: 'plan' }) as Analyzer<unknown, unknown>],
  ['funnel by channel', () => createFunnel({ steps: ['page', 'cart:purchase'], breakdown: 'channel', mode: 'unordered' }) as Analyzer<unknown, unknown>],
  ['paths', () => createPaths() as Analyzer<unknown, unknown>],
  ['attribution markov', () => createAttribution() as Analyzer<unknown, unknown>],
  ['attribution linear', () => createAttribution({ model: 'linear' }) as Analyzer<unknown, unknown>],
  ['journey model', () => createJourneyModel() as Analyzer<unknown, unknown>],
  ['bottlenecks', () => createBottlenecks({ minGroup: 1 }) as Analyzer<unknown, unknown>],
  ['vitals', () => createVitals() as Analyzer<unknown, unknown>],
  ['channels', () => createChannels() as Analyzer<unknown, unknown>],
  ['products', () => createProducts() as Analyzer<unknown, unknown>],
  ['service', () => createService() as Analyzer<unknown, unknown>],
  ['email', () => createEmail() as Analyzer<unknown, unknown>],
  ['persons', () => createPersons() as Analyzer<unknown, unknown>],
  // The profile of the first person, whose device is `constructor` (`person` names person p's device w(p)).
  ['person profile', (w) => createPersonProfile({ id: w[0] }) as Analyzer<unknown, unknown>],
];

/** One person's events, every data string drawn from `words` by index. */
function person(words: readonly string[], p: number, plan: number[], t0: number): FootfallEvent[] {
  const w = (i: number) => words[i % words.length];
  const anon = w(p);
  const user = plan[0] % 2 ? w(p + 3) : undefined;
  const out: FootfallEvent[] = [];
  let ts = t0;
  plan.forEach((k, i) => {
    ts += 1000 + (k % 7) * 400_000;
    const common = {
      id: `${w(p + i)}-${p}-${i}`,
      ts,
      anonymousId: anon,
      ...(user && i > 2 ? { userId: user } : {}),
      sessionId: k % 3 === 0 ? w(k) : undefined,
      url: `https://shop.test/${w(k)}?utm_source=${w(k + 1)}&utm_medium=${w(k + 2)}`,
      referrer: `https://${w(k + 3)}.example/`,
      props: { plan: w(k + 4) },
      ctx: { vw: [375, 900, 1400][k % 3] },
    };
    switch (k % 7) {
      case 0:
      case 1:
        out.push({ ...common, type: 'page' });
        break;
      case 2:
        out.push({ ...common, type: 'click', selector: w(k + 5), tag: 'a', x: k, y: 10 * k, rx: 0.5, ry: 0.5, vw: 1280, vh: 800, dh: 3000, rage: k % 2 === 0, dead: k % 3 === 0 });
        break;
      case 3:
        out.push({ ...common, type: 'track', name: w(k + 6) });
        break;
      case 4:
        out.push({ ...common, type: 'cart', action: 'purchase', value: 10 + k, orderId: w(k + 7), items: [{ id: w(k + 8), quantity: 1 }] });
        break;
      case 5:
        out.push({ ...common, type: 'vitals', metric: 'LCP', value: 100 * k, rating: 'poor' });
        break;
      default:
        out.push({ ...common, type: 'scroll', depth: k % 101, px: 100, dh: 3000, vh: 700 });
    }
  });
  return out;
}

const build = (words: readonly string[], plans: number[][]) => plans.flatMap((plan, p) => person(words, p, plan, 1_700_000_000_000 + p * 999));
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
/** The safe run's result with every safe word turned back into its hostile twin. */
const unsafe = (result: unknown) => plain(JSON.parse(SAFE.reduce((text, s, i) => text.split(s).join(NAMES[i]), JSON.stringify(result))));
/** JSON of a result with numbers to 9 digits: merged shards may add floats in another order. */
const plain = (result: unknown) => JSON.parse(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v)));

describe('Object.prototype names as data', () => {
  it.each(ANALYZERS)('%s: same result as with plain names, shards merge to it, Object.prototype untouched', (_name, create) => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(60), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 6 }), (plans) => {
        const hostile = normalize(build(NAMES, plans));
        const safe = normalize(build(SAFE, plans));
        const a = create(NAMES);
        for (const e of hostile) a.add(e);
        const b = create(SAFE);
        for (const e of safe) b.add(e);
        const got = plain(a.result());
        expect(got).toEqual(unsafe(b.result()));
        // Shards by person, their states cloned as between workers, merge to the same answer.
        const shards = shardByPerson(hostile, 3).map((events) => {
          const s = create(NAMES);
          for (const e of events) s.add(e);
          return structuredClone(s.state);
        });
        const merged = create(NAMES);
        for (const state of shards) merged.merge(JSON.parse(JSON.stringify(state)));
        expect(plain(merged.result())).toEqual(got);
        // The same states as text read by parseState, which merge takes without copying (as @footfall/node's workers hand them over).
        const adopted = create(NAMES);
        for (const state of shards) adopted.merge(parseState(JSON.stringify(state)));
        expect(plain(adopted.result())).toEqual(got);
      }),
      { numRuns: 12, seed: 10 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).plan).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

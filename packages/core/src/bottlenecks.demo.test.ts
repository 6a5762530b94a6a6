import { describe, expect, it } from 'vitest';
import { createBottlenecks } from './bottlenecks.js';
import { generateDemo } from '@footfall/node';
import { normalize } from './normalize.js';

/** Acceptance on the seeded demo shop (100k events, ~3,300 sessions). */
describe('bottlenecks on the demo shop', () => {
  const run = (friction: boolean) => {
    const b = createBottlenecks();
    for (const e of normalize(generateDemo({ events: 100_000, seed: 1, friction }))) b.add(e);
    return b.result();
  };

  it('ranks the two planted bottlenecks first and second', () => {
    const r = run(true);
    expect(r.sessions).toBeGreaterThan(3000);
    const top = r.bottlenecks.slice(0, 2).map((b) => `${b.target} ${b.signal}`);
    expect(top.sort()).toEqual(['page:/checkout/payment poor-lcp', 'page:/checkout/shipping rage-clicks']);
    for (const b of r.bottlenecks.slice(0, 2)) {
      expect(b.pValue).toBeLessThan(0.01);
      expect(b.affected).toBeGreaterThanOrEqual(30);
      expect(b.crAffected).toBeLessThan(b.crUnaffected * 0.7);
    }
    expect(r.bottlenecks.find((b) => b.signal === 'rage-clicks')?.reason).toMatch(/mostly on #shipping-submit/);
  }, 60_000);

  it('finds nothing significant when no friction is planted', () => {
    expect(run(false).bottlenecks).toEqual([]);
  }, 60_000);
});

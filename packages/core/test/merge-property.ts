/** Test helper: the property that merging person shards equals one run. */
import fc from 'fast-check';
import type { Analyzer, NormalizedEvent } from '../src/analyzer.js';
import { interleave, journey, shardByPerson, type Action } from './make-events.js';

const action: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom('page', 'page', 'page', 'click', 'click', 'scroll', 'vitals', 'add', 'purchase', 'checkout', 'view_item', 'error', 'share'),
  path: fc.nat(4),
  gap: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 120_000 }), fc.constant(2_000_000), fc.constant(3 * 86_400_000)),
  a: fc.nat(500),
  b: fc.nat(1000),
});

/** Random shop journeys of up to 8 persons, interleaved by time. */
export const journeys: fc.Arbitrary<NormalizedEvent[]> = fc
  .array(fc.array(action, { maxLength: 25 }), { maxLength: 8 })
  .map((people) => interleave(people.map((acts, i) => journey(`u${i}`, acts))));

/** Runs `create()` over all events and over `k` person shards merged (through JSON) and returns both results. */
export function oneRunAndMerged<S, R>(create: () => Analyzer<S, R>, events: readonly NormalizedEvent[], k: number): [R, R] {
  const one = create();
  for (const e of events) one.add(e);
  const shards = shardByPerson(events, k).map((part) => {
    const a = create();
    for (const e of part) a.add(e);
    return a;
  });
  const merged = shards.slice(1).reduce((a, b) => a.merge(JSON.parse(JSON.stringify(b.state)) as S), shards[0]);
  return [one.result(), merged.result()];
}

/** Asserts the shard-and-merge property for an analyzer factory. */
export function assertMergeEqualsOneRun<S, R>(create: () => Analyzer<S, R>, equal: (a: R, b: R) => void, numRuns = 150): void {
  fc.assert(
    fc.property(journeys, fc.integer({ min: 1, max: 4 }), (events, k) => {
      const [one, merged] = oneRunAndMerged(create, events, k);
      equal(merged, one);
    }),
    { numRuns },
  );
}

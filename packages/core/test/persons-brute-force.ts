/** Test helper: the persons of a segment found by brute force, each person's events alone (the oracle of `createPersons`). */
import type { NormalizedEvent } from '../src/analyzer.js';
import type { FootfallEvent } from '../src/events.js';
import { normalize } from '../src/normalize.js';
import { createStages, JOURNEY_STAGES, type JourneyStage } from '../src/stages.js';

/**
 * The persons (sorted) whose stage is `stage` and revenue at least `minLtv`: events grouped
 * by person, each group's stage from a fresh `createStages` (a person seen with no event that
 * moves a stage is at awareness), revenue summed by hand over distinct order keys; persons
 * seen only through an email sent to them are not listed.
 */
export function bruteForceSegment(raw: readonly FootfallEvent[], stage: JourneyStage, minLtv: number): string[] {
  const byPerson = new Map<string, NormalizedEvent[]>();
  for (const e of normalize(raw)) if (e.person !== '') byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), e]);
  return [...byPerson]
    .filter(([, es]) => {
      if (!es.some((e) => !(e.type === 'email' && e.action === 'sent'))) return false;
      const s = createStages();
      for (const e of es) s.add(e);
      const stageOf = JOURNEY_STAGES.find((k) => s.result()[k] === 1) ?? 'awareness';
      const orders = new Map<string, number>();
      for (const e of es) {
        if (e.type !== 'cart' || e.action !== 'purchase') continue;
        const key = e.orderId || `event:${e.id}`;
        if (!orders.has(key)) orders.set(key, e.value ?? (e.items ?? []).reduce((t, i) => t + (i.price ?? 0) * (i.quantity ?? 1), 0));
      }
      return stageOf === stage && [...orders.values()].reduce((a, b) => a + b, 0) >= minLtv;
    })
    .map(([p]) => p)
    .sort();
}

/** docs/metrics.md, "Events beyond the browser": what the browser-only analyses make of the other sources. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsSessions } from './event-scope.js';
import { createKpis } from './kpis.js';
import { rawJourneys } from './lib/journey-arbitrary.js';
import { createPages } from './pages.js';
import { analyze } from './pipeline.js';

describe('events beyond the browser', () => {
  it('change no page metric, session count, pages per session or session length', () => {
    fc.assert(
      fc.property(rawJourneys, (events) => {
        const browserOnly = events.filter(startsSessions);
        expect(analyze(events, createPages())).toEqual(analyze(browserOnly, createPages()));
        const pick = ({ sessions, pagesPerSession, medianSessionMs }: ReturnType<ReturnType<typeof createKpis>['result']>) => ({ sessions, pagesPerSession, medianSessionMs });
        expect(pick(analyze(events, createKpis()))).toEqual(pick(analyze(browserOnly, createKpis())));
      }),
      { numRuns: 80 },
    );
  });
});

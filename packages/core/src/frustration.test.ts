import { describe, expect, it } from 'vitest';
import { countRageRuns, isDeadClick } from './frustration.js';
import { click, ev } from '../test/make-events.js';
import { createPages } from './pages.js';

describe('frustration', () => {
  it('finds one rage run (docs/metrics.md#frustration case)', () => {
    expect(countRageRuns([{ ts: 0, x: 100, y: 100 }, { ts: 900, x: 110, y: 105 }, { ts: 1800, x: 120, y: 110 }])).toBe(1);
  });
  it('needs the distance strictly below 30 px (docs/metrics.md#frustration case)', () => {
    expect(countRageRuns([{ ts: 0, x: 100, y: 100 }, { ts: 900, x: 110, y: 105 }, { ts: 1800, x: 135, y: 100 }])).toBe(0);
  });
  it('counts a long run once, a gap of 1000 ms breaks it, and a new run counts again', () => {
    const run = (t0: number) => [0, 200, 400, 600, 800].map((d) => ({ ts: t0 + d, x: 10, y: 10 }));
    expect(countRageRuns(run(0))).toBe(1);
    expect(countRageRuns([...run(0), ...run(1800)])).toBe(2);
    expect(countRageRuns([{ ts: 0, x: 0, y: 0 }, { ts: 999, x: 0, y: 0 }, { ts: 1999, x: 0, y: 0 }])).toBe(0);
    expect(countRageRuns([])).toBe(0);
  });
  it('reads dead clicks from the dead flag', () => {
    expect(isDeadClick(click('p', 's', 0, '/', 1, 1, { dead: true }))).toBe(true);
    expect(isDeadClick(click('p', 's', 0, '/', 1, 1))).toBe(false);
  });
  it('the core owns rage: a wire `rage` flag is not read, an unflagged run counts (docs/metrics.md)', () => {
    const pages = createPages();
    pages.add(ev('page', 'p', 's', 0, '/a'));
    // Flagged by a client, but 2 s apart: no run.
    for (const t of [1000, 3000, 5000]) pages.add(click('p', 's', t, '/a', 100, 100, { rage: true }));
    // Unflagged, as the SDK sends clicks: one run.
    for (const t of [10_000, 10_300, 10_600]) pages.add(click('p', 's', t, '/a', 200, 200));
    expect(pages.result().pages[0].rageClicks).toBe(1);
  });
});

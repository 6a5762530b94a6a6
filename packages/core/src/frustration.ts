/**
 * Frustration signals (docs/metrics.md#frustration): rage runs found from click
 * positions and times (the one place the rage rule lives: the SDK flags none), dead
 * clicks from the SDK's `dead` flag.
 */
import type { FootfallEvent } from './events.js';

/** Rage run rule: at least this many clicks... */
export const RAGE_MIN_CLICKS = 3;
/** ...each less than this many ms after the previous one... */
export const RAGE_MAX_GAP_MS = 1000;
/** ...and less than this many px (|dx| + |dy|) from the previous one. */
export const RAGE_MAX_DISTANCE_PX = 30;

/** Streaming rage detector state (plain JSON): the previous click and the current run length. */
export interface RageTracker {
  ts: number;
  x: number;
  y: number;
  run: number;
}

/** A click position in time (document px, ms). */
export interface ClickPoint {
  ts: number;
  x: number;
  y: number;
}

/**
 * Feeds one click to a detector and tells whether it completes a new rage run (true once
 * per run, on its third click). Returns the updated tracker.
 *
 * @example
 * ```ts
 * let t: RageTracker | undefined; let runs = 0;
 * for (const c of clicks) { const r = trackRage(t, c); t = r.tracker; if (r.newRun) runs++; }
 * ```
 */
export function trackRage(tracker: RageTracker | undefined, click: ClickPoint): { tracker: RageTracker; newRun: boolean } {
  const near =
    tracker !== undefined &&
    click.ts - tracker.ts < RAGE_MAX_GAP_MS &&
    Math.abs(click.x - tracker.x) + Math.abs(click.y - tracker.y) < RAGE_MAX_DISTANCE_PX;
  const run = near ? tracker.run + 1 : 1;
  return { tracker: { ts: click.ts, x: click.x, y: click.y, run }, newRun: run === RAGE_MIN_CLICKS };
}

/**
 * Counts rage runs in clicks given in time order: a run is ≥ 3 clicks, each < 1000 ms and
 * < 30 px Manhattan distance from the previous; a run counts once however long it is.
 *
 * @example
 * ```ts
 * countRageRuns([{ ts: 0, x: 100, y: 100 }, { ts: 900, x: 110, y: 105 }, { ts: 1800, x: 120, y: 110 }]); // 1
 * ```
 */
export function countRageRuns(clicks: readonly ClickPoint[]): number {
  let tracker: RageTracker | undefined;
  let runs = 0;
  for (const c of clicks) {
    const r = trackRage(tracker, c);
    tracker = r.tracker;
    if (r.newRun) runs += 1;
  }
  return runs;
}

/**
 * A dead click: a click the SDK flagged `dead` (no DOM mutation within 2500 ms, no
 * navigation, no scroll or selection change within 100 ms; docs/events.md#ratings-and-click-flags).
 *
 * @example
 * ```ts
 * isDeadClick({ type: 'click', dead: true, ... }); // true
 * ```
 */
export function isDeadClick(event: FootfallEvent): boolean {
  return event.type === 'click' && event.dead === true;
}

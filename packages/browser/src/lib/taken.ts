/**
 * Which events some tab has taken to send (a request in flight, an exit beacon) in the
 * last `TAKEN_MS`, and the last 1000 delivered, shared by the site's tabs in localStorage
 * (`footfall.t`, written only with consent): no tab sends an event another tab (or an earlier page) has in flight,
 * and no exit beacon carries one that is in flight or delivered. An in-flight mark older
 * than `TAKEN_MS`, or dated in the future (a clock set back), no longer counts, so an
 * event whose answer nobody saw is sent again after at most `TAKEN_MS` (docs/sdk.md,
 * "Delivery").
 */
import { now } from './clock.js';
import { parse, stringify } from './intrinsics.js';
import { load, save } from './storage.js';

/** How long an in-flight mark keeps other senders off an event, ms. */
export const TAKEN_MS = 30_000;

/** A mark: when (0: delivered), then the ids. */
type Mark = [time: number, ...ids: string[]];

const live = (): Mark[] => {
  const out: Mark[] = [];
  const t = now();
  try {
    for (const m of parse(load('t') || '[]') as Mark[]) if (!m[0] || (t - m[0] >= 0 && t - m[0] < TAKEN_MS)) out.push(m);
  } catch {
    /* not ours: nothing is marked */
  }
  return out;
};

/**
 * Marks `ids` (a mark is named by its first id, and replaces the one of that name): at
 * `time` in flight (call before sending them), at 0 delivered (kept until newer marks push
 * it out), with no time removed (their send failed: any tab may send them again). Keeps the
 * newest 20 marks (≤ 1000 ids).
 */
export function mark(ids: string[], time?: number): void {
  const marks: Mark[] = [];
  for (const m of live()) if (m[1] !== ids[0]) marks.push(m);
  if (time !== undefined) marks.push([time, ...ids]);
  save('t', marks.length ? stringify(marks.slice(-20)) : null);
}

/** Every marked id with its mark's time: in flight within the last `TAKEN_MS`, or 0 for the last delivered ones. */
export function taken(): Map<string, number> {
  const ids = new Map<string, number>();
  for (const m of live()) for (let i = 1; i < m.length; i++) ids.set(m[i] as string, m[0]);
  return ids;
}

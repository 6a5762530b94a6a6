/**
 * The exit copy (docs/sdk.md, "Leaving the page"): when the page is hidden or left, the
 * events it has not yet seen committed to IndexedDB are written synchronously to
 * localStorage (`footfall.x<page id>`), which the page going away cannot abort. A page
 * that starts takes every other page's copy out of localStorage and adds it to the
 * queue under the same keys, so an event that also reached IndexedDB is stored once.
 */
import { parse, stringify } from './intrinsics.js';
import { load, save } from './storage.js';
import { uuid } from './util.js';
import type { Entry } from '../queue.js';

const mine = 'x' + uuid();

/** Replaces this page's exit copy with `entries` (none: removes it). Never throws. */
export function keep(entries: Entry[]): void {
  save(mine, entries.length ? stringify(entries) : null);
}

/** Takes every other page's exit copy out of localStorage. */
export function takeKept(): Entry[] {
  const out: Entry[] = [];
  try {
    for (const k of Object.keys(localStorage)) {
      const name = k.slice(9); // after 'footfall.'
      if (k.startsWith('footfall.x') && name !== mine) {
        out.push(...(parse(load(name)!) as Entry[]));
        save(name, null);
      }
    }
  } catch {
    /* no storage, or not ours */
  }
  return out;
}

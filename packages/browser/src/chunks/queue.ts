/**
 * The script tag's `queue` chunk, `dist/footfall-queue.js` (docs/sdk.md#lazy-chunks): the
 * IndexedDB queue (`queue-chunk.ts` takes it; its operations have plain names, since the
 * chunk is minified apart from the script).
 */
import { createQueue, type Queue } from '../queue.js';
import { setDebug } from '../lib/util.js';
import type { Stats } from '../types.js';

/** The IndexedDB queue over database `footfall`; `debug` turns the chunk's own warnings on. */
export function start(max: number, stats: Stats, debug: boolean): Queue {
  setDebug(debug);
  return createQueue(max, stats);
}

/** A capture the script tag loads as a chunk from next to itself (docs/sdk.md#lazy-chunks). */
import { hostOf, loadChunk, type ChunkHost, type ChunkName } from '../lib/chunk.js';
import type { Capture } from '../types.js';

/** Loads chunk `name` from next to `base` and starts it; without it, what it adds is missing and nothing else. */
export function lazyCapture(base: string, name: ChunkName): Capture {
  return (c) => {
    const h = hostOf(c);
    void loadChunk<{ start(h: ChunkHost): void }>(base, name).then((m) => {
      try {
        m?.start(h);
      } catch {
        /* never break the host page */
      }
    });
  };
}

/** The script tag's web vitals: the `vitals` chunk, loaded from next to the script (docs/sdk.md, "Lazy chunks"). */
import { hostOf, loadChunk, type ChunkHost } from '../lib/chunk.js';
import type { Capture } from '../types.js';

/** Loads the `vitals` chunk from next to `base` and starts it; without it, no vitals and nothing else missing. */
export function lazyVitals(base: string): Capture {
  return (c) => {
    const h = hostOf(c);
    void loadChunk<{ start(h: ChunkHost): void }>(base, 'vitals').then((m) => {
      try {
        m?.start(h);
      } catch {
        /* never break the host page */
      }
    });
  };
}

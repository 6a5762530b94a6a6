/** A capture the script tag loads as a chunk from beside itself (docs/sdk.md#lazy-chunks). */
import { startChunk, type ChunkName } from '../lib/chunk.js';
import type { Capture } from '../types.js';

/** Loads chunk `name` and starts it; without it, what it adds is missing and nothing else. */
export function lazyCapture(name: ChunkName): Capture {
  return (c) => void startChunk(name, c);
}

import { describe, expect, it } from 'vitest';
import { loadChunk } from './chunk.js';

describe('loadChunk', () => {
  it('resolves undefined, never rejects, when the chunk cannot be loaded, and asks once per chunk', async () => {
    const first = loadChunk('http://127.0.0.1:9/sdk/footfall.js', 'vitals');
    expect(loadChunk('http://127.0.0.1:9/sdk/footfall.js', 'vitals')).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});

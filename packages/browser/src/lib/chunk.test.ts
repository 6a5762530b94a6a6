import { describe, expect, it } from 'vitest';
import { loadChunk, setScriptBase } from './chunk.js';

describe('loadChunk', () => {
  it('resolves undefined, never rejects, when the chunk cannot be loaded, and asks once per chunk', async () => {
    setScriptBase('http://127.0.0.1:9/sdk/footfall.js');
    const first = loadChunk('vitals');
    expect(loadChunk('vitals')).toBe(first);
    await expect(first).resolves.toBeUndefined();
  });
});

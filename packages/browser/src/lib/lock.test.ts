import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLock } from './lock.js';

afterEach(() => vi.unstubAllGlobals());

describe('the send lock', () => {
  it('runs only while this tab holds the Web Lock; resolves false at once when another holds it', async () => {
    let held = false;
    const locks = {
      request: async (_name: string, _o: unknown, fn: (lock: object | null) => Promise<boolean>) => fn(held ? null : {}),
    };
    vi.stubGlobal('navigator', { ...navigator, locks });
    let ran = 0;
    expect(await withLock(async () => void ran++)).toBe(true);
    held = true;
    expect(await withLock(async () => void ran++)).toBe(false);
    expect(ran).toBe(1);
  });
  it('without Web Locks, runs (each tab sends; the collector keeps one copy of an event)', async () => {
    vi.stubGlobal('navigator', { ...navigator, locks: undefined });
    let ran = 0;
    expect(await withLock(async () => void ran++)).toBe(true);
    expect(ran).toBe(1);
    expect(localStorage.length).toBe(0);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { withLock } from './lock.js';

describe('the send lock without Web Locks (localStorage lease)', () => {
  beforeEach(() => localStorage.clear());
  it('runs when no other tab holds a live lease, and releases after', async () => {
    let ran = 0;
    expect(await withLock(async () => void ran++)).toBe(true);
    expect(ran).toBe(1);
    expect(localStorage.getItem('footfall-send')).toBeNull();
  });
  it('does not run while another tab holds a live lease; runs once it expired', async () => {
    let ran = 0;
    localStorage.setItem('footfall-send', 'other-tab ' + (Date.now() + 10_000));
    expect(await withLock(async () => void ran++)).toBe(false);
    localStorage.setItem('footfall-send', 'other-tab ' + (Date.now() - 1));
    expect(await withLock(async () => void ran++)).toBe(true);
    expect(ran).toBe(1);
  });
});

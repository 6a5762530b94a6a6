import { describe, expect, it } from 'vitest';
import { createRecentIds } from './recent-ids.js';

describe('recent ids', () => {
  it('forgets the first stored first, and re-adding an id does not store it twice', () => {
    const recent = createRecentIds(3);
    recent.add(['a', 'b']);
    recent.add(['b', 'c']);
    expect(['a', 'b', 'c'].map((id) => recent.has(id))).toEqual([true, true, true]);
    recent.add(['d']);
    expect(['a', 'b', 'c', 'd'].map((id) => recent.has(id))).toEqual([false, true, true, true]);
    recent.add(['e', 'f', 'g']);
    expect(['b', 'c', 'd', 'e', 'f', 'g'].map((id) => recent.has(id))).toEqual([false, false, false, true, true, true]);
  });

  it('remembers exactly the last max ids over a long run', () => {
    const recent = createRecentIds(1000);
    for (let b = 0; b < 100; b++) recent.add(Array.from({ length: 50 }, (_, i) => `id-${b * 50 + i}`));
    expect(recent.has('id-3999')).toBe(false);
    expect(recent.has('id-4000')).toBe(true);
    expect(recent.has('id-4999')).toBe(true);
  });

  it('remembers nothing with max 0', () => {
    const recent = createRecentIds(0);
    recent.add(['a']);
    expect(recent.has('a')).toBe(false);
  });
});

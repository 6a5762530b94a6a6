import { describe, expect, it } from 'vitest';
import type { ChunkHost } from './lib/chunk.js';
import type { Ev } from './types.js';

const ev = (i: number): Ev => ({ id: `e${i}`, type: 'page', ts: 1000 + i, url: `https://shop.test/p${i}`, anonymousId: 'a', sessionId: 's', ctx: { ua: 'UA' } }) as Ev;

function host(granted: () => boolean) {
  let tap: (events: Ev[]) => void = () => {};
  const h = { emit: () => {}, listen: () => {}, model: '', granted, tap: (fn: (events: Ev[]) => void) => void (tap = fn) } as unknown as ChunkHost;
  return { h, push: (events: Ev[]) => tap(events) };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('recent events (journey extra)', () => {
  it('keeps the newest 200 in IndexedDB without device context, only with consent, and reads them back in time order', async () => {
    const { keepRecent, readRecent, RECENT_MAX } = await import('./recent.js');
    let granted = false;
    const { h, push } = host(() => granted);
    keepRecent(h);
    push([ev(0)]);
    await settle();
    // Before consent: this page's events only, nothing on the device.
    expect(await new Promise((r) => (indexedDB.databases ? indexedDB.databases().then((d) => r(d.map((x) => x.name))) : r([])))).toEqual([]);
    granted = true;
    expect((await readRecent(h)).map((e) => e.id)).toEqual(['e0']);
    for (let i = 1; i <= 250; i += 50) push(Array.from({ length: 50 }, (_, j) => ev(i + j)));
    await settle();
    const kept = await readRecent(h);
    expect(kept).toHaveLength(RECENT_MAX);
    expect(kept[0].id).toBe('e51');
    expect(kept.at(-1)!.id).toBe('e250');
    expect(kept.every((e) => e.ctx === undefined)).toBe(true);
    const stored = await new Promise<number>((r) => {
      const q = indexedDB.open('footfall');
      q.onsuccess = () => { const c = q.result.transaction('recent').objectStore('recent').count(); c.onsuccess = () => { q.result.close(); r(c.result); }; };
    });
    expect(stored).toBe(RECENT_MAX);
  });
});

// The npm entry's public API: nothing throws into the host page, calls made before
// init are kept, bad input is cleaned or dropped, event ids survive retries.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeCollector, freshDevice, waitFor } from '../test/fakes.js';

beforeAll(freshDevice);
afterEach(() => vi.unstubAllGlobals());

describe('@footfall/browser public API', () => {
  it('keeps calls made before init, never throws on bad input, and keeps ids across retries', async () => {
    const col = fakeCollector((n) => (n === 0 ? 500 : 200));
    const ff = await import('./index.js');
    ff.track('early', { n: 1 });
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const hostile: unknown[][] = [
      [undefined],
      [null, null],
      [{}],
      ['x'.repeat(10_000)],
      ['cyclic', cyclic],
      ['fn', { f: () => 1, big: 10n, s: 'y'.repeat(5000) }],
      ['arr', [1, 2] as unknown as Record<string, unknown>],
    ];
    expect(() => {
      ff.init({ writeKey: 'k', flushInterval: 10, backoffBase: 10, debug: false });
      ff.init({ writeKey: 'again' });
      for (const args of hostile) (ff.track as (...a: unknown[]) => void)(...args);
      (ff.identify as (...a: unknown[]) => void)(undefined);
      (ff.identify as (...a: unknown[]) => void)({ not: 'a string' }, cyclic);
      ff.cart.add({ items: 'nope' } as never);
      (ff.cart.purchase as (...a: unknown[]) => void)(null);
      ff.page(cyclic);
      ff.reset();
    }).not.toThrow();
    await expect(ff.flush()).resolves.toBeUndefined();
    await waitFor(() => col.delivered().some((e) => e.type === 'page'), 'delivery', 3000);
    const names = col.delivered().filter((e) => e.type === 'track').map((e) => (e as { name: string }).name);
    expect(names).toEqual(['early', 'x'.repeat(256), 'cyclic', 'fn', 'arr']);
    const byName = new Map(col.delivered().map((e) => [(e as { name?: string }).name, e]));
    expect(byName.get('cyclic')!.props).toBeUndefined();
    expect(byName.get('fn')!.props).toEqual({ big: '10', s: 'y'.repeat(1000) });
    expect(byName.get('arr')!.props).toBeUndefined();
    expect(col.delivered().filter((e) => e.type === 'cart').map((e) => (e as { action: string }).action)).toEqual(['add', 'purchase']);
    // The first request failed: its events were retried with the same ids.
    const failed = col.requests[0].events.map((e) => e.id);
    expect(failed.every((id) => col.delivered().some((e) => e.id === id))).toBe(true);
    expect(ff.stats().sent).toBe(col.delivered().length);
  });
});

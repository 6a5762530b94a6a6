// The script-tag entry: options from its own data-* attributes, the snippet's queue
// drained in order, then the stub replaced by the real command function.
import { afterEach, expect, it, vi } from 'vitest';
import { fakeCollector, freshDevice, waitFor } from '../test/fakes.js';

afterEach(() => vi.unstubAllGlobals());

it('reads data-* options, drains window.footfall.q and replaces the stub', async () => {
  freshDevice();
  const col = fakeCollector();
  const script = document.createElement('script');
  script.setAttribute('data-write-key', 'site_1');
  script.setAttribute('data-endpoint', '/collect/batch');
  script.setAttribute('data-flush-interval', '20');
  script.setAttribute('data-clicks', 'false');
  document.head.append(script);
  type Stub = ((...a: unknown[]) => void) & { q?: unknown[][]; track?: unknown };
  const w = window as unknown as { footfall: Stub };
  w.footfall = function (...args: unknown[]) {
    (w.footfall.q = w.footfall.q || []).push(args);
  } as Stub;
  w.footfall('track', 'queued-before-load', { a: 1 });
  w.footfall('identify', 'u-1');
  w.footfall('cart', 'add', { items: [{ id: 'sku', price: 2 }] });
  await import('./standalone.js');
  expect(w.footfall.q).toBeUndefined();
  expect(typeof w.footfall.track).toBe('function');
  expect(() => w.footfall('no-such-command', 1)).not.toThrow();
  w.footfall('track', 'after-load');
  await waitFor(() => col.delivered().filter((e) => e.type === 'track').length === 2, 'delivery');
  expect(col.fetch.mock.calls[0][0]).toBe(`${location.origin}/collect/batch`);
  expect(JSON.parse(col.requests[0].body).writeKey).toBe('site_1');
  const events = col.delivered();
  expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['page', 'track', 'identify', 'cart']));
  const track = events.filter((e) => e.type === 'track');
  expect(track.map((e) => (e as { name: string }).name)).toEqual(['queued-before-load', 'after-load']);
  expect(track[1].userId).toBe('u-1');
  // This client cannot be stopped (the script tag keeps it): opted out, it records nothing more,
  // so no send is planned when the test environment goes (its `navigator` with it).
  w.footfall('optOut');
  await new Promise((r) => setTimeout(r, 100));
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/fakes.js';
import { scrollDepth } from './scroll.js';

let f: ReturnType<typeof fakeClient>;
const scrollTo = (y: number) => {
  Object.defineProperty(window, 'scrollY', { value: y, configurable: true });
  window.dispatchEvent(new Event('scroll'));
};

beforeEach(() => {
  Object.defineProperty(document.documentElement, 'scrollHeight', { value: 4 * innerHeight, configurable: true });
  scrollTo(0);
  f = fakeClient();
  scrollDepth()(f.client);
});
afterEach(() => f.stop());

describe('scroll depth', () => {
  it('sends one event per page view, at its end, with the deepest point', () => {
    f.client._page();
    scrollTo(2 * innerHeight);
    scrollTo(innerHeight);
    f.hooks.end.forEach((h) => h());
    f.hooks.end.forEach((h) => h()); // hidden, then pagehide: still one
    const scrolls = f.emitted.filter((e) => e.type === 'scroll');
    expect(scrolls).toEqual([{ type: 'scroll', depth: 75, px: 3 * innerHeight, dh: 4 * innerHeight, vh: innerHeight }]);
    scrollTo(0);
    f.client._page(); // the next page view starts from where it is
    f.client._page();
    expect(f.emitted.filter((e) => e.type === 'scroll').map((e) => e.depth)).toEqual([75, 25]);
  });
});

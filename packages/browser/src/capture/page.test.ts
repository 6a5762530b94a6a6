import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../../test/fakes.js';
import { pageViews } from './page.js';

let stop = () => {};
const tick = () => new Promise((r) => setTimeout(r, 0));
async function setup(hashRouting = false) {
  const f = fakeClient({ hashRouting });
  pageViews()(f.client);
  stop = f.stop;
  await tick();
  const pages = () => f.emitted.filter((e) => e.type === 'page').map((e) => new URL(e.url as string).pathname + new URL(e.url as string).search + new URL(e.url as string).hash);
  return { ...f, pages };
}

beforeEach(() => history.replaceState(null, '', '/start'));
afterEach(() => stop());

describe('page views', () => {
  it('sends the first page view always', async () => {
    const { pages } = await setup();
    expect(pages()).toEqual(['/start']);
  });
  it('counts pushState and replaceState that change the path or query, and popstate', async () => {
    const { pages } = await setup();
    history.pushState(null, '', '/a');
    history.pushState(null, '', '/a?page=2');
    history.replaceState(null, '', '/b');
    history.pushState(null, '', '/b'); // same path: deduped
    window.dispatchEvent(new PopStateEvent('popstate'));
    history.replaceState({ scroll: 1 }, '', '/b'); // state only: not a page view
    expect(pages()).toEqual(['/start', '/a', '/a?page=2', '/b']);
    history.replaceState(null, '', '/c');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(pages()).toEqual(['/start', '/a', '/a?page=2', '/b', '/c']);
  });
  it('ignores hash changes unless hashRouting is on', async () => {
    const plain = await setup();
    location.hash = '#/cart';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(plain.pages()).toEqual(['/start']);
    plain.stop();
    history.replaceState(null, '', '/start');
    const hashed = await setup(true);
    location.hash = '#/cart';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(hashed.pages()).toEqual(['/start', '/start#/cart']);
  });
  it('restores history methods when stopped', async () => {
    const original = history.pushState;
    const s = await setup();
    expect(history.pushState).not.toBe(original);
    s.stop();
    expect(history.pushState).toBe(original);
  });
});

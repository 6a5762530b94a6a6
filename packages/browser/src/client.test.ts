// The assembled SDK (createClient): consent, privacy signals, identity on events,
// hidden-page handling. Capture modules have their own tests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Client } from './client.js';
import type { FootfallOptions } from './options.js';
import { fakeCollector, freshDevice, waitFor } from '../test/fakes.js';

let clients: Client[] = [];
const start = (o: FootfallOptions = {}) => {
  const c = createClient({ writeKey: 'k', flushInterval: 10, backoffBase: 10, ...o });
  clients.push(c);
  return c;
};
const patched: string[] = [];
/** Sets own properties on navigator (happy-dom's getters need the real instance). */
const navigatorWith = (extra: object) =>
  Object.entries(extra).forEach(([k, v]) => {
    Object.defineProperty(navigator, k, { value: v, configurable: true });
    patched.push(k);
  });

beforeEach(freshDevice);
afterEach(() => {
  clients.forEach((c) => c._stop!());
  clients = [];
  patched.splice(0).forEach((k) => delete (navigator as unknown as Record<string, unknown>)[k]);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the client', () => {
  it('gives each event an id, anonymousId, sessionId, url and device context, and sends it', async () => {
    const col = fakeCollector();
    const c = start();
    c._emit('track', { name: 'signup' }, { plan: 'pro', f: () => 1 });
    await waitFor(() => col.delivered().length === 1, 'delivery');
    const [e] = col.delivered();
    expect(e).toMatchObject({ type: 'track', name: 'signup', url: location.href, props: { plan: 'pro' } });
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(e.anonymousId).toBe(localStorage.getItem('footfall.aid'));
    expect(e.sessionId).toBeTruthy();
    expect(e.ctx).toMatchObject({ ua: navigator.userAgent, vw: innerWidth, vh: innerHeight });
    expect(typeof e.ctx!.tz).toBe('string');
  });

  it('identify adds userId from then on; reset starts a new anonymous id', async () => {
    const col = fakeCollector();
    const c = start();
    c._emit('track', { name: 'before' });
    c._identify('user-1', { plan: 'pro' });
    c._emit('track', { name: 'after' });
    await waitFor(() => col.delivered().length === 3, 'delivery');
    const [before, identify, after] = col.delivered();
    expect(before.userId).toBeUndefined();
    expect(identify).toMatchObject({ type: 'identify', userId: 'user-1', traits: { plan: 'pro' } });
    expect(after.userId).toBe('user-1');
    c._reset();
    c._emit('track', { name: 'later' });
    await waitFor(() => col.delivered().length === 4, 'delivery');
    expect(col.delivered()[3].anonymousId).not.toBe(before.anonymousId);
    expect(col.delivered()[3].userId).toBeUndefined();
  });

  it("consent 'required' holds events in memory (nothing stored, nothing sent) until grant", async () => {
    const col = fakeCollector();
    const c = start({ consent: 'required' });
    c._emit('track', { name: 'held' });
    await new Promise((r) => setTimeout(r, 50));
    await c._flush();
    expect(col.requests).toHaveLength(0);
    expect(localStorage.getItem('footfall.aid')).toBeNull(); // nothing written to the device
    c._consent(true);
    await waitFor(() => col.delivered().length === 1, 'held events after grant');
    expect(col.delivered()[0]).toMatchObject({ name: 'held' });
    expect(localStorage.getItem('footfall.aid')).toBe(col.delivered()[0].anonymousId);
  });

  it('consent.deny discards held events and records nothing after, remembered on the device', async () => {
    const col = fakeCollector();
    const c = start({ consent: 'required' });
    c._emit('track', { name: 'held' });
    c._consent(false);
    c._emit('track', { name: 'after' });
    await c._flush();
    c._stop!();
    const again = start({ consent: 'required' });
    again._emit('track', { name: 'next visit' });
    await again._flush();
    expect(col.requests).toHaveLength(0);
  });

  it('optOut persists across visits', async () => {
    const col = fakeCollector();
    start()._optOut();
    const next = start();
    next._emit('track', { name: 'x' });
    await next._flush();
    expect(col.requests).toHaveLength(0);
    expect(localStorage.getItem('footfall.optout')).toBe('1');
  });

  it('honours Do Not Track and Global Privacy Control unless respectDoNotTrack is false', async () => {
    const col = fakeCollector();
    navigatorWith({ globalPrivacyControl: true });
    const gpc = start();
    gpc._emit('track', { name: 'x' });
    await gpc._flush();
    gpc._stop!();
    delete (navigator as unknown as Record<string, unknown>).globalPrivacyControl;
    navigatorWith({ doNotTrack: '1' });
    const dnt = start();
    dnt._emit('track', { name: 'x' });
    await dnt._flush();
    dnt._stop!();
    expect(col.requests).toHaveLength(0);
    const off = start({ respectDoNotTrack: false });
    off._emit('track', { name: 'counted' });
    await waitFor(() => col.delivered().length === 1, 'delivery');
  });

  it('never listens to unload (bfcache); flushes on pagehide with a beacon', async () => {
    const added: string[] = [];
    const orig = window.addEventListener.bind(window);
    vi.spyOn(window, 'addEventListener').mockImplementation((type: string, ...rest: [EventListenerOrEventListenerObject, (boolean | AddEventListenerOptions)?]) => {
      added.push(type);
      return orig(type, ...rest);
    });
    const col = fakeCollector(() => 500);
    const c = start({ flushInterval: 60_000 });
    c._emit('track', { name: 'last words' });
    window.dispatchEvent(new Event('pagehide'));
    expect(added).not.toContain('unload');
    expect(added).not.toContain('beforeunload');
    expect(added).toContain('pagehide');
    await waitFor(() => col.requests.length > 0, 'the beacon');
    expect(col.requests.flatMap((r) => r.events.map((e) => (e as { name?: string }).name))).toEqual(['last words']);
    expect(col.requests[0].keepalive).toBe(true);
  });

  it('keeps the exit copy already at the Navigation API navigate event, in the navigating task', async () => {
    fakeCollector(() => 500);
    const nav = new EventTarget();
    vi.stubGlobal('navigation', nav);
    const c = start({ flushInterval: 60_000 });
    c._emit('track', { name: 'clicked away' });
    const copies = () => Object.keys(localStorage).filter((k) => k.startsWith('footfall.x'));
    expect(copies()).toEqual([]); // still pending: nothing written yet
    nav.dispatchEvent(Object.assign(new Event('navigate'), { destination: { url: 'https://other.example/', sameDocument: false } }));
    const kept = copies().map((k) => localStorage.getItem(k)).join();
    expect(kept).toContain('clicked away'); // synchronously, before the page can go
    await c._flush(); // let the queue write settle before the fakes go
  });
});

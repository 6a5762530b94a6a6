// The SDK's copy of keepParams must decide exactly as the core's (docs/privacy.md#query-strings).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as core from '../../../core/src/keep-params.js';
import { createClient, type Client } from '../client.js';
import { fakeCollector, freshDevice, waitFor } from '../../test/fakes.js';
import { DEFAULT_KEEP_PARAMS, keepParams } from './keep-params.js';

describe('the SDK copy of keepParams', () => {
  it('has the core default list', () => {
    expect(DEFAULT_KEEP_PARAMS).toEqual(core.DEFAULT_KEEP_PARAMS);
  });

  it('gives the same URL as the core on 5,000 generated URLs and keep lists', () => {
    const text = (re: RegExp) => fc.stringMatching(re);
    const name = fc.oneof(fc.constantFrom(...core.DEFAULT_KEEP_PARAMS.map((p) => p.replace('*', 'source')), 'UTM_Medium', 'email', 'token', 'Ref'), text(/^[A-Za-z0-9_%.*-]{0,6}$/));
    const pair = fc.tuple(name, fc.option(text(/^[^&#]{0,8}$/))).map(([n, v]) => (v === null ? n : `${n}=${v}`));
    const part = fc.oneof(pair, text(/^[?#&=]{1,2}$/));
    const url = fc.tuple(fc.constantFrom('https://shop.test/', 'http://x.test/a/b', '/rel', ''), fc.array(part, { maxLength: 8 })).map(([base, parts]) => `${base}?${parts.join('&')}`);
    const keep = fc.oneof(fc.constant(undefined), fc.array(fc.oneof(name, name.map((n) => `${n.slice(0, 3)}*`)), { maxLength: 4 }));
    fc.assert(fc.property(url, keep, (u, k) => {
      expect(keepParams(u, k)).toBe(core.keepParams(u, k));
    }), { seed: 42, numRuns: 5_000 });
  });
});

describe('the SDK drops query parameters before an event is queued', () => {
  let clients: Client[] = [];
  beforeEach(freshDevice);
  afterEach(() => {
    clients.forEach((c) => c._stop());
    clients = [];
    history.replaceState(null, '', '/');
  });

  it('in url, referrer and href, by default and with keepParams', async () => {
    const col = fakeCollector();
    history.replaceState(null, '', '/checkout?email=alice%40example.test&utm_source=news#step');
    const c = createClient({ writeKey: 'k', flushInterval: 10, backoffBase: 10 });
    clients.push(c);
    c._page();
    c._emit('click', { href: 'https://shop.test/reset?token=secret&gclid=g' });
    await waitFor(() => col.delivered().length === 2, 'delivery ' + JSON.stringify(col.delivered().map((e) => (e as { type: string }).type)), 10_000);
    const [page, click] = col.delivered() as unknown as Record<string, string>[];
    expect(page.url).toBe(`${location.origin}/checkout?utm_source=news#step`);
    expect(click.href).toBe('https://shop.test/reset?gclid=g');
    expect(JSON.stringify(col.delivered())).not.toMatch(/alice|secret/);

    const own = createClient({ writeKey: 'k', flushInterval: 10, backoffBase: 10, keepParams: ['email'] });
    clients.push(own);
    own._emit('track', { name: 'x', referrer: 'https://r.test/?q=1' });
    await waitFor(() => col.delivered().length === 3, 'delivery ' + JSON.stringify(col.delivered().map((e) => (e as { type: string }).type)), 10_000);
    expect(col.delivered()[2]).toMatchObject({ url: `${location.origin}/checkout?email=alice%40example.test#step`, referrer: 'https://r.test/' });
  });
});

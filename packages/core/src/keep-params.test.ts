import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { channelOf } from './channel.js';
import { DEFAULT_KEEP_PARAMS, keepEventParams, keepParams, parseKeepParams } from './keep-params.js';

describe('keepParams', () => {
  it('keeps campaign tags and click ids by default and drops everything else', () => {
    expect(keepParams('https://shop.test/p?utm_source=mail&email=a%40b.test&utm_medium=email&token=x#top')).toBe('https://shop.test/p?utm_source=mail&utm_medium=email#top');
    expect(keepParams('https://shop.test/?gclid=1&fbclid=2&msclkid=3&name=Alice')).toBe('https://shop.test/?gclid=1&fbclid=2&msclkid=3');
    expect(keepParams('https://shop.test/?email=a@b.test')).toBe('https://shop.test/');
    expect(keepParams('https://shop.test/?')).toBe('https://shop.test/');
    expect(keepParams('https://shop.test/a/b')).toBe('https://shop.test/a/b');
  });

  it('compares names without case, matches prefix* patterns, and filters a query inside a hash route', () => {
    expect(keepParams('https://x.test/?UTM_Source=a&utm=b', ['utm_*'])).toBe('https://x.test/?UTM_Source=a');
    expect(keepParams('https://x.test/#/cart?coupon=1&email=e', ['coupon'])).toBe('https://x.test/#/cart?coupon=1');
    expect(keepParams('https://x.test/?ref=1&flag&&empty=', ['ref', 'flag', 'empty'])).toBe('https://x.test/?ref=1&flag&empty=');
    expect(keepParams('https://x.test/?a=1&b=2', ['*'])).toBe('https://x.test/?a=1&b=2');
    expect(keepParams('https://x.test/?a=1&b=2', [])).toBe('https://x.test/');
  });

  it('keeps what attribution reads: the channel of a URL is the same after filtering', () => {
    const base = { id: 'e', type: 'page' as const, ts: 1, anonymousId: 'a' };
    for (const q of ['utm_source=google&utm_medium=cpc&email=x', 'gclid=1&x=2', 'gbraid=1', 'wbraid=1', 'ttclid=1', 'li_fat_id=1', 'fbclid=1&name=bob', 'msclkid=1']) {
      const url = `https://shop.test/?${q}`;
      expect(channelOf({ ...base, url: keepParams(url) })).toEqual(channelOf({ ...base, url }));
    }
  });

  it('on any URL: every parameter left is allowed, nothing else changes, and filtering twice changes nothing', () => {
    const name = fc.constantFrom('utm_source', 'UTM_campaign', 'utm', 'gclid', 'email', 'token', 'ref', 'a', '', 'x%20y', 'utm_%65');
    const pair = fc.tuple(name, fc.option(fc.stringMatching(/^[A-Za-z0-9%@.=_-]{0,8}$/))).map(([n, v]) => (v === null ? n : `${n}=${v}`));
    const url = fc.tuple(fc.constantFrom('https://shop.test/p', '/rel', ''), fc.array(pair, { maxLength: 6 }), fc.option(fc.stringMatching(/^[A-Za-z0-9/?=&_-]{0,12}$/)))
      .map(([path, pairs, hash]) => `${path}${pairs.length ? `?${pairs.join('&')}` : ''}${hash === null ? '' : `#${hash}`}`);
    const keep = fc.subarray(['utm_*', 'gclid', 'ref', 'a', '*']);
    fc.assert(fc.property(url, keep, (u, k) => {
      const out = keepParams(u, k);
      expect(keepParams(out, k)).toBe(out);
      for (const q of out.match(/\?[^#]*/g) ?? []) {
        for (const p of q.slice(1).split('&')) {
          const n = p.split('=')[0].toLowerCase();
          expect(k.some((x) => (x.endsWith('*') ? n.startsWith(x.slice(0, -1).toLowerCase()) : n === x.toLowerCase()))).toBe(true);
        }
      }
      expect(out.replace(/\?[^#]*/g, '')).toBe(u.replace(/\?[^#]*/g, ''));
    }), { seed: 10, numRuns: 2000 });
  });

  it('keepEventParams with a memo gives what it gives without one, one memo for a whole batch', () => {
    const urls = ['https://s.test/p?utm_source=a&email=x@y.test', 'https://s.test/p?utm_source=a&email=x@y.test', 'https://s.test/?token=1#/r?gclid=2&k=3', 'https://s.test/plain', '?', 'https://s.test/?UTM_X=1&&a'];
    const events = urls.map((url, i) => ({ id: `u${i}`, type: 'click', ts: i, anonymousId: 'a', url, referrer: urls[(i + 1) % urls.length], href: urls[(i + 2) % urls.length], title: 'a?b=c' }));
    for (const keep of [DEFAULT_KEEP_PARAMS, ['*'], [], ['email']]) {
      const memo = new Map<string, string>();
      const ours = [...events, ...events].map((e) => keepEventParams(structuredClone(e), keep, memo));
      expect(ours).toEqual([...events, ...events].map((e) => keepEventParams(structuredClone(e), keep)));
      expect(ours.map((e) => e.url)).toEqual([...urls, ...urls].map((u) => keepParams(u, keep)));
    }
  });

  it('keepEventParams filters url, referrer and href in place; parseKeepParams reads lists', () => {
    const e = keepEventParams({ url: 'https://x.test/?email=a&utm_source=b', referrer: 'https://r.test/?q=secret', href: 'https://x.test/reset?token=t', title: 'a?b=c' });
    expect(e).toEqual({ url: 'https://x.test/?utm_source=b', referrer: 'https://r.test/', href: 'https://x.test/reset', title: 'a?b=c' });
    expect(parseKeepParams(' utm_*, gclid ref,,')).toEqual(['utm_*', 'gclid', 'ref']);
    expect(DEFAULT_KEEP_PARAMS).toContain('utm_*');
  });
});

import { describe, expect, it } from 'vitest';
import { parseAgent } from './agent.js';
import { channelOf } from './channel.js';
import type { FootfallEvent } from './events.js';
import { correctSkew } from './skew.js';

const base = { id: 'e1', type: 'page', ts: 1_000_059_000, anonymousId: 'a', url: 'https://shop.test/' } as FootfallEvent;
const at = (url: string, referrer?: string) => channelOf({ ...base, url, ...(referrer ? { referrer } : {}) });

describe('correctSkew', () => {
  it("re-bases ts on the server's clock and keeps the raw value as clientTs", () => {
    expect(correctSkew(base, 1_000_060_000, 1_000_000_500)).toMatchObject({ ts: 999_999_500, clientTs: 1_000_059_000, receivedAt: 1_000_000_500 });
  });
  it('is idempotent: a corrected event corrects from its clientTs', () => {
    const once = correctSkew(base, 1_000_060_000, 1_000_000_500);
    expect(correctSkew(once, 1_000_060_000, 1_000_000_500)).toEqual(once);
  });
  it('does not change its input', () => {
    correctSkew(base, 5, 10);
    expect(base.ts).toBe(1_000_059_000);
  });
});

describe('parseAgent', () => {
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
  const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  const ipad = 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
  it('reads browser, os and a mobile device from an iPhone', () => {
    expect(parseAgent(iphone)).toEqual({ browser: 'Mobile Safari', os: 'iOS', device: 'mobile' });
  });
  it('reads a desktop Chrome on Windows', () => {
    expect(parseAgent(chrome)).toEqual({ browser: 'Chrome', os: 'Windows', device: 'desktop' });
  });
  it('reads a tablet', () => {
    expect(parseAgent(ipad).device).toBe('tablet');
  });
  it('lets the viewport width decide the device class: <768 mobile, <1280 tablet, else desktop', () => {
    expect([767, 768, 1279, 1280].map((w) => parseAgent(chrome, w).device)).toEqual(['mobile', 'tablet', 'tablet', 'desktop']);
  });
  it('without a user agent: desktop, or the viewport class', () => {
    expect(parseAgent(undefined)).toEqual({ device: 'desktop' });
    expect(parseAgent(undefined, 390)).toEqual({ device: 'mobile' });
  });
  it('returns a fresh object each time (the cache is not shared with callers)', () => {
    const a = parseAgent(chrome);
    a.device = 'mobile';
    expect(parseAgent(chrome).device).toBe('desktop');
  });
});

describe('channelOf', () => {
  it('UTM tags win: name is source/medium', () => {
    expect(at('https://shop.test/?utm_source=google&utm_medium=cpc', 'https://www.facebook.com/')).toEqual({ name: 'google/cpc', kind: 'paid' });
    expect(at('https://shop.test/?utm_source=newsletter&utm_medium=email')).toEqual({ name: 'newsletter/email', kind: 'email' });
    expect(at('https://shop.test/?utm_source=facebook&utm_medium=social')).toEqual({ name: 'facebook/social', kind: 'social' });
    expect(at('https://shop.test/?utm_source=google&utm_medium=organic')).toEqual({ name: 'google/organic', kind: 'search' });
    expect(at('https://shop.test/?utm_source=partner&utm_medium=referral')).toEqual({ name: 'partner/referral', kind: 'referral' });
    expect(at('https://shop.test/?utm_source=flyer&utm_medium=print')).toEqual({ name: 'flyer/print', kind: 'other' });
    expect(at('https://shop.test/?utm_source=flyer')).toEqual({ name: 'flyer/(none)', kind: 'other' });
  });
  it('an ad click id without UTM tags is paid', () => {
    expect(at('https://shop.test/?gclid=abc')).toEqual({ name: 'google/cpc', kind: 'paid' });
  });
  it('else the referrer host classes the visit', () => {
    expect(at('https://shop.test/', 'https://www.google.com/search?q=x')).toEqual({ name: 'google.com/organic', kind: 'search' });
    expect(at('https://shop.test/', 'https://duckduckgo.com/')).toEqual({ name: 'duckduckgo.com/organic', kind: 'search' });
    expect(at('https://shop.test/', 'https://l.facebook.com/')).toEqual({ name: 'l.facebook.com/social', kind: 'social' });
    expect(at('https://shop.test/', 'https://t.co/xyz')).toEqual({ name: 't.co/social', kind: 'social' });
    expect(at('https://shop.test/', 'https://mail.google.com/mail/u/0/')).toEqual({ name: 'mail.google.com/email', kind: 'email' });
    expect(at('https://shop.test/', 'https://news.ycombinator.com/item?id=1')).toEqual({ name: 'news.ycombinator.com/referral', kind: 'referral' });
  });
  it('a referrer on the same host is not a channel: direct', () => {
    expect(at('https://shop.test/cart', 'https://shop.test/')).toEqual({ name: 'direct', kind: 'direct' });
    expect(at('https://www.shop.test/cart', 'https://shop.test/')).toEqual({ name: 'direct', kind: 'direct' });
  });
  it('no UTM and no referrer (or an unparsable one) is direct', () => {
    expect(at('https://shop.test/')).toEqual({ name: 'direct', kind: 'direct' });
    expect(at('https://shop.test/', 'not a url')).toEqual({ name: 'direct', kind: 'direct' });
    expect(at('/relative')).toEqual({ name: 'direct', kind: 'direct' });
  });
});

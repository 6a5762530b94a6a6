import { describe, expect, it } from 'vitest';
import { FootfallError } from './errors.js';
import type { FootfallEvent } from './events.js';
import { parseStep, urlPath } from './matchers.js';

const base = { id: 'e', ts: 1, anonymousId: 'a' };
const page = (url: string): FootfallEvent => ({ ...base, type: 'page', url });

describe('step matchers', () => {
  it('matches page globs against the URL path', () => {
    const s = parseStep('page:/checkout/*');
    expect(s.matches(page('https://shop.test/checkout/payment?x=1'))).toBe(true);
    expect(s.matches(page('https://shop.test/checkout'))).toBe(false);
    expect(parseStep('page').matches(page('https://shop.test/any'))).toBe(true);
  });
  it('matches cart action, track name, click selector and vitals metric', () => {
    expect(parseStep('cart:purchase').matches({ ...base, url: '/', type: 'cart', action: 'purchase' })).toBe(true);
    expect(parseStep('track:sign*').matches({ ...base, url: '/', type: 'track', name: 'signup' })).toBe(true);
    expect(parseStep('click:#buy').matches({ ...base, url: '/', type: 'click', selector: '#buy', tag: 'button', x: 0, y: 0, rx: 0, ry: 0, vw: 1, vh: 1, dh: 1 })).toBe(true);
    expect(parseStep('vitals:LCP').matches({ ...base, url: '/', type: 'vitals', metric: 'LCP', value: 1, rating: 'good' })).toBe(true);
  });
  it('treats regex characters literally and ** like *', () => {
    expect(parseStep('page:/a.b').matches(page('/axb'))).toBe(false);
    expect(parseStep('page:/p/**').matches(page('/p/x/y'))).toBe(true);
  });
  it('rejects unknown types with a helpful error', () => {
    expect(() => parseStep('pgae:/x')).toThrowError(FootfallError);
    expect(() => parseStep('pgae:/x')).toThrowError(/TYPE one of page, click/);
  });
  it('extracts URL paths', () => {
    expect(urlPath('https://x.test')).toBe('/');
    expect(urlPath('https://x.test/a/b?c#d')).toBe('/a/b');
    expect(urlPath('/rel/path?q')).toBe('/rel/path');
  });
});

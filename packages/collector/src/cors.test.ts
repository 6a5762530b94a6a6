import { describe, expect, it } from 'vitest';
import { createCors, parseOrigins } from './cors.js';

describe('CORS policy', () => {
  it('parses FOOTFALL_ORIGINS: bare origins for every key, key=origin for one', () => {
    expect(parseOrigins(' https://a.test/, site_b=https://b.test,site_b=http://localhost:3000 ,')).toEqual({
      '*': ['https://a.test'],
      site_b: ['https://b.test', 'http://localhost:3000'],
    });
  });

  it('allows an origin for its key only, any key in a preflight, anything when unconfigured', () => {
    const cors = createCors(parseOrigins('https://all.test,site_b=https://b.test'));
    expect(cors.allows('https://all.test', 'site_x')).toBe(true);
    expect(cors.allows('https://b.test', 'site_b')).toBe(true);
    expect(cors.allows('https://b.test', 'site_c')).toBe(false);
    expect(cors.allows('https://b.test')).toBe(true);
    expect(cors.allows('https://evil.test')).toBe(false);
    expect(cors.headers('https://evil.test', 'site_b')).toEqual({});
    const open = createCors(undefined);
    expect(open.allows('https://anything.test', 'k')).toBe(true);
    expect(open.headers('https://anything.test')['access-control-allow-origin']).toBe('*');
  });
});

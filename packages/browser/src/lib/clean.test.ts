import { describe, expect, it } from 'vitest';
import { cleanNumber, cleanProps, cleanString } from './clean.js';

describe('cleanProps', () => {
  it('keeps JSON values and repairs the rest', () => {
    const props = { a: 1, b: 'x', c: [1, null], d: { e: true }, f: () => 1, g: undefined, h: 10n, i: NaN, j: new Date(0) };
    expect(cleanProps(props)).toEqual({ a: 1, b: 'x', c: [1, null], d: { e: true }, h: '10', i: null, j: '1970-01-01T00:00:00.000Z' });
  });
  it('cuts oversized strings and drops props over 8 KiB, cyclic props and non-objects', () => {
    expect((cleanProps({ s: 'x'.repeat(5000) })!.s as string).length).toBe(1000);
    expect(cleanProps(Object.fromEntries(Array.from({ length: 20 }, (_, i) => ['k' + i, 'y'.repeat(900)])))).toBeUndefined();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(cleanProps(cyclic)).toBeUndefined();
    expect(cleanProps('text')).toBeUndefined();
    expect(cleanProps([1, 2])).toBeUndefined();
  });
  it('cleans strings and numbers', () => {
    expect(cleanString('abcdef', 3)).toBe('abc');
    expect(cleanString(42, 10)).toBe('42');
    expect(cleanString('', 10)).toBeUndefined();
    expect(cleanString({}, 10)).toBeUndefined();
    expect(cleanNumber('12.5')).toBe(12.5);
    expect(cleanNumber('x')).toBeUndefined();
    expect(cleanNumber(Infinity)).toBeUndefined();
  });
});

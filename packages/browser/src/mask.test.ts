import { describe, expect, it } from 'vitest';
import { maskText } from './mask.js';

describe('maskText', () => {
  it('masks e-mail addresses and long digit runs, keeps prices and short numbers', () => {
    expect(maskText('Mail ann@example.com or call 555 123 4567')).toBe('Mail *** or call ***');
    expect(maskText('Card 4111-1111-1111-1111 ok')).toBe('Card *** ok');
    expect(maskText('Add 2 mugs for €24.90')).toBe('Add 2 mugs for €24.90');
    expect(maskText('Order 12345')).toBe('Order 12345');
  });
  it('collapses whitespace and cuts to 64 characters', () => {
    expect(maskText('  Buy\n\n  now  ')).toBe('Buy now');
    expect(maskText('x'.repeat(100))).toHaveLength(64);
    expect(maskText(null)).toBe('');
  });
});

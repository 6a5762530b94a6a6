import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { FootfallError } from './errors.js';

const D = 86_400_000;

describe('parseDuration', () => {
  it('reads a number and a unit, decimals and spaces allowed', () => {
    expect(['14d', '2h', '30m', '30min', '300s', '500ms', '1w', '1.5h', ' 7 d '].map((t) => parseDuration(t))).toEqual([
      14 * D, 7_200_000, 1_800_000, 1_800_000, 300_000, 500, 7 * D, 5_400_000, 7 * D,
    ]);
  });
  it('rounds to whole milliseconds', () => {
    expect(parseDuration('0.0015s')).toBe(2);
  });
  it('takes a bare number only when told its unit', () => {
    expect(parseDuration('500', { bareUnit: 'ms' })).toBe(500);
    expect(() => parseDuration('14')).toThrow(/"14" is not a duration: write a number and a unit/);
  });
  it('throws INVALID_OPTION naming the flag or parameter, with what to write', () => {
    for (const text of ['14 days', '', '-1d', '1e3ms', 'd']) {
      try {
        parseDuration(text, { name: '--window' });
        expect.unreachable(text);
      } catch (error) {
        expect(error).toBeInstanceOf(FootfallError);
        expect((error as FootfallError).code).toBe('INVALID_OPTION');
        expect((error as FootfallError).message).toBe(`--window "${text}" is not a duration: write a number and a unit, e.g. 14d, 2h, 30m, 300s`);
      }
    }
    expect(() => parseDuration('x')).toThrow(/^duration "x"/);
  });
});

/**
 * Durations as people write them on a command line or in a query string (`14d`, `2h`,
 * `30min`, `500ms`): the one parser behind the CLI's `--window` and the query API's `window=`.
 */
import { FootfallError } from './errors.js';

/** A unit `parseDuration` understands: milliseconds, seconds, minutes (`m` or `min`), hours, days, weeks. */
export type DurationUnit = 'ms' | 's' | 'm' | 'min' | 'h' | 'd' | 'w';

const UNIT_MS: Record<DurationUnit, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Options of `parseDuration`. */
export interface DurationOptions {
  /**
   * What the text was given as, named in the error message: a flag (`--window`) or a
   * query parameter (`window`).
   * @default 'duration'
   */
  name?: string;
  /**
   * The unit of a bare number (`500`). Without it a bare number is an error, because
   * `--window 14` could mean days as well as milliseconds.
   * @default undefined
   */
  bareUnit?: DurationUnit;
}

/**
 * Parses a duration into whole milliseconds: a number (decimals allowed) and a unit among
 * `ms`, `s`, `m`/`min`, `h`, `d`, `w`, optionally separated by spaces. Throws
 * `FootfallError` `INVALID_OPTION`, naming `options.name`, for anything else.
 *
 * @example
 * ```ts
 * parseDuration('14d'); // 1209600000
 * parseDuration('1.5h'); // 5400000
 * parseDuration('500', { name: 'window', bareUnit: 'ms' }); // 500
 * parseDuration('14 days', { name: '--window' }); // throws: --window "14 days" is not a duration: write a number and a unit, e.g. 14d, 2h, 30m, 300s
 * ```
 */
export function parseDuration(text: string, options: DurationOptions = {}): number {
  // Trimmed first: one `\s*` between number and unit keeps the match linear in the text.
  const m = /^(\d{1,15}(?:\.\d{1,15})?)\s*(ms|s|min|m|h|d|w)?$/.exec(text.trim());
  const unit = (m?.[2] as DurationUnit | undefined) ?? options.bareUnit;
  if (!m || unit === undefined) {
    throw new FootfallError('INVALID_OPTION', `${options.name ?? 'duration'} "${text}" is not a duration: write a number and a unit, e.g. 14d, 2h, 30m, 300s`);
  }
  return Math.round(Number(m[1]) * UNIT_MS[unit]);
}

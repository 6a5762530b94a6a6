// What every bench section shares: the --quick flag, and handing its result to bench/run.mjs.
// A section is a script that measures one area and ends with `report(result)`; run.mjs runs
// each in its own process (so one section's memory never weighs on another) and renders the
// results into docs/benchmarks.md. Run alone (`node bench/sdk-weight.mjs`), a section prints
// its tables as Markdown.
import { writeFileSync } from 'node:fs';
import { renderSection } from './markdown.mjs';

/** `npm run bench -- --quick`: fewer loads, smaller files, shorter rounds. */
export const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

/** Progress line on stderr (stdout stays free for a section run alone). */
export const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`);

/**
 * Ends a section: `result` = { title, intro?, tables: [{ caption?, columns, rows, notes? }],
 * notes?: string[], headline?: { [readmeLabel]: figure }, targets?: [{ target, met, figure }] }.
 */
export function report(result) {
  if (process.env.BENCH_RESULT) writeFileSync(process.env.BENCH_RESULT, JSON.stringify(result));
  else process.stdout.write(`${renderSection(result)}\n`);
}

/** Median of numbers (mean of the two middle ones for an even count). */
export function median(values) {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** "2.31×" — how many times `value` is `base`; "—" when either is missing. */
export function ratio(value, base, digits = 2) {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base === 0) return '—';
  return `${(value / base).toFixed(digits)}×`;
}

/** 1234567 → "1,234,567". */
export const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');

/** Bytes as size-limit prints them: decimal kilobytes, two decimals at most ("7.54 KB"). */
export const kb = (bytes) => `${Number((bytes / 1000).toFixed(2))} KB`;

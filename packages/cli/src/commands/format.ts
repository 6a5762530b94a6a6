/** Text output helpers shared by the analysis commands: aligned tables, percentages, durations. */
import { UsageError, type Args } from '../command.js';

/** Renders rows as an aligned text table; columns after the first are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ').trimEnd();
  return `${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')}\n`;
}

/** `0.1234` → `12.3%`; `null` → `-`. */
export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

/** ms → `850 ms`, `4.2 s`, `3.5 min`; `null` → `-`. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** Thousands separators, `digits` decimals. */
export const number = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The one INPUT positional, or a UsageError. */
export function inputOf(args: Args, command: string): string {
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length ? `expected one INPUT, got ${args.positionals.length} (${args.positionals.join(' ')})` : `missing INPUT (an .ndjson file, .ndjson.gz, a folder or -): footfall ${command} INPUT`);
  }
  return args.positionals[0];
}

/**
 * The INPUT positionals: one or more files, folders or `-`, read as one input merged by
 * `ts` (docs/cli.md "Input"); a store (`duckdb:`, `clickhouse:`) only alone. UsageError without any.
 */
export function inputsOf(args: Args, command: string): string[] {
  const given = args.positionals;
  if (given.length === 0) throw new UsageError(`missing INPUT (an .ndjson file, .ndjson.gz, a folder or -; several are merged by ts): footfall ${command} INPUT [INPUT ...]`);
  if (given.length > 1 && given.some((i) => /^(duckdb|clickhouse|memory):/.test(i))) throw new UsageError(`a store (${given.find((i) => /^(duckdb|clickhouse|memory):/.test(i))}) is read alone: pass it as the only INPUT`);
  if (given.filter((i) => i === '-').length > 1) throw new UsageError('- (stdin) can be given once');
  return [...given];
}

/** A flag's string value (last one wins), or `undefined`. */
export function stringFlag(args: Args, name: string): string | undefined {
  const v = args.values[name];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last : undefined;
}

/** A repeatable flag's string values. */
export function listFlag(args: Args, name: string): string[] {
  const v = args.values[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** A numeric flag within `[min, max]`, or `undefined` when absent; UsageError when not a number in range. */
export function numberFlag(args: Args, name: string, min: number, max: number): number | undefined {
  const s = stringFlag(args, name);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${s}"`);
  return n;
}

/**
 * Person rows as CSV (docs/cli.md, "footfall persons"): what `footfall persons --csv` prints
 * and the dashboard's persons table downloads, written once here.
 */
import type { PersonRow } from './lib/person-row.js';

/** The CSV columns, in order. */
export const PERSONS_CSV_COLUMNS = [
  'person', 'userId', 'devices', 'firstSeen', 'lastSeen', 'sessions', 'orders', 'revenue', 'stage', 'conversionProbability', 'channels', 'deviceClasses', 'tickets', 'reviews',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
 * return) gets a leading `'`: ids and channels come from events, which are untrusted.
 */
function field(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Person rows as CSV: a header line, then one line per row; times as ISO 8601 (UTC), lists
 * joined with `|`, lines ending in `\n`.
 *
 * @example
 * ```ts
 * personsCsv(createPersons({ stage: 'decision' }).result().persons);
 * // 'person,userId,devices,firstSeen,...\nu42,u42,a1|a2,2026-11-02T09:00:00.000Z,...\n'
 * ```
 */
export function personsCsv(rows: readonly PersonRow[]): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const lines = rows.map((r) =>
    [
      r.person, r.userId, r.devices.join('|'), iso(r.firstSeen), iso(r.lastSeen), r.sessions, r.orders, r.revenue, r.stage, r.conversionProbability,
      r.channels.join('|'), r.deviceClasses.join('|'), r.tickets, r.reviews,
    ].map(field).join(','),
  );
  return `${[PERSONS_CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

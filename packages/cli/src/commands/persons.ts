import { personsCsv, type PersonRow, type PersonsResult } from '@footfall/core';
import { printJson, type Command } from '../command.js';
import { feed } from '../input.js';
import { analysisFlags, analysisOptionsOf, analyzerOf } from './analysis-flags.js';
import { inputOf, number, percent, table } from './format.js';
import { analysisHelp, SESSION_FILTER_FLAGS, sessionFilterOf } from './session-filter-flags.js';

const help = `Usage: footfall persons INPUT [--stage S] [--min-ltv N] [--min-probability P] [--since D]
                       [--friction SIGNAL@PAGE] [--sort ltv|probability|last-seen] [--limit N] [--channel C] [--device D] [--csv | --json]

Persons and segments: one row per person (every device stitched to them) with first and
last seen, sessions, orders, revenue (lifetime value to date), journey stage, conversion
probability of their latest session, entry channels and devices, kept by the filters and
sorted, most first (docs/metrics.md#persons).

INPUT                  an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                       duckdb:PATH or clickhouse:URL
--stage S              only persons at stage S: awareness | consideration | decision |
                       retention | advocacy
--min-ltv N            only persons whose revenue is at least N
--min-probability P    only persons whose conversion probability is at least P (0 to 1)
--since D              only persons last seen since D: a UTC day (2026-11-01), ms since the
                       epoch, or a duration back from the latest person's last seen (7d)
--friction SIGNAL@PAGE only the persons behind a bottleneck: a session of theirs met
                       SIGNAL on PAGE (rage-clicks, dead-clicks, poor-lcp, poor-inp,
                       poor-cls, error, high-exit), e.g. rage-clicks@/checkout/shipping
--sort S               ltv (default), probability or last-seen
--limit N              rows printed (default 100; --json and --csv say how many matched)
--csv                  print the rows as CSV (header line first)
${analysisHelp(23)}

Example:
  footfall persons events.ndjson --stage decision --min-ltv 100 --csv > segment.csv
`;

/** Text rendering of a persons result. */
export function personsTable(r: PersonsResult): string {
  const head = `${number(r.matched)} of ${number(r.seen)} persons match${r.persons.length < r.matched ? ` (first ${number(r.persons.length)} shown)` : ''}\n`;
  if (r.persons.length === 0) return head;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `${head}\n${table(
    ['person', 'stage', 'sessions', 'orders', 'revenue', 'probability', 'last seen', 'channels'],
    r.persons.map((p: PersonRow) => [p.person, p.stage, number(p.sessions), number(p.orders), number(p.revenue, 2), percent(p.conversionProbability), day(p.lastSeen), p.channels.join(', ')]),
  )}`;
}

/** `footfall persons`: persons and segments. */
export const persons: Command = {
  name: 'persons',
  summary: 'persons and segments: stage, LTV, conversion probability, filters, CSV',
  help,
  flags: { ...analysisFlags('persons'), ...SESSION_FILTER_FLAGS, strict: { type: 'boolean' }, csv: { type: 'boolean' } },
  async run(args, io) {
    const input = inputOf(args, 'persons');
    const analyzer = analyzerOf('persons', args);
    const recipe = { create: 'createPersons' as const, options: analysisOptionsOf('persons', args) as unknown };
    await feed(input, io, [analyzer as never], { strict: args.values.strict === true, filter: sessionFilterOf(args), recipes: [recipe] });
    const result = analyzer.result();
    if (args.values.json) printJson(io, result);
    else io.stdout.write(args.values.csv ? personsCsv(result.persons) : personsTable(result));
    return 0;
  },
};

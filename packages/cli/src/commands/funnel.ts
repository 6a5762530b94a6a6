import { createFunnel, parseDuration, type FunnelMode, type FunnelResult } from '@footfall/core';
import { UsageError, type Command } from '../command.js';
import { duration, inputOf, listFlag, number, percent, stringFlag, table } from './format.js';
import { fromFlags } from './from-flags.js';
import { printAnalysis } from './print-analysis.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp } from './session-filter-flags.js';

/** A window as written on the command line: `14d`, `2h`, `30m`, else seconds. */
function windowText(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

function stepsTable(steps: FunnelResult['steps']): string {
  return table(
    ['step', 'persons', 'conversion', 'from previous', 'avg time', 'median time'],
    steps.map((s) => [s.step, number(s.count), percent(s.conversion), percent(s.fromPrevious), duration(s.avgTimeMs), duration(s.medianTimeMs)]),
  );
}

/** `footfall funnel`: a conversion funnel over persons (PostHog sequential semantics). */
export const funnel: Command = {
  name: 'funnel',
  summary: 'Conversion funnel over persons: counts, conversion and time per step',
  help: `Usage: footfall funnel INPUT --step S --step S ... [options]

Counts the persons who reach each step in order within the window (PostHog
"sequential" semantics: every first-step event opens an attempt; the furthest
step reached per person counts) and the time between steps.

INPUT  an NDJSON file, .ndjson.gz, a folder of them, - for stdin,
       duckdb:PATH or clickhouse:URL

Options:
  --step S          a step, TYPE[:PATTERN] (page:/checkout/*, cart:add, track:signup); repeat, in order
  --window D        conversion window, inclusive: 14d, 2h, 30m, 300s (default 14d)
  --mode M          ordered (default) | strict | unordered
  --exclude S       exclusion step: such an event between two steps removes the person; repeatable
  --breakdown PROP  first-touch breakdown: a props key, a top-level field, channel or device
${sessionFilterHelp(18, '  ')}
  --strict          stop at the first invalid input line instead of skipping it
  --json            print the result as JSON
  -h, --help        this help

Example:
  footfall funnel events.ndjson --step page:/ --step 'page:/product/*' --step cart:add --step cart:purchase --window 7d
`,
  flags: {
    step: { type: 'string', multiple: true },
    window: { type: 'string' },
    mode: { type: 'string' },
    exclude: { type: 'string', multiple: true },
    breakdown: { type: 'string' },
    ...SESSION_FILTER_FLAGS,
    strict: { type: 'boolean' },
  },
  async run(args, io) {
    const input = inputOf(args, 'funnel');
    const steps = listFlag(args, 'step');
    if (steps.length === 0) throw new UsageError('give at least one --step, e.g. --step page:/ --step cart:purchase');
    const mode = (stringFlag(args, 'mode') ?? 'ordered') as FunnelMode;
    if (!['ordered', 'strict', 'unordered'].includes(mode)) throw new UsageError(`--mode "${mode}" is not one of ordered, strict, unordered`);
    const window = stringFlag(args, 'window');
    const breakdown = stringFlag(args, 'breakdown');
    const options = fromFlags(() => ({ steps, windowMs: window === undefined ? undefined : parseDuration(window, { name: '--window' }), mode, exclude: listFlag(args, 'exclude'), breakdown }));
    const analyzer = fromFlags(() => createFunnel(options));
    return printAnalysis(input, analyzer, args, io, (result) =>
      [
        `Funnel (${result.mode}, window ${windowText(result.windowMs)}), ${number(result.persons)} persons seen\n\n${stepsTable(result.steps)}`,
        ...(result.breakdown ?? []).map((group) => `\n${breakdown} = ${group.value}\n${stepsTable(group.steps)}`),
      ].join(''), { create: 'createFunnel', options });
  },
};

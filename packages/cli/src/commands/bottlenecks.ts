import { BOTTLENECK_SIGNALS, createBottlenecks, type BottleneckSignal, type BottlenecksResult } from '@footfall/core';
import { UsageError, type Command } from '../command.js';
import { inputOf, listFlag, number, numberFlag, percent, table } from './format.js';
import { fromFlags } from './from-flags.js';
import { printAnalysis } from './print-analysis.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp } from './session-filter-flags.js';

const help = `Usage: footfall bottlenecks INPUT [--step S ...] [--signal NAME ...] [--min-group 30] [--alpha 0.01]
                            [--channel C] [--device D] [--json]

Ranked bottlenecks: for every page, sessions that met a friction signal there
(poor LCP/INP/CLS, rage clicks, dead clicks, scroll reach above the main call to
action, an error event) against those that did not. Reported when both groups
have at least --min-group sessions and a two-proportion z-test gives p < --alpha;
ranked by lost conversions = affected × (CR unaffected − CR affected).

INPUT           an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                duckdb:PATH or clickhouse:URL
--step S        funnel step (repeatable, in order): a session converts when it meets
                them all in order; default: a cart:purchase
--signal NAME   test only these signals (repeatable): ${BOTTLENECK_SIGNALS.join(', ')}
                (low-scroll and high-exit are only tested when named)
--min-group N   smallest affected and unaffected group, sessions (default 30)
--alpha P       significance level (default 0.01)
${sessionFilterHelp(16)}
--json          print the result as one JSON document
--strict        stop at the first invalid line instead of skipping it

Example:
  footfall bottlenecks events.ndjson --step page:/cart --step page:/checkout/* --step cart:purchase
`;

/** Text rendering of ranked bottlenecks. */
export function bottlenecksTable(r: BottlenecksResult): string {
  if (r.bottlenecks.length === 0) return `No significant bottleneck in ${number(r.sessions)} sessions (${number(r.conversions)} conversions).\n`;
  return `${table(
    ['#', 'target', 'signal', 'affected', 'CR affected', 'CR others', 'lost conv.', 'lost revenue', 'p'],
    r.bottlenecks.map((b, i) => [
      String(i + 1),
      b.target,
      b.signal,
      number(b.affected),
      percent(b.crAffected),
      percent(b.crUnaffected),
      number(b.lostConversions, 1),
      number(b.lostRevenue),
      b.pValue.toExponential(1),
    ]),
  )}\n${r.bottlenecks.map((b, i) => `${i + 1}. ${b.reason}`).join('\n')}\n`;
}

/** `footfall bottlenecks`: ranked friction bottlenecks. */
export const bottlenecks: Command = {
  name: 'bottlenecks',
  summary: 'ranked bottlenecks: friction that costs conversions, per page',
  help,
  flags: {
    step: { type: 'string', multiple: true },
    signal: { type: 'string', multiple: true },
    'min-group': { type: 'string' },
    alpha: { type: 'string' },
    ...SESSION_FILTER_FLAGS,
    strict: { type: 'boolean' },
  },
  async run(args, io) {
    const input = inputOf(args, 'bottlenecks');
    const signals = listFlag(args, 'signal');
    for (const s of signals) {
      if (!BOTTLENECK_SIGNALS.includes(s as BottleneckSignal)) throw new UsageError(`--signal must be one of ${BOTTLENECK_SIGNALS.join(', ')}, got "${s}"`);
    }
    const options = {
      steps: listFlag(args, 'step'),
      signals: signals.length ? (signals as BottleneckSignal[]) : undefined,
      minGroup: numberFlag(args, 'min-group', 1, Number.MAX_SAFE_INTEGER),
      alpha: numberFlag(args, 'alpha', Number.MIN_VALUE, 0.999999),
    };
    const analyzer = fromFlags(() => createBottlenecks(options));
    return printAnalysis(input, analyzer, args, io, bottlenecksTable, { create: 'createBottlenecks', options });
  },
};

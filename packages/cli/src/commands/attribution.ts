import type { Command } from '../command.js';
import { analysisFlags, analysisOptionsOf, analyzerOf } from './analysis-flags.js';
import { inputOf, number, percent, table } from './format.js';
import { printAnalysis } from './print-analysis.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp } from './session-filter-flags.js';

/** `footfall attribution`: conversions credited to acquisition channels. */
export const attribution: Command = {
  name: 'attribution',
  summary: 'Conversions credited to channels (Markov removal effect or a rule model)',
  help: `Usage: footfall attribution INPUT [options]

A journey is a person's sequence of session channels (UTM source/medium, else
referrer, else direct) up to each conversion. Markov credits each channel by its
removal effect on the exact absorbing chain; the rule models split each conversion.

INPUT  an NDJSON file, .ndjson.gz, a folder of them, - for stdin,
       duckdb:PATH or clickhouse:URL

Options:
  --model M         markov (default) | first | last | linear | time-decay | position
  --conversion S    the conversion step (default cart:purchase)
${sessionFilterHelp(18, '  ')}
  --strict          stop at the first invalid input line instead of skipping it
  --json            print the result as JSON
  -h, --help        this help

Example:
  footfall attribution events.ndjson --model markov --conversion cart:purchase --json
`,
  flags: {
    ...analysisFlags('attribution'),
    ...SESSION_FILTER_FLAGS,
    strict: { type: 'boolean' },
  },
  async run(args, io) {
    const input = inputOf(args, 'attribution');
    const analyzer = analyzerOf('attribution', args);
    const model = analysisOptionsOf('attribution', args).model ?? 'markov';
    const markov = model === 'markov';
    const header = markov ? ['channel', 'conversions', 'removal effect'] : ['channel', 'conversions'];
    return printAnalysis(input, analyzer, args, io, (result) =>
      `Attribution (${model}), P(conversion) ${percent(result.conversionProbability)}\n\n${table(
        header,
        result.channels.map((c) => (markov ? [c.channel, number(c.conversions, 2), percent(c.removalEffect)] : [c.channel, number(c.conversions, 2)])),
      )}`);
  },
};

import { analysisOptionsOf } from './analysis-flags.js';
import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall attribution INPUT [options]

A journey is a person's sequence of session channels (UTM source/medium, else
referrer, else direct) up to each conversion. Markov credits each channel by its
removal effect on the exact absorbing chain; the rule models split each conversion.

INPUT  an NDJSON file, .ndjson.gz, a folder of them, - for stdin,
       duckdb:PATH or clickhouse:URL

Options:
  --model M         markov (default) | first | last | linear | time-decay | position
  --conversion S    the conversion step (default cart:purchase)
${analysisHelp(18, '  ')}

Example:
  footfall attribution events.ndjson --model markov --conversion cart:purchase --json
`;

/** `footfall attribution`: conversions credited to acquisition channels. */
export const attribution = analysisCommand('attribution', 'Conversions credited to channels (Markov removal effect or a rule model)', help, (result, args) => {
  const model = analysisOptionsOf('attribution', args).model ?? 'markov';
  const markov = model === 'markov';
  return `Attribution (${model}), P(conversion) ${percent(result.conversionProbability)}\n\n${table(
    markov ? ['channel', 'conversions', 'removal effect'] : ['channel', 'conversions'],
    result.channels.map((c) => (markov ? [c.channel, number(c.conversions, 2), percent(c.removalEffect)] : [c.channel, number(c.conversions, 2)])),
  )}`;
});

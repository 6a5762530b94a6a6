import { createPaths } from '@footfall/core';
import { UsageError, type Command } from '../command.js';
import { inputOf, listFlag, number, numberFlag, percent, stringFlag, table } from './format.js';
import { fromFlags } from './from-flags.js';
import { printAnalysis } from './print-analysis.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp } from './session-filter-flags.js';

/** Splits `REGEX=REPL` at the last `=` (so the regex may contain `=`). */
function cleanRule(text: string): [string, string] {
  const i = text.lastIndexOf('=');
  if (i <= 0) throw new UsageError(`--clean "${text}" is not GLOB=REPLACEMENT, e.g. --clean '/product/*=/product/*'`);
  return [text.slice(0, i), text.slice(i + 1)];
}

/** `footfall paths`: the journeys sessions take, as a depth-keyed graph for a Sankey. */
export const paths: Command = {
  name: 'paths',
  summary: 'Journeys through the site: Sankey nodes and links, top paths',
  help: `Usage: footfall paths INPUT [options]

One path per session: page views as URL paths, cart and track events as
type:name, consecutive duplicates collapsed. Nodes are keyed by depth and item
("2_/cart"); a link's value is the number of paths making that transition.

INPUT  an NDJSON file, .ndjson.gz, a folder of them, - for stdin,
       duckdb:PATH or clickhouse:URL

Options:
  --start ITEM        paths begin at the first occurrence of ITEM (e.g. /product/*)
  --end ITEM          paths stop at the first occurrence of ITEM (e.g. cart:purchase)
  --steps N           depth limit (default 5)
  --clean GLOB=REPL   rewrite each item the glob matches whole (* is any run of characters)
                      into REPL, before anything else; repeatable, applied in order
${sessionFilterHelp(20, '  ')}
  --strict            stop at the first invalid input line instead of skipping it
  --json              print the result as JSON
  -h, --help          this help

Example:
  footfall paths events.ndjson --clean '/product/*=/product/*' --steps 4 --json
`,
  flags: {
    start: { type: 'string' },
    end: { type: 'string' },
    steps: { type: 'string' },
    clean: { type: 'string', multiple: true },
    ...SESSION_FILTER_FLAGS,
    strict: { type: 'boolean' },
  },
  async run(args, io) {
    const input = inputOf(args, 'paths');
    const steps = numberFlag(args, 'steps', 1, 1000);
    if (steps !== undefined && !Number.isInteger(steps)) throw new UsageError(`--steps must be a whole number, got "${steps}"`);
    const analyzer = fromFlags(() =>
      createPaths({ start: stringFlag(args, 'start'), end: stringFlag(args, 'end'), steps, clean: listFlag(args, 'clean').map(cleanRule) }),
    );
    return printAnalysis(input, analyzer, args, io, (result) => {
      const total = result.paths;
      return `${number(total)} paths\n\nTop paths\n${table(
        ['path', 'paths', 'share'],
        result.topPaths.map((p) => [p.path.join(' → '), number(p.count), percent(total ? p.count / total : 0)]),
      )}\nTop links\n${table(['link', 'paths'], result.links.slice(0, 15).map((l) => [`${l.source} → ${l.target}`, number(l.value)]))}`;
    });
  },
};

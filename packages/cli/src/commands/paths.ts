import { number, percent, table } from './format.js';
import { analysisCommand } from './print-analysis.js';
import { analysisHelp } from './session-filter-flags.js';

const help = `Usage: footfall paths INPUT [options]

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
${analysisHelp(20, '  ')}

Example:
  footfall paths events.ndjson --clean '/product/*=/product/*' --steps 4 --json
`;

/** `footfall paths`: the journeys sessions take, as a depth-keyed graph for a Sankey. */
export const paths = analysisCommand('paths', 'Journeys through the site: Sankey nodes and links, top paths', help, (result) => {
  const total = result.paths;
  return `${number(total)} paths\n\nTop paths\n${table(
    ['path', 'paths', 'share'],
    result.topPaths.map((p) => [p.path.join(' → '), number(p.count), percent(total ? p.count / total : 0)]),
  )}\nTop links\n${table(['link', 'paths'], result.links.slice(0, 15).map((l) => [`${l.source} → ${l.target}`, number(l.value)]))}`;
});

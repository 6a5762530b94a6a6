// README.md's "Measured" table and docs/benchmarks.md's "Headline figures" table, read and
// written as [label, figure] rows: bench/run.mjs copies the headline rows into the README,
// test/readme-figures.test.ts checks that they agree.

// Rows of README's table that older benches wrote and the headline rows replace.
const RETIRED = ['core analyzers on 1M demo events', 'reading 1M events from NDJSON (validated)'];
const ROW = /^\|(.*)\|\s*$/;

const cells = (line) => ROW.exec(line)[1].split(/(?<!\\)\|/).map((c) => c.trim().replaceAll('\\|', '|'));

/** The lines of the first Markdown table under the heading `## TITLE`, with their indexes. */
function tableUnder(markdown, title) {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (heading < 0) throw new Error(`no "## ${title}" section`);
  let first = heading + 1;
  while (first < lines.length && !ROW.test(lines[first]) && !lines[first].startsWith('## ')) first++;
  if (first >= lines.length || !ROW.test(lines[first])) throw new Error(`no table under "## ${title}"`);
  let end = first;
  while (end < lines.length && ROW.test(lines[end])) end++;
  return { lines, first, end };
}

/** [label, figure] rows of the table under `## TITLE` (header and separator left out). */
export function tableRows(markdown, title) {
  const { lines, first, end } = tableUnder(markdown, title);
  return lines.slice(first + 2, end).map((l) => cells(l).slice(0, 2));
}

/** README text with the headline rows in its "Measured" table (replacing older copies). */
export function readmeWithHeadline(readme, headline) {
  const { lines, first, end } = tableUnder(readme, 'Measured');
  const labels = new Set([...headline.map(([label]) => label), ...RETIRED]);
  const kept = lines.slice(first + 2, end).filter((l) => !labels.has(cells(l)[0]));
  const row = ([label, figure]) => `| ${label.replaceAll('|', '\\|')} | ${figure.replaceAll('|', '\\|')} |`;
  return [...lines.slice(0, first + 2), ...kept, ...headline.map(row), ...lines.slice(end)].join('\n');
}

// The CLI end to end (NDJSON file → result JSON: reading, validation, identity, sessions,
// analysis) against DuckDB (`read_json` into a table, then the same 4-step funnel in SQL, one
// process) on the same demo file: wall time, CPU time, peak RSS, and the funnel counts of both.
// Each run is its own process, measured by /usr/bin/time. Runs alternate between the engines so
// both see the same machine load.
//   E2E_EVENTS   events in the generated file (default 1,000,000; cached in the OS temp dir)
//   E2E_RUNS     runs per engine and analyzer, the median is shown (default 1)
//   E2E_ONLY     comma-separated analyzers to run (default funnel,paths,pages,bottlenecks)
//   E2E_FILE     use this NDJSON file instead of generating one
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { funnelSql } from './lib/funnel-sql.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const STEPS = ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'];
const WINDOW = '1d';
const WINDOW_MS = 86_400_000;

if (process.argv[2] === '--duckdb') {
  // Child: DuckDB end to end, prints the funnel counts as JSON.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const file = process.argv[3].replaceAll("'", "''");
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`CREATE TABLE ev AS SELECT * FROM read_json('${file}', format = 'newline_delimited')`);
  // Identity as docs/metrics.md#identity-and-sessions: the userId, else the user the anonymous id is linked to.
  const sql = funnelSql(`links AS (SELECT anonymousId::VARCHAR AS a, any_value(userId::VARCHAR) AS u FROM ev WHERE userId IS NOT NULL GROUP BY 1),
    d AS (SELECT DISTINCT ON (id) * FROM ev),
    e AS (
      SELECT coalesce(d.userId::VARCHAR, links.u, d.anonymousId::VARCHAR) AS person, d.ts, CASE
        WHEN d.type = 'page' AND regexp_extract(d.url, '^(?:[a-z]+://[^/?#]*)?([^?#]*)', 1) IN ('/', '') THEN 1
        WHEN d.type = 'page' AND regexp_extract(d.url, '^(?:[a-z]+://[^/?#]*)?([^?#]*)', 1) LIKE '/product/%' THEN 2
        WHEN d.type = 'cart' AND d.action = 'add' THEN 3
        WHEN d.type = 'cart' AND d.action = 'purchase' THEN 4 END AS step
      FROM d LEFT JOIN links ON links.a = d.anonymousId::VARCHAR)`, WINDOW_MS);
  const rows = (await conn.runAndReadAll(sql)).getRows();
  process.stdout.write(JSON.stringify(rows[0].map(Number)));
  process.exit(0);
}

const N = Number(process.env.E2E_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.E2E_RUNS ?? 1);
const ONLY = (process.env.E2E_ONLY ?? 'funnel,paths,pages,bottlenecks').split(',');
const cli = join(here, '../packages/cli/bin/footfall.js');

let file = process.env.E2E_FILE;
if (!file) {
  file = join(tmpdir(), `footfall-e2e-${N}-seed1.ndjson`);
  if (!existsSync(file)) {
    const gen = spawnSync(process.execPath, [cli, 'demo', '--events', String(N), '--seed', '1', '--out', `${file}.part`], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('footfall demo failed');
    renameSync(`${file}.part`, file);
  }
}

/** Runs a command under /usr/bin/time: wall s, CPU s, peak RSS MB and its stdout. */
function measure(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { maxBuffer: 1 << 28, encoding: 'utf8' });
  const last = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return { wall: last[0], cpu: last[1] + last[2], rss: last[3] / 1024, stdout: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const commands = {
  funnel: ['funnel', file, ...STEPS.flatMap((s) => ['--step', s]), '--window', WINDOW, '--json'],
  paths: ['paths', file, '--clean', '^/product/.*=/product/*', '--json'],
  pages: ['pages', file, '--json'],
  bottlenecks: ['bottlenecks', file, '--json'],
};
const mb = (readFileSync(file).length / 1e6).toFixed(0);
console.log(`file ${file}: ${N.toLocaleString('en')} events, ${mb} MB; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB; ${RUNS} run(s) each, medians`);
const duck = [];
let duckCounts;
const rows = [];
for (const name of ONLY) {
  const ours = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const m = measure([cli, ...commands[name]]);
    ours.push(m);
    out = m.stdout;
    if (duck.length < RUNS) {
      const d = measure([fileURLToPath(import.meta.url), '--duckdb', file]);
      duck.push(d);
      duckCounts = JSON.parse(d.stdout);
    }
  }
  const result = JSON.parse(out);
  const counts = name === 'funnel' ? result.steps.map((s) => s.count) : undefined;
  rows.push({ name, wall: median(ours.map((m) => m.wall)), cpu: median(ours.map((m) => m.cpu)), rss: median(ours.map((m) => m.rss)), counts });
}
const dw = median(duck.map((m) => m.wall));
console.log(`duckdb read_json + funnel   wall ${dw.toFixed(2)} s  cpu ${median(duck.map((m) => m.cpu)).toFixed(2)} s  rss ${median(duck.map((m) => m.rss)).toFixed(0)} MB  counts ${duckCounts.join('/')}`);
for (const r of rows) {
  console.log(`footfall ${r.name.padEnd(18)} wall ${r.wall.toFixed(2)} s  cpu ${r.cpu.toFixed(2)} s  rss ${r.rss.toFixed(0)} MB  rate ratio to duckdb ${(dw / r.wall).toFixed(2)}${r.counts ? `  counts ${r.counts.join('/')} ${r.counts.join('/') === duckCounts.join('/') ? '(equal)' : '(DIFFER)'}` : ''}`);
}

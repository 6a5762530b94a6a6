// `npm run bench` (builds first, then this): runs every section, each in its own process,
// and writes docs/benchmarks.md from this one run, with the machine's size and the command;
// then copies the headline figures into README.md's "Measured" table (test/readme-figures
// checks they agree). `npm run bench -- --quick` (under 2 minutes on an idle machine: 1 load per SDK, a
// file of 100k events, short rounds) writes to the temp dir instead and leaves docs/ and README alone.
// `npm run bench -- collector` runs only the sections whose file names contain a given word
// (also written to the temp dir). `--out FILE` writes the page elsewhere.
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderSection, renderTable } from './lib/markdown.mjs';
import { installPeers, root } from './lib/peers.mjs';
import { log } from './lib/section.mjs';
import { readmeWithHeadline } from './lib/readme.mjs';

const SECTIONS = ['sdk-weight.mjs', 'sdk-main-thread.mjs', 'core-vs-duckdb.mjs', 'collector.mjs', 'first-start.mjs'];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outAt = args.indexOf('--out');
const words = args.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
const sections = SECTIONS.filter((f) => !words.length || words.some((w) => f.includes(w)));
const official = !quick && sections.length === SECTIONS.length && outAt < 0;
const out = outAt >= 0 ? args[outAt + 1] : official ? join(root, 'docs/benchmarks.md') : join(tmpdir(), 'footfall-benchmarks.md');
const command = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

installPeers(log);
const git = (...a) => { try { return execFileSync('git', a, { cwd: root, encoding: 'utf8' }).trim(); } catch { return '?'; } };
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no', '--', 'packages') ? ' (with uncommitted changes in packages/)' : ''}`;
const started = new Date();
const loadBefore = loadavg();

const results = [];
for (const file of sections) {
  log(`\n=== bench/${file}${quick ? ' --quick' : ''} ===`);
  const resultFile = join(tmpdir(), `footfall-bench-${process.pid}-${file}.json`);
  const t = Date.now();
  const run = spawnSync(process.execPath, [join(root, 'bench', file), ...(quick ? ['--quick'] : [])], { stdio: 'inherit', env: { ...process.env, BENCH_RESULT: resultFile } });
  const seconds = (Date.now() - t) / 1000;
  log(`=== bench/${file}: ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${seconds.toFixed(1)} s ===`);
  let result;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
    rmSync(resultFile);
  } catch {
    result = { title: `bench/${file}`, failed: true, notes: [`**Failed** (exit ${run.status ?? run.signal}); see the command's output.`] };
  }
  if (run.status !== 0) result.failed = true;
  results.push({ ...result, seconds });
}

const totalSeconds = (Date.now() - started.getTime()) / 1000;
const cpu = cpus();
if (loadavg()[0] > cpu.length) log(`\n!!! load average ${loadavg()[0].toFixed(1)} on ${cpu.length} cores: other processes are competing; wall-clock figures are slower than on an idle machine !!!`);
const machine = [
  ['CPU', `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`],
  ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
  ['Node.js', process.version],
  ['platform', `${process.platform} ${process.arch}`],
  ['load average (1 min) at start / end', `${loadBefore[0].toFixed(2)} / ${loadavg()[0].toFixed(2)}${Math.max(loadBefore[0], loadavg()[0]) > cpu.length ? ` — **above the ${cpu.length} cores: other processes competed for them, so wall-clock figures (core, collector, long tasks) are slower than on an idle machine; CPU-time figures (script and per-click time) much less so**` : ''}`],
  ['command', `\`${command}\``],
  ['commit', commit],
  ['date', started.toISOString().replace(/\.\d+Z$/, 'Z')],
  ['run time', `${(totalSeconds / 60).toFixed(1)} min (${results.map((r) => `${r.title}: ${r.seconds.toFixed(0)} s`).join(', ')})`],
];
const headline = results.flatMap((r) => Object.entries(r.headline ?? {}));
const targets = results.flatMap((r) => r.targets ?? []);
const page = [
  '# Benchmarks',
  '',
  `Written by \`${command}\` from one run; do not edit by hand. Each section below is one script in [bench/](../bench/), run in its own process; the peers are pinned in [bench/peers/package.json](../bench/peers/package.json). Ratios compare against Footfall unless a table says otherwise.`,
  '',
  renderTable({ columns: ['machine', ''], rows: machine }),
  '',
  '## Headline figures',
  '',
  'README.md\'s "Measured" table repeats these rows word for word (test/readme-figures.test.ts checks it).',
  '',
  renderTable({ columns: ['what', 'figure'], rows: headline }),
  '',
  ...results.map((r) => `${renderSection(r)}\n`),
  '## Targets',
  '',
  renderTable({ columns: ['target', 'met', 'this run'], rows: targets.map((t) => [t.target, t.met ? 'yes' : '**no**', t.figure]) }),
  '',
  ...(results.some((r) => r.failed) ? [`Sections that failed: ${results.filter((r) => r.failed).map((r) => r.title).join(', ')}.`, ''] : []),
].join('\n');
writeFileSync(out, page);
log(`\nwrote ${out}`);
if (official) {
  const readme = join(root, 'README.md');
  writeFileSync(readme, readmeWithHeadline(readFileSync(readme, 'utf8'), headline));
  log('updated README.md "Measured" from the headline figures');
}
process.exitCode = results.some((r) => r.failed) ? 1 : 0;

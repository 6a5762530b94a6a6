// The core end to end against what a backend developer would pick instead: the same
// generated NDJSON file (`footfall demo`), per analyzer, each run as its own process, timed
// as a whole (wall) with its peak RSS:
//   - Footfall: the CLI command (`footfall funnel FILE …`): reading, validation, identity
//     stitching, sessions, the analysis, the JSON result;
//   - DuckDB (@duckdb/node-api): read_json into a table, then the analyzer in SQL;
//   - chDB (in-process ClickHouse, npm `chdb`): the same for the funnel (windowFunnel) and
//     page views.
// Results are compared between the engines (bench/lib/sql.mjs says what the SQL leaves out).
// Full run: 1M events, and the funnel again at 4M for memory; --quick: 100k events.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPeers, peersDir, root } from './lib/peers.mjs';
import { CLEAN, FUNNEL, PAGE_SIGNALS } from './lib/sql.mjs';
import { int, log, quick, ratio, report } from './lib/section.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? (quick ? 100_000 : 1_000_000));
/** Runs per engine and analyzer on the main file, alternating between the engines; each cell is the run of median wall time (one machine's noise swings a single run by ±10%). */
const RUNS = Math.max(1, Number(process.env.BENCH_CORE_RUNS ?? (quick ? 1 : 3)));
const SCALE = quick ? [] : [Number(process.env.BENCH_SCALE_EVENTS ?? 4_000_000)];
const cli = join(root, 'packages/cli/bin/footfall.js');
const engine = join(root, 'bench/lib/engine-run.mjs');
const reportRss = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('maxrss '+u.maxRSS+' cpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

/** A node process, timed whole: wall seconds, CPU seconds (user + system, every thread), peak RSS (MB), stdout. */
function run(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', reportRss, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const [, maxRss = NaN, cpuUs = NaN] = /maxrss (\d+) cpu (\d+)/.exec(r.stderr) ?? [];
  return { seconds, cpu: Number(cpuUs) / 1e6, rss: Number(maxRss) / 1024, out: r.stdout };
}

/** The run of median wall time among `runs`. */
const median = (runs) => [...runs].sort((a, b) => a.seconds - b.seconds)[(runs.length - 1) >> 1];

/** The demo file of n events, generated once per version of the demo generator's sources (packages/node/src/demo*) and cached. */
function demoFile(n) {
  const hash = createHash('sha256');
  const sources = [join(root, 'packages/node/src/demo.ts'), ...readdirSync(join(root, 'packages/node/src/demo')).sort().map((f) => join(root, 'packages/node/src/demo', f))];
  for (const f of sources) hash.update(f).update(readFileSync(f));
  const generator = hash.digest('hex').slice(0, 10);
  const file = join(tmpdir(), `footfall-bench-demo-${n}-${generator}.ndjson`);
  if (existsSync(file)) return { file, generated: null, mb: statSync(file).size / 1e6 };
  log(`generating ${int(n)} demo events …`);
  const generated = run([cli, 'demo', '--events', String(n), '--out', `${file}.part`]);
  renameSync(`${file}.part`, file);
  return { file, generated, mb: statSync(file).size / 1e6 };
}

const funnelArgs = FUNNEL.steps.flatMap((s) => ['--step', s]);
const footfallArgs = {
  funnel: [...funnelArgs, '--window', '14d'],
  paths: CLEAN.flatMap(([re, to]) => ['--clean', `${re}=${to}`]),
  pages: [],
  bottlenecks: [],
};

// What each engine's result is compared on.
const compare = {
  funnel: (ff, sql) => {
    const ours = ff.steps.map((s) => s.count);
    const theirs = sql[0].slice(0, 4).map(Number);
    return { equal: ours.join() === theirs.join(), what: `step counts ${ours.join(' / ')} vs ${theirs.join(' / ')}` };
  },
  paths: (ff, sql) => {
    const [, links, transitions] = sql[0];
    const top = sql.slice(1).map(([p, n]) => `${p}=${n}`).join();
    const oursTop = ff.topPaths.slice(0, 10).map((p) => `${p.path.join(' > ')}=${p.count}`).join();
    const oursTransitions = ff.links.reduce((n, l) => n + l.value, 0);
    return { equal: ff.links.length === links && oursTransitions === transitions && top === oursTop, what: `${ff.links.length} vs ${links} links, ${int(oursTransitions)} vs ${int(transitions)} transitions, top 10 paths ${top === oursTop ? 'equal' : 'differ'}` };
  },
  pages: (ff, sql) => {
    const ours = new Map(ff.pages.map((p) => [p.path, p.views]));
    const differ = sql.filter(([path, views]) => ours.get(path) !== Number(views)).length + Math.max(0, ours.size - sql.length);
    return { equal: differ === 0, what: `views of ${ours.size} vs ${sql.length} paths${differ ? `, ${differ} differ` : ''}` };
  },
  bottlenecks: (ff, sql) => {
    // The SQL ranks the page signals of web sessions; the journey signals (support contact, low
    // rating, landing mismatch: docs/metrics.md) come from other sources and are left out of the comparison.
    const ours = ff.bottlenecks.filter((b) => PAGE_SIGNALS.includes(b.signal)).map((b) => `${b.target.replace(/^page:/, '')} ${b.signal} ${b.affected}`);
    const theirs = sql.map(([path, signal, affected]) => `${path} ${signal} ${affected}`);
    return { equal: ours.join() === theirs.join(), what: `${ours.length} vs ${theirs.length} bottlenecks${ours.join() === theirs.join() ? ', same pages, signals and group sizes' : `: ${ours.join('; ')} vs ${theirs.join('; ')}`}` };
  },
};

installPeers(log);
const { file, generated, mb } = demoFile(EVENTS);
log(`${int(EVENTS)} events, ${mb.toFixed(0)} MB: ${file}`);
let chdbMissing = null;
try {
  run(['--input-type=module', '--eval', `import { createRequire } from 'node:module'; createRequire(${JSON.stringify(`${peersDir}package.json`)})('chdb').query('SELECT 1')`]);
} catch (error) {
  chdbMissing = error.message.split('\n').find((l) => /Error|error/.test(l)) ?? error.message.slice(0, 200);
}

// The floor of any JavaScript reader of this file: read it and JSON.parse every line, one thread.
const floor = run([engine, 'node-parse', 'funnel', file]);
log(`node floor   read + JSON.parse of every line, one thread: ${floor.seconds.toFixed(1)} s ${floor.rss.toFixed(0)} MB`);

const results = [];
let persons = NaN;
for (const analyzer of ['funnel', 'paths', 'pages', 'bottlenecks']) {
  const withChdb = !chdbMissing && (analyzer === 'funnel' || analyzer === 'pages');
  const ffRuns = [];
  const duckRuns = [];
  const chRuns = [];
  for (let r = 0; r < RUNS; r++) {
    // Rounds alternate which engine runs first, so neither always follows the other.
    const ours = () => ffRuns.push(run([cli, analyzer, file, ...footfallArgs[analyzer], '--json']));
    if (r % 2 === 0) ours();
    duckRuns.push(run([engine, 'duckdb', analyzer, file]));
    if (withChdb) chRuns.push(run([engine, 'chdb', analyzer, file]));
    if (r % 2 === 1) ours();
  }
  // Footfall's runs must give the same bytes; the table shows the median run of each engine.
  if (ffRuns.some((x) => x.out !== ffRuns[0].out)) throw new Error(`${analyzer}: Footfall's runs gave different results`);
  const ff = median(ffRuns);
  const duck = median(duckRuns);
  ff.all = ffRuns;
  duck.all = duckRuns;
  const ffResult = JSON.parse(ff.out);
  const duckRows = JSON.parse(duck.out);
  if (analyzer === 'funnel') persons = Number(duckRows[0][4]);
  const check = compare[analyzer](ffResult, duckRows);
  let ch = null;
  if (withChdb) {
    ch = median(chRuns);
    ch.check = compare[analyzer](ffResult, JSON.parse(ch.out));
  }
  log(`${analyzer.padEnd(12)} footfall ${ffRuns.map((x) => x.seconds.toFixed(2)).join('/')} s ${ff.rss.toFixed(0)} MB | duckdb ${duckRuns.map((x) => x.seconds.toFixed(2)).join('/')} s ${duck.rss.toFixed(0)} MB | medians ${ff.seconds.toFixed(2)} / ${duck.seconds.toFixed(2)} s = ${ratio(duck.seconds, ff.seconds)}${ch ? ` | chdb ${ch.seconds.toFixed(1)} s ${ch.rss.toFixed(0)} MB` : ''} | ${check.equal ? 'equal' : 'UNEQUAL'}: ${check.what}`);
  results.push({ analyzer, ff, duck, ch, check });
}

// Memory at scale: the funnel at 1M (above) and at 4M events, Footfall and DuckDB.
const scale = [];
if (!quick) {
  const funnel = results[0];
  scale.push({ events: EVENTS, persons, ff: funnel.ff, duck: funnel.duck });
  for (const n of SCALE) {
    const big = demoFile(n);
    const ff = run([cli, 'funnel', big.file, ...footfallArgs.funnel, '--json']);
    const duck = run([engine, 'duckdb', 'funnel', big.file]);
    scale.push({ events: n, persons: Number(JSON.parse(duck.out)[0][4]), ff, duck, mb: big.mb });
    log(`funnel at ${int(n)}: footfall ${ff.seconds.toFixed(1)} s ${ff.rss.toFixed(0)} MB | duckdb ${duck.seconds.toFixed(1)} s ${duck.rss.toFixed(0)} MB`);
  }
}

const s1 = (v) => v.toFixed(1);
const rate = (seconds) => `${int(EVENTS / seconds)}`;
const funnel = results[0];
const funnelRatio = funnel.duck.seconds / funnel.ff.seconds;
const allEqual = results.every((r) => r.check.equal && (!r.ch || r.ch.check.equal));
const label = `${EVENTS >= 1e6 ? `${EVENTS / 1e6}M` : `${EVENTS / 1e3}k`}`;
report({
  title: 'Core end to end vs DuckDB and chDB',
  intro: `One generated file: \`footfall demo --events ${EVENTS}\` (${mb.toFixed(0)} MB NDJSON, ${int(persons)} stitched persons${generated ? `; written in ${s1(generated.seconds)} s` : ''}). ` +
    `Each run is one separate process, timed whole (wall) with its peak RSS; ${RUNS === 1 ? 'one run per cell' : `each engine ran ${RUNS} times per analyzer, in rounds that alternate which engine runs first, and each cell is its run of median wall time (the runs' times are listed below the table)`}. ` + 'Footfall: the CLI command, `footfall ANALYZER FILE … --json` (reading, validation, identity stitching, sessions, the analysis). ' +
    'DuckDB (@duckdb/node-api, every core): `read_json` into a table, then the analyzer in SQL, in one process; chDB (npm `chdb`, in-process ClickHouse): the same, for the funnel (`windowFunnel`) and page views. ' +
    'The SQL (bench/lib/sql.mjs) stitches identity and takes the client\'s session ids; unlike the core it does not dedupe by id, validate lines or cut sessions by inactivity. ' +
    `Funnel: ${FUNNEL.steps.join(' → ')}, 14-day window. Ratio = DuckDB's wall time / Footfall's, so ≥ 1 means Footfall is faster.`,
  tables: [{
    caption: `${label} events`,
    columns: ['analyzer', 'Footfall (s)', 'Footfall CPU (s)', 'Footfall events/s', 'Footfall peak RSS (MB)', 'DuckDB (s)', 'DuckDB CPU (s)', 'DuckDB peak RSS (MB)', 'Footfall rate ÷ DuckDB rate', 'chDB (s)', 'chDB peak RSS (MB)', 'Footfall rate ÷ chDB rate', 'results'],
    rows: results.map((r) => [r.analyzer, s1(r.ff.seconds), s1(r.ff.cpu), rate(r.ff.seconds), int(r.ff.rss), s1(r.duck.seconds), s1(r.duck.cpu), int(r.duck.rss), ratio(r.duck.seconds, r.ff.seconds),
      r.ch ? s1(r.ch.seconds) : '—', r.ch ? int(r.ch.rss) : '—', r.ch ? ratio(r.ch.seconds, r.ff.seconds) : '—',
      `${r.check.equal ? 'equal' : 'UNEQUAL'} (${r.check.what})${r.ch ? `; chDB ${r.ch.check.equal ? 'equal' : `UNEQUAL (${r.ch.check.what})`}` : ''}`]),
  }, ...(scale.length ? [{
    caption: 'Peak memory at scale (funnel)',
    columns: ['events', 'persons', 'Footfall (s)', 'Footfall peak RSS (MB)', 'DuckDB (s)', 'DuckDB peak RSS (MB)', 'Footfall RSS ÷ DuckDB RSS', 'Footfall rate ÷ DuckDB rate'],
    rows: scale.map((s) => [int(s.events), int(s.persons), s1(s.ff.seconds), int(s.ff.rss), s1(s.duck.seconds), int(s.duck.rss), ratio(s.ff.rss, s.duck.rss), ratio(s.duck.seconds, s.ff.seconds)]),
    notes: scale.length > 1 ? [`From ${int(scale[0].events)} to ${int(scale.at(-1).events)} events (×${(scale.at(-1).events / scale[0].events).toFixed(0)}), persons ×${(scale.at(-1).persons / scale[0].persons).toFixed(1)}, Footfall's peak RSS ×${(scale.at(-1).ff.rss / scale[0].ff.rss).toFixed(2)}.`] : [],
  }] : [])],
  notes: [
    `Where the time goes: reading this file and \`JSON.parse\` of every line in Node, one thread and nothing else (no validation, identity, sessions or analysis; bench/lib/engine-run.mjs \`node-parse\`), takes ${s1(floor.seconds)} s (${s1(floor.cpu)} s CPU), ${ratio(floor.seconds, funnel.duck.seconds)} of DuckDB's whole funnel. ` +
      `Footfall's funnel spends ${s1(funnel.ff.cpu)} s CPU over the cores (the parse split across worker threads, plus the line-by-person split, validation, dedupe, normalizing, sessions and the funnel); DuckDB's native JSON reader and SQL, ${s1(funnel.duck.cpu)} s.`,
    ...(RUNS > 1 ? [`Every run's wall time (s), in order: ${results.map((r) => `${r.analyzer} Footfall ${r.ff.all.map((x) => x.seconds.toFixed(2)).join(' / ')}, DuckDB ${r.duck.all.map((x) => x.seconds.toFixed(2)).join(' / ')}`).join('; ')}.`] : []),
    chdbMissing ? `chDB not measured: ${chdbMissing}` : 'chDB installs from npm on Node 20 here (prebuilt libchdb in @chdb/lib-linux-x64-gnu).',
    allEqual ? 'Every compared result is equal between the engines.' : 'Some results are UNEQUAL (see the table).',
  ],
  headline: {
    [`core end to end vs DuckDB, 4-step funnel on ${label} demo events`]: `Footfall ${s1(funnel.ff.seconds)} s, ${int(funnel.ff.rss)} MB; DuckDB ${s1(funnel.duck.seconds)} s, ${int(funnel.duck.rss)} MB; ratio ${ratio(funnel.duck.seconds, funnel.ff.seconds)}, counts ${funnel.check.equal ? 'equal' : 'UNEQUAL'}`,
    ...(scale.length > 1 ? { 'core peak RSS, `footfall funnel` end to end': scale.map((s) => `${int(s.ff.rss)} MB at ${int(s.events)} events (${int(s.persons)} persons)`).join(', ') } : {}),
  },
  targets: [{
    target: `Core end to end ≥ 0.5 × DuckDB's rate for the 4-step funnel (${label} events), counts equal`,
    met: funnelRatio >= 0.5 && funnel.check.equal,
    figure: `${ratio(funnel.duck.seconds, funnel.ff.seconds)}, counts ${funnel.check.equal ? 'equal' : 'unequal'}`,
  }, ...results.slice(1).map((r) => ({
    target: `Core end to end ≥ 0.5 × DuckDB's rate for ${r.analyzer}`,
    met: r.duck.seconds / r.ff.seconds >= 0.5,
    figure: ratio(r.duck.seconds, r.ff.seconds),
  }))],
});

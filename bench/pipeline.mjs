// The core pipeline at scale: `footfall demo` writes N events, then the readers stream them
// back. Each step runs in its own process so its peak RSS is its own. Ratios are against a
// baseline measured in this run: the bare floor (readline + JSON.parse of every line).
// Budgets (issue 2): demo of 1M events < 60 s; streaming read back with peak RSS < 300 MB.
// FOOTFALL_BENCH_EVENTS=200000 npm run bench   for a quicker run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const events = Number(process.env.FOOTFALL_BENCH_EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'footfall-bench-'));
const file = join(dir, 'demo.ndjson');
const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

/** Runs a node process; returns its wall time (s), peak RSS (MB) and stdout. */
function run(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', reportRss, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(/maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { seconds, rss, out: r.stdout.trim() };
}
const script = (code) => ['--input-type=module', '--eval', code];

const floor = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let n = 0;
for await (const line of createInterface({ input: createReadStream(${JSON.stringify(file)}), crlfDelay: Infinity })) if (line) { JSON.parse(line); n++; }
console.log(n);`;
const read = `
import { readEvents } from '@footfall/core/node';
let n = 0;
for await (const e of readEvents(${JSON.stringify(file)})) n++;
console.log(n);`;
const normalize = `
import { eventNormalizer } from '@footfall/core';
import { readEvents } from '@footfall/core/node';
const events = readEvents(${JSON.stringify(file)});
const nz = eventNormalizer();
for await (const e of events) nz.learn(e);
const sessions = new Set();
let n = 0;
for await (const e of events) { const x = nz.normalize(e); if (x) { n++; } }
console.log(n);`;

try {
  const demo = run(['packages/cli/bin/footfall.js', 'demo', '--events', String(events), '--out', file]);
  const mb = statSync(file).size / 1024 / 1024;
  const base = run(script(floor));
  const reader = run(script(read));
  const twoPass = run(script(normalize));
  const rows = [
    ['footfall demo (write)', demo, `${(events / demo.seconds / 1000).toFixed(0)}k events/s, ${mb.toFixed(0)} MB file`],
    ['floor: readline + JSON.parse', base, 'baseline'],
    ['readEvents (validate)', reader, `${(reader.seconds / base.seconds).toFixed(2)}× baseline time`],
    ['eventNormalizer, 2 passes', twoPass, `${(twoPass.seconds / base.seconds).toFixed(2)}× baseline time`],
  ];
  console.log(`${events.toLocaleString('en-US')} demo events`);
  for (const [name, r, note] of rows) console.log(`${name.padEnd(30)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.rss.toFixed(0).padStart(5)} MB peak RSS  ${note}`);
  for (const r of [reader, twoPass]) if (Number(r.out) !== events) throw new Error(`read back ${r.out} events, expected ${events}`);
  const over = [];
  if (events >= 1_000_000 && demo.seconds > 60) over.push(`demo took ${demo.seconds.toFixed(1)} s (budget 60 s)`);
  if (reader.rss > 300) over.push(`readEvents peak RSS ${reader.rss.toFixed(0)} MB (budget 300 MB)`);
  if (twoPass.rss > 300) over.push(`two-pass normalize peak RSS ${twoPass.rss.toFixed(0)} MB (budget 300 MB)`);
  if (over.length) {
    console.log(`over budget: ${over.join('; ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// `npm run fuzz`: 10,000 hostile requests over raw sockets against a real `footfall serve` on
// 127.0.0.1 with a fresh DuckDB file (docs/collector.md, "Limits and hardening"). Passes when
// the process never exits, no answer is 5xx, the file holds every accepted event exactly once,
// and the server's RSS stays under FUZZ_MAX_RSS_MB (default 1024: DuckDB caches the table it stores, so RSS grows with the data stored, not with requests). Loopback only; bounded.
//   FUZZ_SEED (default 1), FUZZ_COUNT (default 10000), FUZZ_CONCURRENCY (default 16)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFuzz } from './fuzz-requests.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const seed = Number(process.env.FUZZ_SEED ?? 1);
const count = Math.min(100_000, Number(process.env.FUZZ_COUNT ?? 10_000));
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 16);
const maxRssMb = Number(process.env.FUZZ_MAX_RSS_MB ?? 1024);
const token = 'fuzz-token';
const dir = mkdtempSync(join(tmpdir(), 'footfall-fuzz-'));
const db = join(dir, 'fuzz.duckdb');

const child = spawn(process.execPath, [join(root, 'packages/cli/bin/footfall.js'), 'serve', '--port', '0', '--host', '127.0.0.1', '--store', `duckdb:${db}`, '--read-token', token, '--body-timeout', '1', '--partitions', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let exited = null;
let stderr = '';
child.on('exit', (code, signal) => { exited = { code, signal }; });
child.stderr.on('data', (c) => { stderr += c; });
const port = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', () => reject(new Error(`footfall serve exited before listening:\n${stderr}`)));
  setTimeout(() => reject(new Error('footfall serve did not start in 60 s')), 60_000).unref();
});

const rssMb = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
  } catch {
    return 0;
  }
};
let maxRss = rssMb();
const startRss = maxRss;
const sampler = setInterval(() => { maxRss = Math.max(maxRss, rssMb()); }, 200);
const started = Date.now();
const result = await runFuzz({
  port, seed, count, concurrency, token, waitMs: Number(process.env.FUZZ_WAIT_MS ?? 60_000),
  onProgress: (n) => {
    if (n > 0 && n % 1000 === 0) console.log(`fuzz: ${n} requests, RSS ${Math.round(rssMb())} MB`);
  },
});
clearInterval(sampler);
maxRss = Math.max(maxRss, rssMb());
const seconds = (Date.now() - started) / 1000;
const alive = exited === null;
child.kill('SIGTERM');
await new Promise((resolve) => (exited ? resolve() : child.on('exit', resolve)));

const { DuckDBInstance } = await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(db);
const connection = await instance.connect();
const rows = (await connection.runAndReadAll('SELECT id FROM events')).getRows().map(([id]) => id);
connection.closeSync();
instance.closeSync();
rmSync(dir, { recursive: true, force: true });

const stored = new Set(rows);
const missing = [...result.accepted].filter((id) => !stored.has(id));
// Stored but never offered (a hostile event that got in, or an id from nowhere).
const extra = [...stored].filter((id) => !result.offered.has(id));
const doubled = rows.length - stored.size;
const fiveXx = result.fiveHundreds.length;
console.log(`fuzz: seed ${seed}, ${count} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(result.byStatus)}`);
console.log(`fuzz: accepted ${result.accepted.size} events, stored ${stored.size} (${missing.length} missing, ${extra.length} never offered, ${doubled} doubled; ${result.unanswered} requests unanswered within the wait)`);
console.log(`fuzz: RSS ${Math.round(startRss)} MB at start, ${Math.round(maxRss)} MB at most (limit ${maxRssMb}); process ${alive ? 'alive' : `EXITED ${JSON.stringify(exited)}`}; 5xx ${fiveXx}`);
for (const f of result.fiveHundreds.slice(0, 5)) console.log(`  5xx #${f.n} (${f.kind}): ${JSON.stringify(f.head)} → ${JSON.stringify(f.answer.slice(0, 300))}`);
if (stderr.trim()) console.log(`footfall serve stderr:\n${stderr.split('\n').slice(0, 10).join('\n')}`);
const ok = alive && fiveXx === 0 && missing.length === 0 && extra.length === 0 && doubled === 0 && maxRss <= maxRssMb;
console.log(ok ? 'fuzz: PASS' : 'fuzz: FAIL');
process.exit(ok ? 0 : 1);

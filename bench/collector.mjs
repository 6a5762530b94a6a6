// Collector ingest on loopback: autocannon posts 50-event batches to `POST /v1/batch` of the
// collector (validate, skew, enrich, dedupe, group-committed DuckDB insert, 200 after commit),
// and, in the same run, to a bare node:http server that only parses the same JSON.
// Prints events/s and p99 latency of each and the ratio. Target: ≥ 20,000 events/s and
// ≥ 40% of the bare server's rate. BENCH_ROUNDS (default 3) alternating runs of
// BENCH_SECONDS (default 4) each; p99 is the worst round's. Also prints the CPU each server
// process (all its threads) and the load generator (this process) used while loaded: on a
// 2-core machine they share the cores, so the rates only compare under the same load.
// Only this file: `npm run bench -- collector`.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const BATCH = 50;

if (process.argv[2] === '--serve') {
  // Child process: one server, its URL sent to the parent.
  const kind = process.argv[3];
  let handler;
  let close = async () => {};
  process.on('message', (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
  });
  if (kind === 'bare') {
    handler = (req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ accepted: body.events.length, rejected: [] }));
      });
    };
  } else {
    const { createCollectorApp, openStore, toNodeListener } = await import('../packages/collector/dist/index.js');
    const store = await openStore(`duckdb:${process.argv[4]}`);
    handler = toNodeListener(createCollectorApp({ store, readToken: 'bench' }).fetch);
    close = () => store.close();
    process.on('message', async (m) => {
      if (m === 'stats') process.send({ stats: await store.stats() });
    });
  }
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
  process.on('disconnect', async () => {
    await close();
    process.exit(0);
  });
} else {
  const { default: autocannon } = await import('autocannon');
  const { generateDemo } = await import('../packages/node/dist/demo.js');

  // Realistic events (the demo shop) in 40 batch templates; every request gets fresh ids
  // (a per-request prefix) so nothing is deduped, at the cost of one string replace.
  const events = [...generateDemo({ events: BATCH * 40, seed: 3 })];
  const templates = Array.from({ length: 40 }, (_, t) =>
    JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'bench', events: events.slice(t * BATCH, (t + 1) * BATCH) }));
  let sent = 0;
  const nextBody = () => {
    const n = sent++;
    return templates[n % templates.length].replaceAll('"id":"', `"id":"r${n}-`);
  };
  const sample = nextBody();
  console.log(`batch: ${BATCH} events, ${sample.length} bytes of JSON; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per server`);

  const start = (args) =>
    new Promise((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ['--serve', ...args], { stdio: 'inherit' });
      child.once('message', (m) => resolve({ child, url: m.url }));
      child.once('error', reject);
    });

  const cpuOf = (child) =>
    new Promise((resolve) => {
      const on = (m) => {
        if (!m.cpu) return;
        child.off('message', on);
        resolve(m.cpu.user + m.cpu.system);
      };
      child.on('message', on);
      child.send('cpu');
    });

  // One load run, with the CPU µs the server and this process (autocannon) spent in it.
  const measure = async (server) => {
    const serverBefore = await cpuOf(server.child);
    const selfBefore = process.cpuUsage();
    const result = await load(server.url);
    const self = process.cpuUsage(selfBefore);
    result.cpu = { server: (await cpuOf(server.child)) - serverBefore, loader: self.user + self.system };
    return result;
  };

  const load = (url) =>
    new Promise((resolve, reject) => {
      autocannon(
        {
          url: `${url}/v1/batch`,
          connections: CONNECTIONS,
          duration: SECONDS,
          requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: nextBody() }) }],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });

  const report = (name, r) => {
    const ok = r['2xx'];
    const eps = (ok * BATCH) / (r.duration || SECONDS * ROUNDS);
    const seconds = r.duration || SECONDS * ROUNDS;
    const cores = (us) => `${Math.round(us / 1e4 / seconds)}%`;
    const perEvent = (us) => `${(us / (ok * BATCH)).toFixed(2)} µs/event`;
    console.log(`${name.padEnd(28)} ${Math.round(eps).toLocaleString('en').padStart(10)} events/s  p99 ${String(r.latency.p99).padStart(5)} ms  (${ok} batches ok, ${r.non2xx} non-2xx, ${r.errors} errors)`);
    console.log(`${''.padEnd(28)} CPU: server ${cores(r.cpu.server)} of a core (${perEvent(r.cpu.server)}), load generator ${cores(r.cpu.loader)} (${perEvent(r.cpu.loader)})`);
    return { eps, ok };
  };

  // Both servers run side by side and are loaded in alternation, ROUNDS times each, so a
  // change in the machine's load (other processes) hits both alike.
  const dir = mkdtempSync(join(tmpdir(), 'footfall-bench-'));
  const bare = await start(['bare']);
  const collector = await start(['collector', join(dir, 'bench.duckdb')]);
  const totals = { bare: [], collector: [] };
  for (let round = 0; round < ROUNDS; round++) {
    totals.bare.push(await measure(bare));
    totals.collector.push(await measure(collector));
  }
  const sum = (runs) => ({
    '2xx': runs.reduce((n, r) => n + r['2xx'], 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    duration: runs.reduce((n, r) => n + r.duration, 0),
    latency: { p99: Math.max(...runs.map((r) => r.latency.p99)) },
    cpu: { server: runs.reduce((n, r) => n + r.cpu.server, 0), loader: runs.reduce((n, r) => n + r.cpu.loader, 0) },
  });
  const bareResult = report('bare node:http + JSON.parse', sum(totals.bare));
  const collectorResult = report('collector → DuckDB', sum(totals.collector));
  bare.child.disconnect();
  collector.child.send('stats');
  const stats = await new Promise((resolve) => collector.child.on('message', (m) => m.stats && resolve(m.stats)));
  collector.child.disconnect();
  await new Promise((r) => collector.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });

  const ratio = collectorResult.eps / bareResult.eps;
  console.log(`stored in DuckDB: ${stats.events.toLocaleString('en')} events (acknowledged ${(collectorResult.ok * BATCH).toLocaleString('en')})`);
  console.log(`ratio collector / bare: ${(ratio * 100).toFixed(1)}%  (targets: ≥ 20,000 events/s ${collectorResult.eps >= 20_000 ? 'met' : 'MISSED'}, ≥ 40% ${ratio >= 0.4 ? 'met' : 'MISSED'})`);
}

// Collector ingest on loopback: autocannon posts 50-event batches to `POST /v1/batch` of the
// collector (validate, skew, enrich, dedupe, group-committed insert, 200 after commit) into
// DuckDB and into ClickHouse (FOOTFALL_CLICKHOUSE_URL, default http://127.0.0.1:8123; skipped
// with a loud note when unreachable), and, in the same run, to a bare node:http server that
// only parses the same JSON (the floor; it stores nothing). Events/s, p99 latency, the ratio
// to the floor, the CPU each server process (all its threads) and the load generator (this
// process) spent per event, and whether every acknowledged event is stored.
// All servers run side by side and are loaded in alternation, ROUNDS times each (BENCH_ROUNDS,
// default 3; --quick 1) for BENCH_SECONDS (default 4; --quick 2) each; p99 is the worst round's.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 2 : 4));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
const CLICKHOUSE = process.env.FOOTFALL_CLICKHOUSE_URL ?? 'http://127.0.0.1:8123';
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
    const store = await openStore(process.argv[4]);
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
  // (a per-request prefix) so nothing is deduped, at the cost of one string replace. Only the
  // events a browser sends: the demo also holds server-side ones (ad stats, tickets, emails)
  // that the public write key is refused (docs/events.md), which would answer 200 with those
  // events rejected. The collector's own check picks them (a batch to an in-memory collector).
  const batchBody = (list) => JSON.stringify({ v: 1, sentAt: Date.now(), writeKey: 'bench', events: list });
  const { createCollectorApp: app, openStore: open } = await import('../packages/collector/dist/index.js');
  const checker = app({ store: await open('memory:'), readToken: 'bench' });
  const browserEvents = async (list) => {
    const res = await checker.fetch(new Request('http://bench/v1/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: batchBody(list) }));
    if (res.status !== 200) throw new Error(`the collector refused a template batch (${res.status}): ${await res.text()}`);
    const refused = new Set(((await res.json()).rejected ?? []).map((r) => r.index));
    return list.filter((_, i) => !refused.has(i));
  };
  const events = [];
  for (let seed = 3; events.length < BATCH * 40; seed++) {
    const demo = [...generateDemo({ events: BATCH * 40, seed })];
    for (let i = 0; i < demo.length; i += BATCH) events.push(...(await browserEvents(demo.slice(i, i + BATCH))));
  }
  const templates = Array.from({ length: 40 }, (_, t) => batchBody(events.slice(t * BATCH, (t + 1) * BATCH)));
  let sent = 0;
  const nextBody = () => {
    const n = sent++;
    return templates[n % templates.length].replaceAll('"id":"', `"id":"r${n}-`);
  };
  const sample = nextBody();
  process.stderr.write(`batch: ${BATCH} events, ${sample.length} bytes of JSON; ${CONNECTIONS} connections, ${ROUNDS} alternating rounds of ${SECONDS} s per server\n`);

  const start = (args) =>
    new Promise((resolve, reject) => {
      // BENCH_SERVER_NODE_ARGS: Node options for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
      const execArgv = process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : process.execArgv;
      const child = fork(fileURLToPath(import.meta.url), ['--serve', ...args], { stdio: 'inherit', execArgv });
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

  const { report, int, ratio } = await import('./lib/section.mjs');
  const { log } = await import('./lib/section.mjs');
  const summarize = (name, r) => {
    const ok = r['2xx'];
    const seconds = r.duration || SECONDS * ROUNDS;
    const eps = (ok * BATCH) / seconds;
    log(`${name.padEnd(28)} ${int(eps).padStart(10)} events/s  p99 ${String(r.latency.p99).padStart(5)} ms  (${ok} batches ok, ${r.non2xx} non-2xx, ${r.errors} errors)`);
    return { name, eps, ok, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, serverUs: r.cpu.server / (ok * BATCH), loaderUs: r.cpu.loader / (ok * BATCH), serverCores: r.cpu.server / 1e6 / seconds };
  };

  // Is ClickHouse there? A loud note, not a failure, when it is not.
  let clickhouse = null;
  try {
    const res = await fetch(`${CLICKHOUSE}/?query=SELECT%20version()`, { signal: AbortSignal.timeout(2000) });
    if (res.ok) clickhouse = { version: (await res.text()).trim(), table: `bench_${Date.now().toString(36)}` };
  } catch {}
  if (!clickhouse) log(`\n!!! ClickHouse is not reachable at ${CLICKHOUSE}: the ClickHouse row is skipped !!!\n`);

  // Both servers run side by side and are loaded in alternation, ROUNDS times each, so a
  // change in the machine's load (other processes) hits both alike.
  const dir = mkdtempSync(join(tmpdir(), 'footfall-bench-'));
  const servers = [
    { name: 'bare node:http + JSON.parse', server: await start(['bare']) },
    { name: 'collector → DuckDB', server: await start(['collector', `duckdb:${join(dir, 'bench.duckdb')}`]) },
    ...(clickhouse ? [{ name: `collector → ClickHouse ${clickhouse.version}`, server: await start(['collector', `clickhouse:${CLICKHOUSE}#${clickhouse.table}`]) }] : []),
  ];
  for (let round = 0; round < ROUNDS; round++) for (const s of servers) (s.runs ??= []).push(await measure(s.server));
  const sum = (runs) => ({
    '2xx': runs.reduce((n, r) => n + r['2xx'], 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    duration: runs.reduce((n, r) => n + r.duration, 0),
    latency: { p99: Math.max(...runs.map((r) => r.latency.p99)) },
    cpu: { server: runs.reduce((n, r) => n + r.cpu.server, 0), loader: runs.reduce((n, r) => n + r.cpu.loader, 0) },
  });
  const rows = servers.map((s) => ({ ...summarize(s.name, sum(s.runs)), server: s.server }));
  for (const row of rows) {
    if (row === rows[0]) {
      row.server.child.disconnect();
      continue;
    }
    row.server.child.send('stats');
    row.stored = (await new Promise((resolve) => row.server.child.on('message', (m) => m.stats && resolve(m.stats)))).events;
    row.server.child.disconnect();
    await new Promise((r) => row.server.child.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
  if (clickhouse) await fetch(`${CLICKHOUSE}/?query=${encodeURIComponent(`DROP TABLE IF EXISTS ${clickhouse.table}`)}`, { method: 'POST' }).catch(() => {});

  const [bare, duck, ch] = rows;
  const durable = (r) => r.stored >= r.ok * BATCH;
  const f2 = (v) => v.toFixed(2);
  report({
    title: 'Collector ingest',
    intro: `autocannon on loopback, ${CONNECTIONS} connections, ${BATCH}-event batches of demo-shop events (${sample.length} bytes of JSON each, fresh ids per request), ${ROUNDS} alternating round(s) of ${SECONDS} s per server; p99 = the worst round's. ` +
      'The collector answers 200 only after the batch is committed. The floor is a bare `node:http` server that parses the JSON and stores nothing. CPU = the server process (all threads) and the load generator, per event; on a shared 2-core machine they compete for the same cores.',
    tables: [{
      columns: ['server', 'events/s', 'p99 (ms)', '× floor', 'server CPU (µs/event)', 'load generator CPU (µs/event)', 'server cores busy', 'acknowledged', 'stored'],
      rows: rows.map((r) => [r.name, int(r.eps), r.p99, ratio(r.eps, bare.eps), f2(r.serverUs), f2(r.loaderUs), f2(r.serverCores), int(r.ok * BATCH), r === bare ? '—' : int(r.stored)]),
    }],
    notes: [
      ...(clickhouse ? [] : [`**ClickHouse not measured: nothing answered at ${CLICKHOUSE}.** Start it (or set FOOTFALL_CLICKHOUSE_URL) and run again.`]),
      ...rows.slice(1).map((r) => `${r.name}: ${durable(r) ? 'every acknowledged event is stored' : `only ${int(r.stored)} of ${int(r.ok * BATCH)} acknowledged events are stored`}; ${r.non2xx} non-2xx, ${r.errors} errors.`),
      `Where the time goes: per event the collector → DuckDB process spends ${f2(duck.serverUs)} µs of CPU against the floor's ${f2(bare.serverUs)} µs (parsing alone); the load generator spends ${f2(duck.loaderUs)} µs per event, on the same two cores.`,
    ],
    headline: {
      'collector ingest into DuckDB, 50-event batches': `${int(duck.eps)} events/s, p99 ${duck.p99} ms (a bare \`node:http\` + \`JSON.parse\` server: ${int(bare.eps)})`,
      ...(ch ? { 'collector ingest into ClickHouse, 50-event batches': `${int(ch.eps)} events/s, p99 ${ch.p99} ms` } : {}),
    },
    targets: [{ target: 'Ingest into DuckDB ≥ 95,000 events/s with p99 ≤ 50 ms, every acknowledged event stored', met: duck.eps >= 95_000 && duck.p99 <= 50 && durable(duck), figure: `${int(duck.eps)} events/s, p99 ${duck.p99} ms, ${durable(duck) ? 'durable' : 'NOT durable'}` }],
  });
}

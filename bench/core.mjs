// Core analyzer throughput on the demo shop, against DuckDB running the same 4-step funnel
// in SQL in the same run; and the journey model's AUC on held-out sessions.
// Not part of `npm run bench` (docs/benchmarks.md); run alone: `npm run build && node bench/core.mjs`.
// BENCH_EVENTS (default 1,000,000) sets the size; the demo file is cached in the OS temp dir.
import { createReadStream, existsSync, renameSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { funnelSql } from './lib/funnel-sql.mjs';
import { CLEAN } from './lib/sql.mjs';

const core = await import('../packages/core/dist/index.js');
const { generateDemo } = await import('../packages/node/dist/demo.js');

const N = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SEED = 1;
const STEPS = ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'];
const WINDOW_MS = 86_400_000;
const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s`;
const time = (f) => {
  const t = performance.now();
  const value = f();
  return [value, performance.now() - t];
};

// 1. Demo events, generated once and cached.
const cache = join(tmpdir(), `footfall-bench-demo-${N}-seed${SEED}.ndjson`);
if (!existsSync(cache)) {
  const t = performance.now();
  const out = createWriteStream(`${cache}.part`);
  let chunk = '';
  for (const e of generateDemo({ events: N, seed: SEED })) {
    chunk += `${JSON.stringify(e)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(`${cache}.part`, cache);
  console.log(`generated ${N.toLocaleString('en')} demo events in ${((performance.now() - t) / 1000).toFixed(1)} s → ${cache}`);
} else console.log(`demo events cached: ${cache}`);

const raw = [];
for await (const line of createInterface({ input: createReadStream(cache), crlfDelay: Infinity })) if (line) raw.push(JSON.parse(line));
const [events, normalizeMs] = time(() => core.normalize(raw));
console.log(`normalize: ${events.length.toLocaleString('en')} events in ${normalizeMs.toFixed(0)} ms (${rate(events.length, normalizeMs)})`);

// 2. Every analyzer that exists, one pass each over the normalized events.
const analyzers = [
  ['funnel (4 steps, 1 d)', 'createFunnel', { steps: STEPS, windowMs: WINDOW_MS }],
  ['funnel strict', 'createFunnel', { steps: STEPS, windowMs: WINDOW_MS, mode: 'strict' }],
  ['funnel unordered', 'createFunnel', { steps: STEPS, windowMs: WINDOW_MS, mode: 'unordered' }],
  ['paths', 'createPaths', { clean: CLEAN }],
  ['attribution (markov)', 'createAttribution', { model: 'markov' }],
  ['attribution (linear)', 'createAttribution', { model: 'linear' }],
  ['journey model', 'createJourneyModel', { clean: CLEAN }],
  ['pages', 'createPages', {}],
  ['heatmap (click)', 'createHeatmap', {}],
  ['heatmap (scroll)', 'createHeatmap', { kind: 'scroll' }],
  ['vitals', 'createVitals', {}],
  ['stages', 'createStages', {}],
  ['kpis', 'createKpis', {}],
  ['bottlenecks', 'createBottlenecks', { steps: STEPS }],
];
let funnelResult;
let funnelMs;
for (const [label, factory, options] of analyzers) {
  if (typeof core[factory] !== 'function') {
    console.log(`${label.padEnd(24)} skipped: ${factory} is not exported by @footfall/core yet`);
    continue;
  }
  try {
    const [result, ms] = time(() => {
      const a = core[factory](options);
      for (const e of events) a.add(e);
      return a.result();
    });
    if (label.startsWith('funnel (')) [funnelResult, funnelMs] = [result, ms];
    console.log(`${label.padEnd(24)} ${rate(events.length, ms).padStart(20)}  (${ms.toFixed(0)} ms incl. result)`);
  } catch (error) {
    console.log(`${label.padEnd(24)} failed: ${error.message}`);
  }
}

// 3. DuckDB: the same funnel in SQL over the same normalized events (person, ts, type, subject).
if (funnelResult) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const tsv = join(tmpdir(), `footfall-bench-funnel-${N}-seed${SEED}.tsv`);
  writeFileSync(tsv, events.map((e) => `${e.person}\t${e.ts}\t${e.type}\t${core.stepSubject(e)}`).join('\n'));
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(`CREATE TABLE ev AS SELECT * FROM read_csv('${tsv}', delim='\t', header=false, quote='', escape='',
    columns={'person':'VARCHAR','ts':'BIGINT','type':'VARCHAR','subject':'VARCHAR'})`);
  const sql = funnelSql(`e AS (
      SELECT person, ts, CASE
        WHEN type = 'page' AND subject = '/' THEN 1
        WHEN type = 'page' AND subject LIKE '/product/%' THEN 2
        WHEN type = 'cart' AND subject = 'add' THEN 3
        WHEN type = 'cart' AND subject = 'purchase' THEN 4 END AS step
      FROM ev)`, WINDOW_MS);
  const t = performance.now();
  const rows = (await conn.runAndReadAll(sql)).getRows();
  const duckMs = performance.now() - t;
  const duckCounts = rows[0].map(Number);
  console.log(`duckdb funnel (SQL)      ${rate(events.length, duckMs).padStart(20)}  (${duckMs.toFixed(0)} ms, table preloaded)`);
  console.log(`funnel counts: core ${funnelResult.steps.map((s) => s.count).join('/')}, duckdb ${duckCounts.join('/')}`);
  console.log(`ratio core funnel / duckdb SQL funnel: ${(duckMs / funnelMs).toFixed(2)}× (> 1 means the core is faster)`);
  conn.closeSync?.();
}

// 4. Prediction: fit on 80 % of persons, AUC on the other 20 %'s sessions cut halfway.
{
  // the core's person slice (FNV-1a of the person, modulo 100): 80 of 100 slices fit
  const hash = (s) => core.personSlice(s, 100);
  const fit = core.createJourneyModel({ clean: CLEAN });
  const held = new Map();
  for (const e of events) {
    if (hash(e.person) < 80) fit.add(e);
    else {
      const list = held.get(e.session);
      if (list) list.push(e);
      else held.set(e.session, [e]);
    }
  }
  const model = fit.result();
  const scored = [];
  for (const session of held.values()) {
    const buy = session.findIndex((e) => e.type === 'cart' && e.action === 'purchase');
    const before = buy < 0 ? session : session.slice(0, buy);
    if (before.length < 2) continue;
    const prefix = before.slice(0, Math.ceil(before.length / 2));
    scored.push([core.predict(model, prefix).conversionProbability, buy >= 0 ? 1 : 0]);
  }
  // AUC = P(score of a converting session > score of a non-converting one), ties count half.
  scored.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && scored[j][0] === scored[i][0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (scored[k][1]) (rankSum += rank, positives++);
    i = j;
  }
  const negatives = scored.length - positives;
  const auc = (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  console.log(`prediction: ${model.sessions.toLocaleString('en')} training sessions; held-out ${scored.length.toLocaleString('en')} sessions (${positives} converting), prefix = first half of the events before any purchase`);
  console.log(`prediction AUC: ${auc.toFixed(3)} (target > 0.75)`);
}

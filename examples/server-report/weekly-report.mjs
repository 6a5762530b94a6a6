#!/usr/bin/env node
// A backend job that turns the collector's NDJSON export into a weekly Markdown report
// with the Footfall core API: KPIs, the checkout funnel, the pages to look at and the
// ranked bottlenecks. Run after `npm run build`:
//
//   node examples/server-report/weekly-report.mjs events.ndjson [--until 2026-10-29] [--out report.md]
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createBottlenecks, createFunnel, createKpis, eventNormalizer, createPages } from '@footfall/core';
import { readEvents } from '@footfall/node';

const DAY = 86_400_000;
const STEPS = ['page:/cart', 'page:/checkout/shipping', 'page:/checkout/payment', 'cart:purchase'];

const { values, positionals } = parseArgs({ allowPositionals: true, options: { until: { type: 'string' }, out: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: node weekly-report.mjs EVENTS.ndjson[.gz]|FOLDER [--until YYYY-MM-DD] [--out report.md]\n');
  process.exit(1);
}
const input = positionals[0];

// Pass 1: learn identity links (and the last day in the data).
const normalizer = eventNormalizer();
let lastTs = 0;
for await (const event of readEvents(input)) {
  normalizer.learn(event);
  lastTs = Math.max(lastTs, event.ts);
}
const until = values.until ? Date.parse(`${values.until}T00:00:00Z`) + DAY : Math.floor(lastTs / DAY) * DAY + DAY;
const since = until - 7 * DAY;

// Pass 2: normalize everything (sessions need the history), analyze the week.
const kpis = createKpis();
const pages = createPages();
const funnel = createFunnel({ steps: STEPS });
const bottlenecks = createBottlenecks();
for await (const event of readEvents(input, { onProblem: () => {} })) {
  const e = normalizer.normalize(event);
  if (!e || e.ts < since || e.ts >= until) continue;
  for (const analyzer of [kpis, pages, funnel, bottlenecks]) analyzer.add(e);
}

const k = kpis.result();
const p = pages.result();
const f = funnel.result();
const b = bottlenecks.result();
const pct = (x) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
const money = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 2 });
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

const lines = [
  `# Weekly report ${day(since)} – ${day(until - DAY)}`,
  '',
  '## KPIs',
  '',
  '| KPI | value |',
  '|---|---|',
  `| sessions | ${k.sessions} |`,
  `| persons | ${k.persons} |`,
  `| conversion rate | ${pct(k.conversionRate)} |`,
  `| cart abandonment | ${pct(k.cartAbandonment)} |`,
  `| revenue | ${money(k.revenue)} |`,
  `| average order value | ${money(k.aov)} |`,
  `| repeat purchase rate | ${pct(k.repeatPurchaseRate)} |`,
  `| pages per session | ${k.pagesPerSession.toFixed(2)} |`,
  `| median session | ${(k.medianSessionMs / 1000).toFixed(0)} s |`,
  '',
  '## Checkout funnel',
  '',
  '| step | persons | of first step | from previous |',
  '|---|---|---|---|',
  ...f.steps.map((s) => `| ${s.step} | ${s.count} | ${pct(s.conversion)} | ${pct(s.fromPrevious)} |`),
  '',
  '## Pages with the most views',
  '',
  '| page | views | bounce | exit | LCP p75 | rage runs | dead clicks |',
  '|---|---|---|---|---|---|---|',
  ...p.pages.slice(0, 10).map((x) => `| ${x.path} | ${x.views} | ${pct(x.bounceRate)} | ${pct(x.exitRate)} | ${x.vitals.LCP ? `${(x.vitals.LCP.p75 / 1000).toFixed(1)} s` : '-'} | ${x.rageClicks} | ${x.deadClicks} |`),
  '',
  '## Bottlenecks',
  '',
  ...(b.bottlenecks.length ? b.bottlenecks.map((x, i) => `${i + 1}. ${x.reason} (p = ${x.pValue.toExponential(1)})`) : ['No significant bottleneck this week.']),
  '',
];
const markdown = lines.join('\n');
if (values.out) await writeFile(values.out, markdown);
else process.stdout.write(markdown);

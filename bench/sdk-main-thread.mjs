// Main-thread cost of each SDK in real Chromium. One test page (a nav, 40 buttons with the
// page's own click handler, text to scroll) is loaded LOADS times with each SDK in turn
// (round-robin, so a busy moment of the shared machine hits every SDK alike), served from
// 127.0.0.1 with every beacon answered 200 by a local stub. Each SDK is set up for
// autocapture of page views and clicks (and web vitals where it has them). From the
// DevTools protocol (Performance.getMetrics ScriptDuration) and the page's long-task
// observer, per load:
//   - script time at load: JavaScript run from navigation until 1 s after `load`;
//   - long-task time: the sum of long tasks (> 50 ms) over the whole load and click run;
//   - per click: JavaScript run during CLICKS trusted clicks (CDP Input.dispatchMouseEvent,
//     40 buttons in turn, never twice in one spot so no rage clicks) and the FLUSH_MS
//     after them, divided by CLICKS.
// The page without any SDK is measured the same way; "added" = an SDK's median minus that.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { installPeers, peerFile, peerVersion, root } from './lib/peers.mjs';
import { int, log, median, quick, ratio, report } from './lib/section.mjs';

const LOADS = Number(process.env.BENCH_LOADS ?? (quick ? 1 : 20));
const CLICKS = Number(process.env.BENCH_CLICKS ?? 200);
const SETTLE_MS = 1000;
// After the clicks, long enough for every SDK's batch timer to fire (ours: 5 s, PostHog: 3 s),
// so sending what the clicks queued is charged to them.
const FLUSH_MS = 5500;
// A desktop Chrome user agent: PostHog drops events from a headless one as a bot.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const CHROMIUM = process.env.FOOTFALL_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

installPeers(log);

// Files the page may load, by URL path. Lazy chunks the peers fetch from their own host
// (PostHog's /static/*, Segment's bundles) are served from the same packages.
const files = new Map([
  ['/sdk/footfall.js', join(root, 'packages/browser/dist/footfall.js')],
  ['/sdk/posthog.js', peerFile('posthog-js', 'dist/array.js')],
  ['/sdk/segment.js', peerFile('@segment/analytics-next', 'dist/umd/standalone.js')],
  ['/sdk/snowplow.js', peerFile('@snowplow/browser-tracker', 'dist/index.umd.min.js')],
  ['/sdk/snowplow-clicks.js', peerFile('@snowplow/browser-plugin-button-click-tracking', 'dist/index.umd.min.js')],
  ['/sdk/amplitude.js', peerFile('@amplitude/analytics-browser', 'lib/scripts/amplitude-min.js')],
  ['/sdk/plausible.js', peerFile('@plausible-analytics/tracker', 'plausible.js')],
]);
const lazyDirs = [
  ['/static/', peerFile('posthog-js', 'dist')],
  ['/analytics-next/bundles/', peerFile('@segment/analytics-next', 'dist/umd')],
];

// How each SDK is put on the page: its documented snippet or init call, autocapture on.
const SDKS = [
  { name: 'no SDK', key: 'none', head: '' },
  {
    name: 'Footfall', key: 'footfall', version: JSON.parse(readFileSync(join(root, 'packages/browser/package.json'), 'utf8')).version,
    setup: 'script tag, all autocapture (page views, clicks, scroll, web vitals, cart)',
    head: `<script>window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)};</script>
<script async src="/sdk/footfall.js" data-write-key="bench"></script>`,
  },
  {
    name: 'PostHog', key: 'posthog', version: peerVersion('posthog-js'),
    setup: 'array.js, autocapture, page views, web vitals; no session recording',
    head: `<script src="/sdk/posthog.js"></script>
<script>posthog.init('phc_bench', { api_host: location.origin, autocapture: true, capture_pageview: true, capture_performance: { web_vitals: true }, opt_out_useragent_filter: true, disable_session_recording: true, disable_surveys: true, persistence: 'localStorage' });</script>`,
  },
  {
    name: 'Segment Analytics.js', key: 'segment', version: peerVersion('@segment/analytics-next'),
    setup: 'standalone.js, page() and trackLink on every button (no click autocapture)',
    head: `<script>
var analytics = window.analytics = [];
analytics._writeKey = 'bench'; analytics._cdn = location.origin;
['page', 'track', 'trackLink', 'trackClick', 'identify'].forEach(function (m) { analytics[m] = function () { var a = [].slice.call(arguments); a.unshift(m); analytics.push(a); return analytics; }; });
analytics.page();
document.addEventListener('DOMContentLoaded', function () { analytics.trackLink(document.querySelectorAll('button'), 'Button Clicked'); });
</script>
<script src="/sdk/segment.js"></script>`,
  },
  {
    name: 'Snowplow', key: 'snowplow', version: peerVersion('@snowplow/browser-tracker'),
    setup: 'browser tracker + button-click plugin, page view, activity tracking',
    head: `<script src="/sdk/snowplow.js"></script><script src="/sdk/snowplow-clicks.js"></script>
<script>
var sp = snowplowBrowserTracking, bc = snowplowButtonClickTracking;
sp.newTracker('sp', location.origin, { appId: 'bench', plugins: [bc.ButtonClickTrackingPlugin()] });
bc.enableButtonClickTracking();
sp.enableActivityTracking({ minimumVisitLength: 10, heartbeatDelay: 10 });
sp.trackPageView();
</script>`,
  },
  {
    name: 'Amplitude', key: 'amplitude', version: peerVersion('@amplitude/analytics-browser'),
    setup: 'amplitude-min.js, autocapture page views, element interactions, web vitals',
    head: `<script src="/sdk/amplitude.js"></script>
<script>amplitude.init('bench', { serverUrl: location.origin + '/2/httpapi', fetchRemoteConfig: false, flushIntervalMillis: 1000,
  autocapture: { pageViews: true, elementInteractions: true, webVitals: true, sessions: true, attribution: false, formInteractions: false, fileDownloads: false, frustrationInteractions: false } });</script>`,
  },
  {
    name: 'Plausible', key: 'plausible', version: peerVersion('@plausible-analytics/tracker'),
    setup: 'official npm tracker, page views, tagged-element clicks (no general click autocapture)',
    buttonClass: 'plausible-event-name=Button+Click',
    head: `<script type="module">import { init } from '/sdk/plausible.js';
init({ domain: 'bench.example', endpoint: location.origin + '/api/event', autoCapturePageviews: true, captureOnLocalhost: true, logging: false });</script>`,
  },
];

const page = (sdk) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench shop</title>
<style>body{font:16px system-ui;margin:0}nav a{margin:8px}#grid{display:grid;grid-template-columns:repeat(8,140px);gap:12px;padding:12px}button{height:40px}</style>
${sdk.head}</head><body>
<nav><a href="/page/${sdk.key}?p=home">Home</a><a href="/page/${sdk.key}?p=shoes">Shoes</a><a href="/page/${sdk.key}?p=cart">Cart</a></nav>
<main><div id="grid">${Array.from({ length: 40 }, (_, i) => `<button id="b${i}"${sdk.buttonClass ? ` class="${sdk.buttonClass}"` : ''}>Add item ${i}</button>`).join('')}</div>
${Array.from({ length: 30 }, (_, i) => `<p>Paragraph ${i}: trail shoes, jackets and socks for every season, with free returns.</p>`).join('')}</main>
<script>var added = 0; document.getElementById('grid').addEventListener('click', function (e) { if (e.target.tagName === 'BUTTON') e.target.textContent = 'Added ' + (++added); });</script>
</body></html>`;

// The stub: pages, SDK files, and 200 for everything else (counted per page load, by the
// `run` in the Referer).
const beacons = new Map();
const types = { '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (status, type, body) => res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  if (url.pathname.startsWith('/page/')) {
    const sdk = SDKS.find((s) => s.key === url.pathname.slice(6));
    return sdk ? send(200, 'text/html; charset=utf-8', page(sdk)) : send(404, 'text/plain', 'no such page');
  }
  const file = files.get(url.pathname);
  if (file) return send(200, 'text/javascript', readFileSync(file));
  for (const [prefix, dir] of lazyDirs) {
    if (!url.pathname.startsWith(prefix)) continue;
    const path = normalize(join(dir, url.pathname.slice(prefix.length).replace(/^[\d.]+\//, '')));
    if (path.startsWith(dir) && existsSync(path)) return send(200, types[extname(path)] ?? 'application/octet-stream', readFileSync(path));
  }
  req.resume();
  req.on('end', () => {
    const run = /[?&]run=([\w-]+)/.exec(req.headers.referer ?? '')?.[1];
    if (beacons.has(run)) beacons.set(run, beacons.get(run) + 1);
    if (url.pathname === '/v1/projects/bench/settings') {
      const host = `${req.headers.host}/v1`;
      return send(200, 'application/json', JSON.stringify({ integrations: { 'Segment.io': { apiKey: 'bench', apiHost: host, protocol: 'http' } }, plan: { track: { __default: { enabled: true } } }, metrics: { sampleRate: 0, host, protocol: 'http' } }));
    }
    // PostHog's remote config, as its server answers for a project with autocapture and web
    // vitals on (without it posthog-js keeps autocapture off).
    const posthogConfig = { token: 'phc_bench', autocapture_opt_out: false, capturePerformance: { web_vitals: true, network_timing: false }, heatmaps: false, sessionRecording: false, surveys: false, siteApps: [] };
    if (url.pathname === '/array/phc_bench/config.js') return send(200, 'text/javascript', `(window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {}).phc_bench = { config: ${JSON.stringify(posthogConfig)}, siteApps: [] };`);
    if (url.pathname === '/array/phc_bench/config') return send(200, 'application/json', JSON.stringify(posthogConfig));
    if (url.pathname === '/2/httpapi') return send(200, 'application/json', JSON.stringify({ code: 200, events_ingested: 1, payload_size_bytes: 1, server_upload_time: Date.now() }));
    if (url.pathname === '/v1/batch') return send(200, 'application/json', '{"accepted":0,"rejected":[]}');
    send(200, 'application/json', '{}');
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
if (process.env.BENCH_SERVE_ONLY) {
  // Debugging a set-up: `BENCH_SERVE_ONLY=1 node bench/sdk-main-thread.mjs`, then open /page/<key>.
  log(`serving ${SDKS.map((s) => `${origin}/page/${s.key}`).join(' ')}`);
  await new Promise(() => {});
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const scriptSeconds = async (cdp) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One page at a time loads and takes its clicks (holding `busy`); its FLUSH_MS wait runs
// while the next SDK's page loads. Times are main-thread CPU time (thread ticks), so the
// overlap changes little; requests are counted per page by their Referer.
let busy = Promise.resolve();
const exclusive = () => {
  let release;
  const previous = busy;
  busy = new Promise((r) => (release = r));
  return previous.then(() => release);
};
/** One load of one SDK's page: script time at load, long-task time, per-click time, beacons. */
async function measure(sdk) {
  const release = await exclusive();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: USER_AGENT });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.addInitScript(() => {
    window.__longTasks = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks += e.duration; }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const run = `${sdk.key}-${Math.random().toString(36).slice(2)}`;
  beacons.set(run, 0);
  await tab.goto(`${origin}/page/${sdk.key}?run=${run}`, { waitUntil: 'load' });
  await sleep(SETTLE_MS);
  const atLoad = await scriptSeconds(cdp);
  const targets = await tab.evaluate(() => [...document.querySelectorAll('#grid button')].map((b) => {
    const r = b.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2];
  }));
  for (let i = 0; i < CLICKS; i++) {
    const [x, y] = targets[i % targets.length];
    await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  }
  release();
  await sleep(FLUSH_MS);
  const afterClicks = await scriptSeconds(cdp);
  const handled = await tab.evaluate(() => window.added);
  const longTasks = await tab.evaluate(() => window.__longTasks);
  await context.close();
  if (handled !== CLICKS) throw new Error(`${sdk.name}: the page saw ${handled} of ${CLICKS} clicks`);
  const sent = beacons.get(run);
  beacons.delete(run);
  return { scriptMs: atLoad * 1000, perClickUs: ((afterClicks - atLoad) * 1e6) / CLICKS, longTaskMs: longTasks, beacons: sent, errors };
}

const runs = new Map(SDKS.map((s) => [s.key, []]));
if (!quick) await Promise.all(SDKS.map(measure)); // warm Chromium's caches once; not counted
for (let load = 0; load < LOADS; load++) {
  const round = await Promise.all(SDKS.map(measure));
  round.forEach((r, i) => runs.get(SDKS[i].key).push(r));
  log(`load ${load + 1}/${LOADS} done`);
}
await browser.close();
server.close();

const stats = SDKS.map((sdk) => {
  const r = runs.get(sdk.key);
  return {
    sdk, scriptMs: median(r.map((x) => x.scriptMs)), longTaskMs: median(r.map((x) => x.longTaskMs)),
    perClickUs: median(r.map((x) => x.perClickUs)), beacons: median(r.map((x) => x.beacons)),
    errors: [...new Set(r.flatMap((x) => x.errors))],
  };
});
const none = stats[0];
for (const s of stats) {
  s.addedScriptMs = s.scriptMs - none.scriptMs;
  s.addedLongTaskMs = s.longTaskMs - none.longTaskMs;
  s.addedPerClickUs = s.perClickUs - none.perClickUs;
}
const ours = stats.find((s) => s.sdk.key === 'footfall');
const peers = stats.filter((s) => s.sdk.key !== 'none' && s.sdk.key !== 'footfall');
const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
for (const s of stats) log(`${s.sdk.name.padEnd(22)} script ${f1(s.scriptMs)} ms  long tasks ${f1(s.longTaskMs)} ms  per click ${f1(s.perClickUs)} µs  beacons ${s.beacons}${s.errors.length ? `  errors: ${s.errors.join('; ')}` : ''}`);

const beatUs = peers.filter((p) => p.addedPerClickUs < ours.addedPerClickUs);
const clickVerdict = beatUs.length
  ? `Footfall is NOT the lowest per click: ${beatUs.map((p) => `${p.sdk.name} adds ${f1(p.addedPerClickUs)} µs vs our ${f1(ours.addedPerClickUs)} µs (${ratio(p.addedPerClickUs, ours.addedPerClickUs)} ours)`).join('; ')}.`
  : `Footfall adds the least JavaScript per click (${f1(ours.addedPerClickUs)} µs; next lowest ${peers.sort((a, b) => a.addedPerClickUs - b.addedPerClickUs).map((p) => `${p.sdk.name} ${f1(p.addedPerClickUs)} µs`)[0]}).`;
const chromiumVersion = browser.version();

report({
  title: 'Main-thread cost in Chromium',
  intro: `Chromium ${chromiumVersion} (headless, ${CHROMIUM}); one test page (40 buttons with the page's own click handler, a nav, 30 paragraphs) loaded ${LOADS} times with each SDK in turn, round-robin, served from 127.0.0.1, every beacon answered 200 by a local stub. ` +
    `Script time = JavaScript run (DevTools Performance.getMetrics ScriptDuration) from navigation to 1 s after \`load\`; long tasks = sum of \`longtask\` entries over the load and the clicks; per click = JavaScript run during ${CLICKS} trusted clicks (CDP Input.dispatchMouseEvent over the 40 buttons in turn) and the ${FLUSH_MS / 1000} s after them (every SDK's batch timer fires in that time), ÷ ${CLICKS}. ` +
    'Medians over the loads; "added" = minus the page without an SDK; ratio = that SDK\'s added cost / Footfall\'s.',
  tables: [{
    columns: ['SDK', 'version', 'set up as', 'script time at load (ms)', 'added', '× ours', 'long tasks (ms)', 'added', 'per click (µs)', 'added', '× ours', 'requests to the stub'],
    rows: stats.map((s) => {
      const isNone = s.sdk.key === 'none';
      return [s.sdk.name, s.sdk.version ?? '—', s.sdk.setup ?? 'the bare page', f1(s.scriptMs), isNone ? '—' : f1(s.addedScriptMs), isNone ? '—' : ratio(s.addedScriptMs, ours.addedScriptMs),
        f1(s.longTaskMs), isNone ? '—' : f1(s.addedLongTaskMs), f1(s.perClickUs), isNone ? '—' : f1(s.addedPerClickUs), isNone ? '—' : ratio(s.addedPerClickUs, ours.addedPerClickUs), int(s.beacons)];
    }),
  }],
  notes: [
    clickVerdict,
    ...stats.filter((s) => s.errors.length).map((s) => `${s.sdk.name} threw in the page: ${s.errors.slice(0, 3).join('; ')}`),
    'Segment and Plausible have no general click autocapture: Segment binds `trackLink` to every button, Plausible tracks buttons tagged with its `plausible-event-name=` class; Snowplow needs its button-click plugin.',
  ],
  headline: {
    'SDK main-thread JavaScript per click, Chromium (added over a page without SDK)': `${f1(ours.addedPerClickUs)} µs; ${peers.map((p) => `${p.sdk.name} ${f1(p.addedPerClickUs)} µs`).join(', ')}`,
  },
  targets: [{ target: 'Footfall has the lowest main-thread time per click', met: beatUs.length === 0, figure: clickVerdict }],
});

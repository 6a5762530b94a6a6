// The first start a newcomer waits for: `npm start` after the build (scripts/start.mjs) in an
// empty folder seeds a DuckDB file with the demo shop's 100,000 events, starts `footfall
// serve` and prints the URLs; the dashboard's first view (Overview) then asks the query API
// for /v1/kpis and /v1/attribution. Measured: wall time to the printed URLs and to both
// answers, and the CPU time the
// process spent by then (all threads: less sensitive to a busy machine than the wall time).
// Target: first start under 20 s. Needs the build (`npm run bench` builds first).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './lib/peers.mjs';
import { log, median, quick, report } from './lib/section.mjs';

const RUNS = quick ? 1 : 3;
const TARGET_S = 20;

/** CPU seconds (user + system, all threads) a live process has used, from /proc; NaN elsewhere. */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return NaN;
  }
}

/** One first start in an empty folder: seconds to the URLs, to the Overview's answers, CPU seconds by then. */
async function firstStart() {
  const dir = mkdtempSync(join(tmpdir(), 'footfall-first-start-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: dir,
    env: { ...process.env, PORT: '0', FOOTFALL_READ_TOKEN: '', FOOTFALL_WRITE_KEYS: '', FOOTFALL_ORIGINS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const out = await new Promise((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
        if (/read token/.test(text)) resolve(text);
      });
      child.once('exit', (code) => reject(new Error(`scripts/start.mjs exited with ${code}:\n${text}`)));
    });
    const urls = (performance.now() - t0) / 1000;
    if (!/seeded .* with 100000 demo events/.test(out)) throw new Error(`no seeding in the output:\n${out}`);
    const dashboard = /dashboard\s+(\S+)/.exec(out)[1];
    const token = /read token\s+(\S+)/.exec(out)[1];
    // what the Overview asks for, as the dashboard asks (docs/dashboard.md)
    const ask = async (path) => (await fetch(new URL(path, dashboard), { headers: { authorization: `Bearer ${token}` } })).json();
    const [{ sessions }, attribution] = await Promise.all([ask('/v1/kpis?timeline=day'), ask('/v1/attribution')]);
    if (!(sessions > 0) || !attribution.channels?.length) throw new Error(`the Overview's first answers are empty: ${sessions} sessions, ${JSON.stringify(attribution).slice(0, 200)}`);
    return { urls, answered: (performance.now() - t0) / 1000, cpu: cpuSeconds(child.pid) };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = [];
for (let i = 0; i < RUNS; i++) {
  const r = await firstStart();
  log(`first start ${i + 1}/${RUNS}: URLs after ${r.urls.toFixed(1)} s, Overview answered after ${r.answered.toFixed(1)} s, ${r.cpu.toFixed(1)} s CPU`);
  runs.push(r);
}
const m = { urls: median(runs.map((r) => r.urls)), answered: median(runs.map((r) => r.answered)), cpu: median(runs.map((r) => r.cpu)) };
const s = (v) => `${v.toFixed(1)} s`;
report({
  title: 'First start',
  intro: `\`npm start\` after the build (\`node scripts/start.mjs\`) in an empty folder: seed DuckDB with the demo shop's 100,000 events, start \`footfall serve\`, print the URLs; then the dashboard's first view, Overview, asks for \`/v1/kpis\` and \`/v1/attribution\`. Median of ${RUNS} run(s), each from an empty folder. CPU = the process's user + system time over all threads once both answers came.`,
  tables: [{
    columns: ['run', 'URLs printed', 'Overview answered', 'CPU'],
    rows: [...runs.map((r, i) => [String(i + 1), s(r.urls), s(r.answered), s(r.cpu)]), ['median', s(m.urls), s(m.answered), s(m.cpu)]],
  }],
  headline: { '`npm start` first start after the build (seed 100,000 demo events, serve, Overview answered)': `${s(m.answered)} (${s(m.cpu)} CPU)` },
  targets: [{ target: `First start under ${TARGET_S} s`, met: m.answered < TARGET_S, figure: `${s(m.answered)} (${s(m.cpu)} CPU)` }],
});

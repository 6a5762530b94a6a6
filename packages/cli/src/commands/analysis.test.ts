import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/fake-io.js';

const T0 = Date.UTC(2026, 10, 2, 10);
let n = 0;
const base = (anon: string, session: string, ts: number, path: string) => ({ id: `e${++n}`, ts: T0 + ts, anonymousId: anon, sessionId: session, url: `https://shop.test${path}` });
const page = (a: string, s: string, ts: number, path: string) => ({ ...base(a, s, ts, path), type: 'page' });
const clickAt = (a: string, s: string, ts: number, path: string, x: number, y: number, extra = {}) => ({
  ...base(a, s, ts, path), type: 'click', selector: '#go', tag: 'button', x, y, rx: 0.5, ry: 0.5, vw: 375, vh: 700, dh: 2000, ...extra,
});

/** The docs/metrics.md#pages bounce/exit case, plus vitals, clicks, scrolls and two purchases. */
function fixture(): object[] {
  const events: object[] = [];
  ['B>A>C', 'B', 'A>C>B', 'C', 'B>C>A'].forEach((s, i) => s.split('>').forEach((p, j) => events.push(page(`p${i}`, `s${i}`, 60_000 * j, `/${p}`))));
  events.push(
    { ...base('p0', 's0', 1000, '/B'), type: 'vitals', metric: 'LCP', value: 2000, rating: 'good' },
    { ...base('p1', 's1', 1000, '/B'), type: 'vitals', metric: 'LCP', value: 5000, rating: 'poor' },
    clickAt('p0', 's0', 2000, '/B', 187, 1203),
    clickAt('p0', 's0', 2500, '/B', 188, 1210),
    clickAt('p0', 's0', 3000, '/B', 195, 1215, { dead: true }),
    { ...base('p0', 's0', 5000, '/B'), type: 'scroll', depth: 60, px: 1350, dh: 2000, vh: 700 },
    { ...base('p1', 's1', 5000, '/B'), type: 'scroll', depth: 45, px: 900, dh: 2000, vh: 700 },
    { ...base('p2', 's2', 5000, '/B'), type: 'scroll', depth: 100, px: 2080, dh: 2000, vh: 700 },
    { ...base('p0', 's0', 130_000, '/C'), type: 'cart', action: 'add' },
    { ...base('p0', 's0', 140_000, '/C'), type: 'cart', action: 'purchase', value: 80, orderId: 'o1' },
    { ...base('p2', 's2', 140_000, '/B'), type: 'cart', action: 'add' },
  );
  return events;
}

let dir = '';
let file = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-cli-'));
  file = join(dir, 'events.ndjson');
  writeFileSync(file, `${fixture().map((e) => JSON.stringify(e)).join('\n')}\n`);
});

const run = (...argv: string[]) => runCli(dir, ...argv);

describe('footfall pages', () => {
  it('--json prints the docs/cli.md shape with the docs/metrics.md#pages case numbers', async () => {
    const { code, out } = await run('pages', 'events.ndjson', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as { pages: Record<string, unknown>[] };
    const by = Object.fromEntries(r.pages.map((p) => [p.path, p]));
    expect(Object.keys(by).sort()).toEqual(['/A', '/B', '/C']);
    expect(by['/B']).toMatchObject({ views: 4, sessions: 4, exitRate: 0.5, rageClicks: 1, deadClicks: 1, avgTimeMs: 60_000 });
    expect(by['/B'].bounceRate).toBeCloseTo(1 / 3, 12);
    expect(by['/A']).toMatchObject({ bounceRate: 0, views: 3 });
    expect(by['/C']).toMatchObject({ bounceRate: 1, exitRate: 0.5 });
    expect((by['/B'].vitals as Record<string, unknown>).LCP).toMatchObject({ p75: 5000, good: 0.5, needsImprovement: 0, poor: 0.5 });
    expect((by['/B'].scroll as Record<string, unknown>).p50Depth).toBe(60);
  });
  it('prints a readable table', async () => {
    const { code, out } = await run('pages', 'events.ndjson');
    expect(code).toBe(0);
    expect(out).toMatch(/^path\s+views\s+sessions\s+bounce\s+exit/);
    expect(out).toMatch(/\/B\s+4\s+4\s+33\.3%\s+50\.0%\s+60\.0 s\s+5\.0 s/);
  });
  it('--help has an example; a missing INPUT is a usage error; a missing file exits 2', async () => {
    expect((await run('pages', '--help')).out).toMatch(/Example:\n {2}footfall pages events\.ndjson/);
    const usage = await run('pages');
    expect(usage.code).toBe(1);
    expect(usage.err).toMatch(/missing INPUT/);
    expect((await run('pages', 'nope.ndjson')).code).toBe(2);
  });
});

describe('footfall heatmap', () => {
  it('click cells and scroll buckets', async () => {
    const click = await run('heatmap', 'events.ndjson', '--page', '/B', '--json');
    expect(click.code).toBe(0);
    expect(JSON.parse(click.out).cells).toEqual([{ x: 0.5, y: 1200, count: 2 }, { x: 0.52, y: 1200, count: 1 }]);
    const mobile = JSON.parse((await run('heatmap', 'events.ndjson', '--page', '/B', '--viewport', 'desktop', '--json')).out);
    expect(mobile.cells).toEqual([]);
    const scroll = JSON.parse((await run('heatmap', 'events.ndjson', '--page', '/B', '--kind', 'scroll', '--json')).out);
    const at = (d: number) => scroll.buckets.find((b: { depth: number }) => b.depth === d).share;
    expect([at(900), at(1300), at(2000)]).toEqual([1, 2 / 3, 1 / 3]);
    expect((await run('heatmap', 'events.ndjson', '--page', '/B', '--kind', 'scroll')).out).toMatch(/3 page views/);
  });
  it('rejects a missing --page and bad --kind or --viewport', async () => {
    expect(await run('heatmap', 'events.ndjson')).toMatchObject({ code: 1, err: expect.stringMatching(/missing --page/) });
    expect(await run('heatmap', 'events.ndjson', '--page', '/B', '--kind', 'hover')).toMatchObject({ code: 1, err: expect.stringMatching(/--kind "hover" is not one of click, scroll/) });
    expect((await run('heatmap', 'events.ndjson', '--page', '/B', '--viewport', 'tv')).code).toBe(1);
  });
});

describe('footfall kpis', () => {
  it('--json prints the KPI numbers', async () => {
    const { code, out } = await run('kpis', 'events.ndjson', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r).toMatchObject({ sessions: 5, persons: 5, conversionRate: 0.2, cartAbandonment: 0.5, aov: 80, revenue: 80, repeatPurchaseRate: 0, pagesPerSession: 11 / 5 });
    expect(r.stages).toEqual({ awareness: 2, consideration: 1, decision: 2, retention: 0, advocacy: 0 });
    expect(r.retention.days).toEqual([1, 7, 14, 30]);
  });
  it('prints a table and rejects a bad --retention-day', async () => {
    expect((await run('kpis', 'events.ndjson')).out).toMatch(/conversion rate\s+20\.0%/);
    expect((await run('kpis', 'events.ndjson', '--retention-day', 'x')).code).toBe(1);
  });
});

describe('footfall bottlenecks', () => {
  it('--json on a small fixture gives an empty ranked list; flags are checked', async () => {
    const { code, out } = await run('bottlenecks', 'events.ndjson', '--json', '--step', 'page:/B', '--step', 'cart:purchase');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ bottlenecks: [], sessions: 5, conversions: 1 });
    expect((await run('bottlenecks', 'events.ndjson')).out).toMatch(/No significant bottleneck in 5 sessions \(1 conversions\)/);
    expect((await run('bottlenecks', 'events.ndjson', '--step', 'pgae:/x')).code).toBe(1);
    expect((await run('bottlenecks', 'events.ndjson', '--alpha', '2')).code).toBe(1);
    expect((await run('bottlenecks', 'events.ndjson', '--signal', 'slow')).code).toBe(1);
  });
});

describe('person ids named like Object.prototype members (issue 10, 2)', () => {
  it('kpis, funnel, paths and attribution exit 0 with the counts of plain ids', async () => {
    const names = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
    const write = (ids: string[], name: string) => {
      const events = ids.flatMap((id, i) => [
        { id: `${name}-${i}-1`, type: 'page', ts: T0 + i, anonymousId: id, url: 'https://shop.test/' },
        { id: `${name}-${i}-2`, type: 'cart', action: 'purchase', ts: T0 + i + 1000, anonymousId: id, userId: ids[(i + 1) % ids.length], url: 'https://shop.test/c', value: 5, orderId: id },
      ]);
      writeFileSync(join(dir, name), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
    };
    write(names, 'proto.ndjson');
    write(names.map((n) => `${n}_x`), 'plain.ndjson');
    for (const cmd of [['kpis'], ['funnel', '--step', 'page', '--step', 'cart:purchase'], ['paths'], ['attribution']]) {
      const hostile = await run(cmd[0], 'proto.ndjson', ...cmd.slice(1), '--json');
      const plain = await run(cmd[0], 'plain.ndjson', ...cmd.slice(1), '--json');
      expect([hostile.code, hostile.err], cmd[0]).toEqual([0, '']);
      expect(hostile.out).toBe(names.reduce((t, n) => t.split(`${n}_x`).join(n), plain.out));
    }
  });
});

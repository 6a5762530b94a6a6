// `footfall funnel | paths | attribution` on a small NDJSON fixture: the --json numbers,
// the readable tables, --help and usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-cli-journeys-'));
const T0 = Date.UTC(2026, 10, 1, 12);
const S = 1000;
const D = 86_400_000;
let id = 0;
const line = (anonymousId: string, ts: number, type: string, url: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `e${++id}`, type, ts: T0 + ts, anonymousId, url: `https://shop.test${url}`, ...extra });
const GA = '?utm_source=google&utm_medium=cpc';
const MAIL = '?utm_source=newsletter&utm_medium=email';
const buy = (who: string, ts: number) => line(who, ts, 'cart', '/checkout', { action: 'purchase', value: 10, currency: 'EUR', orderId: `o-${who}-${ts}` });
const add = (who: string, ts: number) => line(who, ts, 'cart', '/product/1', { action: 'add' });

// The docs/metrics.md#attribution case as shop visits: GA ×2 converting, Mail ×1, GA then Mail (a day later), GA not converting.
const fixture = [
  line('u1', 0, 'page', `/${GA}`), line('u1', 60 * S, 'page', '/product/1'), add('u1', 90 * S), buy('u1', 300 * S),
  line('u2', 0, 'page', `/${GA}`), line('u2', 30 * S, 'page', '/product/2/'), add('u2', 60 * S), buy('u2', 900 * S),
  line('u3', 0, 'page', `/${MAIL}`), line('u3', 10 * S, 'page', '/product/1'), buy('u3', 100 * S),
  line('u4', 0, 'page', `/${GA}`), line('u4', 20 * S, 'page', '/product/3'),
  line('u4', D, 'page', `/${MAIL}`), add('u4', D + 60 * S), buy('u4', D + 120 * S),
  line('u5', 0, 'page', `/${GA}`),
].join('\n');
const file = join(dir, 'shop.ndjson');
writeFileSync(file, `${fixture}\n`);

const cli = (...argv: string[]) => runCli(dir, ...argv);

describe('footfall funnel', () => {
  it('prints the docs/cli.md funnel JSON', async () => {
    const { code, out } = await cli('funnel', 'shop.ndjson', '--step', 'page:/', '--step', 'page:/product/*', '--step', 'cart:add', '--step', 'cart:purchase', '--window', '2d', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['steps', 'persons', 'windowMs', 'mode', 'breakdown']);
    expect(r.steps.map((s: { count: number }) => s.count)).toEqual([5, 4, 3, 3]);
    expect(r.steps[0]).toEqual({ step: 'page:/', count: 5, conversion: 1, fromPrevious: 1, avgTimeMs: null, medianTimeMs: null });
    // u1 60 s, u2 30 s, u3 10 s, u4 20 s → mean 30 s, median 25 s.
    expect(r.steps[1]).toMatchObject({ conversion: 0.8, fromPrevious: 0.8, avgTimeMs: 30_000, medianTimeMs: 25_000 });
    // cart:add: u1 30 s, u2 30 s, u4 a day + 40 s after its product view (the first attempt is still in the 2-day window).
    expect(r.steps[2]).toMatchObject({ count: 3, avgTimeMs: (60_000 + D + 40_000) / 3, medianTimeMs: 30_000 });
    expect(r.steps[3]).toMatchObject({ count: 3, conversion: 0.6, fromPrevious: 1, avgTimeMs: (210_000 + 840_000 + 60_000) / 3 });
    expect(r).toMatchObject({ persons: 5, windowMs: 2 * D, mode: 'ordered', breakdown: null });
  });

  it('breaks down by channel, applies a shorter window, prints a table without --json', async () => {
    const narrow = JSON.parse((await cli('funnel', 'shop.ndjson', '--step', 'page:/product/*', '--step', 'cart:purchase', '--window', '5m', '--breakdown', 'channel', '--json')).out);
    expect(narrow.steps.map((s: { count: number }) => s.count)).toEqual([4, 2]);
    expect(narrow.breakdown.map((g: { value: string; steps: { count: number }[] }) => [g.value, g.steps[0].count, g.steps[1].count])).toEqual([
      ['google/cpc', 3, 1], ['newsletter/email', 1, 1],
    ]);
    const { code, out } = await cli('funnel', 'shop.ndjson', '--step', 'page:/', '--step', 'cart:purchase');
    expect(code).toBe(0);
    expect(out).toMatch(/page:\/\s+5\s+100\.0%/);
    expect(out).toMatch(/cart:purchase\s+4\s+80\.0%/);
  });

  it('has --help with an example, and usage errors exit 1 with one line', async () => {
    const help = await cli('funnel', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Example:\n\s+footfall funnel /);
    for (const argv of [
      ['funnel', 'shop.ndjson'],
      ['funnel', 'shop.ndjson', '--step', 'pgae:/'],
      ['funnel', 'shop.ndjson', '--step', 'page:/', '--window', '14 days'],
      ['funnel', 'shop.ndjson', '--step', 'page:/', '--mode', 'loose'],
      ['funnel', '--step', 'page:/'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli('funnel', 'missing.ndjson', '--step', 'page:/')).code).toBe(2);
  });

  it('reads --window with the core duration parser: a unit is required, the error names the flag', async () => {
    const bare = await cli('funnel', 'shop.ndjson', '--step', 'page:/', '--window', '14');
    expect(bare.code).toBe(1);
    expect(bare.err.trim()).toMatch(/--window "14" is not a duration: write a number and a unit, e\.g\. 14d/);
    const r = JSON.parse((await cli('funnel', 'shop.ndjson', '--step', 'page:/', '--window', '1.5h', '--json')).out);
    expect(r.windowMs).toBe(5_400_000);
  });
});

describe('footfall paths', () => {
  it('prints the docs/cli.md paths JSON with nodes and links', async () => {
    const { code, out } = await cli('paths', 'shop.ndjson', '--clean', '/product/*=/product/*', '--steps', '3', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.nodes.filter((n: { step: number }) => n.step === 1)).toEqual([{ id: '1_/', step: 1, item: '/', count: 6 }]);
    expect(r.nodes.find((n: { id: string }) => n.id === '2_/product/*')).toEqual({ id: '2_/product/*', step: 2, item: '/product/*', count: 4 });
    expect(r.links.slice(0, 2)).toEqual([
      { source: '1_/', target: '2_/product/*', value: 4 },
      { source: '2_/product/*', target: '3_cart:add', value: 2 },
    ]);
    expect(Math.max(...r.nodes.map((n: { step: number }) => n.step))).toBe(3);
    expect(r.topPaths[0]).toEqual({ path: ['/', '/product/*', 'cart:add'], count: 2 });
  });

  it('cuts at --start and --end, prints a table, rejects a bad --clean', async () => {
    const r = JSON.parse((await cli('paths', 'shop.ndjson', '--start', 'cart:add', '--end', 'cart:purchase', '--json')).out);
    expect(r.links).toEqual([{ source: '1_cart:add', target: '2_cart:purchase', value: 3 }]);
    expect((await cli('paths', 'shop.ndjson')).out).toMatch(/6 paths/);
    expect((await cli('paths', 'shop.ndjson', '--clean', 'no-equals-sign')).code).toBe(1);
    expect((await cli('paths', 'shop.ndjson', '--steps', '0')).code).toBe(1);
    expect((await cli('paths', '--help')).out).toMatch(/Example:\n\s+footfall paths /);
  });
});

describe('footfall attribution', () => {
  it('prints the docs/metrics.md#attribution Markov case: P 0.8, credit GA 2.4 / Mail 1.6, removal effects 0.75 / 0.5', async () => {
    const { code, out } = await cli('attribution', 'shop.ndjson', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(Object.keys(r)).toEqual(['channels', 'conversionProbability']);
    expect(r.conversionProbability).toBeCloseTo(0.8, 10);
    expect(r.channels.map((c: { channel: string }) => c.channel)).toEqual(['google/cpc', 'newsletter/email']);
    expect(r.channels[0].conversions).toBeCloseTo(2.4, 10);
    expect(r.channels[0].removalEffect).toBeCloseTo(0.75, 10);
    expect(r.channels[1].conversions).toBeCloseTo(1.6, 10);
    expect(r.channels[1].removalEffect).toBeCloseTo(0.5, 10);
  });

  it('rule models, a table without --json, usage errors', async () => {
    const credit = async (model: string) =>
      Object.fromEntries(JSON.parse((await cli('attribution', 'shop.ndjson', '--model', model, '--json')).out).channels.map((c: { channel: string; conversions: number }) => [c.channel, c.conversions]));
    expect(await credit('first')).toEqual({ 'google/cpc': 3, 'newsletter/email': 1 });
    expect(await credit('last')).toEqual({ 'google/cpc': 2, 'newsletter/email': 2 });
    expect(await credit('linear')).toEqual({ 'google/cpc': 2.5, 'newsletter/email': 1.5 });
    const table = await cli('attribution', 'shop.ndjson');
    expect(table.out).toMatch(/google\/cpc\s+2\.40\s+75\.0%/);
    expect((await cli('attribution', 'shop.ndjson', '--model', 'shapley')).code).toBe(1);
    expect((await cli('attribution', 'shop.ndjson', '--conversion', 'buy')).code).toBe(1);
    expect((await cli('attribution', '--help')).out).toMatch(/Example:\n\s+footfall attribution /);
  });
});

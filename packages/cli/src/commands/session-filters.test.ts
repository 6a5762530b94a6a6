// `--channel` and `--device` on every analysis command: the JSON equals the core's analyzer
// fed through `keepSessions` on the same events; bad values are usage errors (exit 1).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAttribution, createBottlenecks, createFunnel, createHeatmap, createKpis, createPages, createPersonProfile, createPersons, eventNormalizer, createPaths, keepSessions,
  createChannels, createEmail, createService, createProducts,
  type Analyzer, type SessionFilterOptions,
} from '@footfall/core';
import { generateDemo } from '@footfall/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCli } from '../../test/fake-io.js';

const events = [...generateDemo({ events: 20_000, seed: 7 })];
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-filters-'));
  writeFileSync(join(dir, 'shop.ndjson'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
});

/**
 * The oracle: the core's two-pass normalizer over the same events in file order, whole
 * sessions kept by the core's filter (file order, so float sums add up in the same order).
 */
function core(analyzer: Analyzer<unknown, unknown>, filter: SessionFilterOptions): unknown {
  const normalizer = eventNormalizer();
  for (const e of events) normalizer.learn(e);
  const keep = keepSessions(filter);
  for (const e of events) {
    const n = normalizer.normalize(e);
    if (n && keep.keep(n)) analyzer.add(n);
  }
  return JSON.parse(JSON.stringify(analyzer.result()));
}

async function json(argv: string[]): Promise<unknown> {
  const { code, out, err } = await runCli(dir, ...argv, '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

const steps = ['page:/', 'page:/product/*', 'cart:purchase'];
/** Every analysis command with its arguments, and the core analyzer it should equal. */
const analyses: [name: string, argv: string[], make: () => Analyzer<unknown, unknown>][] = [
  ['funnel', steps.flatMap((s) => ['--step', s]), () => createFunnel({ steps })],
  ['paths', [], () => createPaths()],
  ['pages', [], () => createPages()],
  ['heatmap', ['--page', '/product/*'], () => createHeatmap({ page: '/product/*' })],
  ['kpis', [], () => createKpis()],
  ['bottlenecks', ['--min-group', '5', '--alpha', '0.5'], () => createBottlenecks({ minGroup: 5, alpha: 0.5 })],
  ['attribution', ['--model', 'linear'], () => createAttribution({ model: 'linear' })],
  ['channels', ['--by', 'source', '--by', 'medium'], () => createChannels({ by: ['source', 'medium'] })],
  ['email', [], () => createEmail()],
  ['service', ['--min-sessions', '5'], () => createService({ minSessions: 5 })],
  ['products', ['--min-group', '5'], () => createProducts({ minGroup: 5 })],
  ['persons', ['--limit', '1000000'], () => createPersons({ limit: 1_000_000 })],
];
const filters: [argv: string[], filter: SessionFilterOptions][] = [
  [['--device', 'mobile'], { device: 'mobile' }],
  [['--channel', 'search'], { channel: 'search' }],
  [['--channel', 'Google/CPC', '--device', 'desktop'], { channel: 'google/cpc', device: 'desktop' }],
];

describe('--channel and --device', () => {
  it.each(analyses)('%s gives exactly the core over the sessions keepSessions keeps', async (name, argv, make) => {
    const all = await json([name, 'shop.ndjson', ...argv]);
    for (const [flags, filter] of filters) {
      const filtered = await json([name, 'shop.ndjson', ...argv, ...flags]);
      expect(filtered, flags.join(' ')).toEqual(core(make(), filter));
      expect(filtered, flags.join(' ')).not.toEqual(all);
    }
  });

  it('person gives exactly the core profile over the kept sessions', async () => {
    const user = events.find((e) => e.userId && e.ctx?.vw !== undefined && e.ctx.vw < 768)!.userId!;
    const mobile = await json(['person', 'shop.ndjson', user, '--device', 'mobile']);
    expect(mobile).toMatchObject({ person: user, deviceClasses: ['mobile'] });
    expect(mobile).toEqual(core(createPersonProfile({ id: user }), { device: 'mobile' }));
    // none of their sessions is on a desktop: nothing names them there
    expect(core(createPersonProfile({ id: user }), { device: 'desktop' })).toBeNull();
    expect((await runCli(dir, 'person', 'shop.ndjson', user, '--device', 'desktop', '--json')).code).toBe(3);
  });

  it('report computes every section over the kept sessions', async () => {
    const { code } = await runCli(dir, 'report', 'shop.ndjson', '--device', 'mobile', '--heatmaps', '0', '--out', 'mobile.html');
    expect(code).toBe(0);
    const html = readFileSync(join(dir, 'mobile.html'), 'utf8');
    const boot = JSON.parse(/<script type="application\/json" id="footfall-boot">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null') as { data: Record<string, unknown> };
    expect(boot.data.kpis).toEqual(core(createKpis({ timeline: true }), { device: 'mobile' }));
    expect(boot.data.pages).toEqual(core(createPages(), { device: 'mobile' }));
  });

  it('report --device draws its heatmaps for that device class', async () => {
    const boot = async (extra: string[], out: string) => {
      expect((await runCli(dir, 'report', 'shop.ndjson', '--heatmaps', '1', ...extra, '--out', out)).code).toBe(0);
      const html = readFileSync(join(dir, out), 'utf8');
      return (JSON.parse(/<script type="application\/json" id="footfall-boot">([^<]*)<\/script>/.exec(html)?.[1] ?? 'null') as { data: Record<string, unknown> }).data;
    };
    const mobile = await boot(['--device', 'mobile'], 'mobile-heat.html');
    expect(mobile.heatmapViewport).toBe('mobile');
    const [page] = Object.keys(mobile.heatmaps as object);
    const heat = (mobile.heatmaps as Record<string, { click: { cells: unknown[] } }>)[page];
    expect(heat.click).toEqual(core(createHeatmap({ page, kind: 'click', viewport: 'mobile' }), { device: 'mobile' }));
    expect(heat.click.cells.length).toBeGreaterThan(0);
    expect((await boot([], 'all-heat.html')).heatmapViewport).toBe('desktop');
  });

  it('a device that is not a class exits 1 with one line naming the allowed values', async () => {
    for (const argv of [['kpis', 'shop.ndjson'], ['heatmap', 'shop.ndjson', '--page', '/'], ['report', 'shop.ndjson', '--out', 'x.html']]) {
      const { code, out, err } = await runCli(dir, ...argv, '--device', 'phone');
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toBe(`footfall ${argv[0]}: --device "phone" is not a device class: pick one of desktop, tablet, mobile. Run \`footfall ${argv[0]} --help\`.\n`);
    }
  });

  it('every analysis command lists both flags in --help', async () => {
    const names = commands.map((c) => c.name).filter((n) => !['serve', 'demo', 'forget', 'import'].includes(n));
    expect(names.sort()).toEqual([...analyses.map(([n]) => n), 'person', 'report'].sort());
    for (const name of names) {
      const { code, out } = await runCli(dir, name, '--help');
      expect(code).toBe(0);
      expect(out, name).toMatch(/^ *--channel C +only sessions whose entry channel is C/m);
      expect(out, name).toMatch(/^ *--device D +only sessions whose first event is on a D device:\n +desktop \| tablet \| mobile$/m);
    }
  });
});

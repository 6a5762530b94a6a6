import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  createAttribution, createBottlenecks, createChannels, createEmail, createFunnel, createProducts, createService, DEFAULT_FUNNEL_STEPS, createHeatmap, createKpis, createPages, createPaths,
  type Analyzer, type ClickHeatmap, type ScrollHeatmap,
} from '@footfall/core';
import type { ReportData } from '@footfall/report';
import { UsageError, type Command } from '../command.js';
import { feed } from '../input.js';
import { inputsOf, listFlag, numberFlag, stringFlag } from './format.js';
import { fromFlags } from './from-flags.js';
import { SESSION_FILTER_FLAGS, sessionFilterHelp, sessionFilterOf } from './session-filter-flags.js';

const help = `Usage: footfall report INPUT [--step S ...] [--heatmaps N] [--title TEXT] [--channel C] [--device D]
                       --out report.html

One self-contained HTML file (charts and data inlined, works offline from file://):
KPIs, journey stages, funnel with conversion and drop-off, journey Sankey, ranked
bottlenecks, page table with web vitals, click and scroll heatmaps, channels and
campaigns, email, customer service and products.

INPUT           an .ndjson file, .ndjson.gz, a folder of them, - for stdin,
                duckdb:PATH or clickhouse:URL; several files are merged by ts
--step S        funnel step (repeatable, in order; default ${DEFAULT_FUNNEL_STEPS.join(' ')});
                also the conversion the bottlenecks are measured against
--heatmaps N    heatmaps for the N most viewed pages (default 6; 0 for none; not with -)
--title TEXT    the report's title (default "Footfall report")
${sessionFilterHelp(16)}
--out FILE      where to write the HTML (required)
--strict        stop at the first invalid line instead of skipping it

Example:
  footfall report events.ndjson --step page:/ --step cart:add --step cart:purchase --out report.html
`;

const erase = <S, R>(a: Analyzer<S, R>) => a as unknown as Analyzer<unknown, unknown>;

/** `footfall report`: computes every result with the core analyzers and writes one HTML file. */
export const report: Command = {
  name: 'report',
  summary: 'one self-contained HTML report: KPIs, funnel, journeys, bottlenecks, pages, heatmaps',
  help,
  flags: {
    step: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
    heatmaps: { type: 'string' },
    ...SESSION_FILTER_FLAGS,
    strict: { type: 'boolean' },
  },
  async run(args, io) {
    const input = inputsOf(args, 'report');
    const out = stringFlag(args, 'out');
    if (!out) throw new UsageError('missing --out FILE: where to write the report (e.g. --out report.html)');
    const given = listFlag(args, 'step');
    const steps = given.length ? given : [...DEFAULT_FUNNEL_STEPS];
    if (steps.length < 2) throw new UsageError('a funnel needs at least two --step');
    const heatmapPages = numberFlag(args, 'heatmaps', 0, 50) ?? 6;
    const options = { strict: args.values.strict === true, filter: sessionFilterOf(args) };

    const analyzers = fromFlags(() => ({
      kpis: createKpis({ timeline: true }),
      funnel: createFunnel({ steps, breakdown: 'channel' }),
      paths: createPaths({ steps: 5 }),
      pages: createPages(),
      bottlenecks: createBottlenecks(given.length ? { steps: given } : {}),
      attribution: createAttribution(),
      channels: createChannels(),
      email: createEmail(),
      service: createService(),
      products: createProducts(),
    }));
    const a = analyzers;
    await feed(input, io, [erase(a.kpis), erase(a.funnel), erase(a.paths), erase(a.pages), erase(a.bottlenecks), erase(a.attribution),
      erase(a.channels), erase(a.email), erase(a.service), erase(a.products)], options);
    const pages = analyzers.pages.result();
    const data: ReportData = {
      kpis: analyzers.kpis.result(),
      funnel: analyzers.funnel.result(),
      paths: analyzers.paths.result(),
      pages,
      bottlenecks: analyzers.bottlenecks.result(),
      attribution: analyzers.attribution.result(),
      channels: analyzers.channels.result(),
      email: analyzers.email.result(),
      service: analyzers.service.result(),
      products: analyzers.products.result(),
      generatedAt: new Date().toISOString(),
    };

    // Heatmaps need the most viewed pages first: a second read (stdin can be read only once).
    const top = [...pages.pages].sort((a, b) => b.views - a.views).slice(0, heatmapPages).map((p) => p.path);
    if (top.length && !input.includes('-')) {
      // With --device, heatmaps show that device class's viewport; else desktop.
      const viewport = options.filter.device ?? 'desktop';
      data.heatmapViewport = viewport;
      const maps = top.map((page) => ({
        page,
        click: createHeatmap({ page, kind: 'click', viewport }),
        scroll: createHeatmap({ page, kind: 'scroll', viewport }),
      }));
      await feed(input, io, maps.flatMap((m) => [erase(m.click), erase(m.scroll)]), options);
      data.heatmaps = Object.create(null) as NonNullable<typeof data.heatmaps>;
      for (const m of maps) data.heatmaps[m.page] = { click: m.click.result() as ClickHeatmap, scroll: m.scroll.result() as ScrollHeatmap };
    } else if (top.length) {
      io.stderr.write('footfall report: heatmaps are left out for stdin input (they need a second read); pass a file\n');
    }

    const path = resolve(io.cwd, out);
    // Loaded only here: the other commands start without the report's inlined dashboard client.
    const { renderReport } = await import('@footfall/report');
    await writeFile(path, renderReport(data, { title: stringFlag(args, 'title') ?? 'Footfall report' }));
    io.stderr.write(`footfall report: wrote ${path}\n`);
    return 0;
  },
};

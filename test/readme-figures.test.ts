// README's "Measured" figures come from measurements, never from a hand:
// its size rows equal what `npm run size` (size-limit) measures from the built files, and
// its bench rows equal docs/benchmarks.md's "Headline figures", which `npm run bench` wrote
// from one run (bench figures are kept in agreement here, not measured again).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readmeWithHeadline, tableRows } from '../bench/lib/readme.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const measured = new Map(tableRows(readme, 'Measured'));

/** Bytes as size-limit prints them: decimal kilobytes, at most two decimals ("7.54 KB"). */
const kb = (bytes: number) => `${Number((bytes / 1000).toFixed(2))} KB`;

// README row → the size-limit entry (by the file it measures) and how the figure reads.
const SIZE_ROWS: { label: string; path: string; figure: (size: number, limit: number) => string }[] = [
  { label: 'SDK, script tag with all autocapture, initial script (brotli)', path: 'packages/browser/dist/footfall.js', figure: (s, l) => `${kb(s)} (budget ${kb(l)})` },
  { label: "SDK, script tag's vitals chunk, loaded lazily (brotli)", path: 'packages/browser/dist/footfall-vitals.js', figure: (s, l) => `${kb(s)} (budget ${kb(l)})` },
  { label: "SDK, script tag's journey chunk, loaded when the page asks (brotli)", path: 'packages/browser/dist/footfall-journey.js', figure: (s, l) => `${kb(s)} (budget ${kb(l)})` },
  { label: "SDK, script tag's queue chunk (the IndexedDB queue), loaded at the queue's first use (brotli)", path: 'packages/browser/dist/footfall-queue.js', figure: (s, l) => `${kb(s)} (budget ${kb(l)})` },
  { label: 'SDK, npm import with autocapture off (brotli)', path: 'packages/browser/dist/size/npm-core.js', figure: (s, l) => `${kb(s)} (budget ${kb(l)})` },
  { label: '`@footfall/core`, every analyzer (brotli)', path: 'packages/core/dist/index.js', figure: (s) => kb(s) },
];

describe('README "Measured" figures', () => {
  it('size rows equal what size-limit measures from the build', () => {
    const entries = JSON.parse(readFileSync(join(root, '.size-limit.json'), 'utf8')) as { name: string; path: string }[];
    // size-limit exits 1 when over budget but still prints every entry: that failure is `npm run size`'s.
    const out = spawnSync(join(root, 'node_modules/.bin/size-limit'), ['--json'], { cwd: root, encoding: 'utf8' }).stdout;
    const measuredSizes = JSON.parse(out.slice(out.indexOf('['))) as { name: string; size: number; sizeLimit: number }[];
    const expected = SIZE_ROWS.map(({ label, path, figure }) => {
      const name = entries.find((e) => e.path === path)?.name;
      const m = measuredSizes.find((x) => x.name === name);
      if (!m) throw new Error(`.size-limit.json has no entry for ${path}: the README row "${label}" has nothing to agree with`);
      return [label, figure(m.size, m.sizeLimit)];
    });
    expect(SIZE_ROWS.map(({ label }) => [label, measured.get(label)])).toEqual(expected);
  });

  it('bench rows equal docs/benchmarks.md (run `npm run bench` to refresh both)', () => {
    const headline = tableRows(readFileSync(join(root, 'docs/benchmarks.md'), 'utf8'), 'Headline figures');
    expect(headline.length).toBeGreaterThan(0);
    expect(headline.map(([label]) => [label, measured.get(label)])).toEqual(headline);
  });
});

describe('readmeWithHeadline', () => {
  it('puts the bench rows into the Measured table, replacing older copies and retired rows', () => {
    const before = ['# X', '', '## Measured', '', '| what | figure |', '|---|---|', '| size | 1 KB |', '| bench a | old |',
      '| reading 1M events from NDJSON (validated) | 2.8 s |', '', '## Next', ''].join('\n');
    const after = readmeWithHeadline(before, [['bench a', 'new | piped'], ['bench b', '2 s']]);
    expect(tableRows(after, 'Measured')).toEqual([['size', '1 KB'], ['bench a', 'new | piped'], ['bench b', '2 s']]);
    expect(after.endsWith('\n## Next\n')).toBe(true);
  });
});

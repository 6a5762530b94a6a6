// The specification lives in the repository (docs/internals.md#build-test-layout): code
// cites docs/ pages, never files outside the repository; every relative link and anchor in
// the READMEs and docs/ resolves; and every section of docs/metrics.md with a worked case has
// a core test that cites it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const self = fileURLToPath(import.meta.url);
const rel = (file: string) => relative(root, file);

/** Files under `dir` whose names end with one of `exts`, skipping dependencies and builds. */
function walk(dir: string, exts: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path, exts));
    else if (exts.some((ext) => entry.name.endsWith(ext))) out.push(path);
  }
  return out;
}

const CODE_EXTS = ['.ts', '.mts', '.cts', '.mjs', '.cjs', '.js', '.html'] as const;
const codeFiles = ['packages', 'test', 'bench', 'examples', 'scripts']
  .flatMap((d) => walk(join(root, d), CODE_EXTS))
  .filter((f) => f !== self);

const markdownFiles = [
  join(root, 'README.md'),
  ...walk(join(root, 'docs'), ['.md']),
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'README.md')),
  ...readdirSync(join(root, 'examples')).map((p) => join(root, 'examples', p, 'README.md')),
].filter((f) => existsSync(f));

/** Markdown without fenced code blocks and inline code spans (neither holds links or headings). */
const prose = (markdown: string) => markdown.replace(/^(```|~~~)[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

const anchorCache = new Map<string, Set<string>>();
/** Every anchor GitHub gives the headings of a markdown file (repeats get `-1`, `-2`, …). */
function anchorsOf(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (anchors) return anchors;
  anchors = new Set();
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[\s\S]*?^\1[^\n]*$/gm, '');
  const seen = new Map<string, number>();
  for (const m of text.matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  for (const m of text.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(m[1]);
  anchorCache.set(file, anchors);
  return anchors;
}

/** What is wrong with `target` (`path[#anchor]`, relative to `fromDir`), or nothing. */
function brokenTarget(target: string, fromDir: string): string | undefined {
  const [path, anchor] = target.split('#') as [string, string | undefined];
  const file = resolve(fromDir, decodeURIComponent(path));
  if (relative(root, file).startsWith('..')) return 'points outside the repository';
  if (!existsSync(file)) return 'no such file';
  if (anchor === undefined || !file.endsWith('.md') || statSync(file).isDirectory()) return undefined;
  return anchorsOf(file).has(anchor.toLowerCase()) ? undefined : `no heading with anchor #${anchor}`;
}

describe('the specification lives in the repository', () => {
  it('finds the files it checks', () => {
    expect(codeFiles.length).toBeGreaterThan(100);
    expect(markdownFiles.map(rel)).toEqual(expect.arrayContaining(['README.md', 'docs/metrics.md', 'docs/events.md', 'docs/cli.md', 'packages/core/README.md']));
  });

  it('no code cites a file outside the repository (contract files, ../shared, CONVENTIONS)', () => {
    const outside = /\bcontract\/|contract `?\w+\.md|(?:^|[^\w/])(?:semantics|ARCHITECTURE|CONVENTIONS)\.md|\.\.\/shared\b|\/work\/shared|CONVENTIONS §|deviations\.md/;
    const found = codeFiles.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('every docs/….md page and anchor the code cites exists', () => {
    const broken = codeFiles.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bdocs\/([\w.-]+\.md)(#[\w-]+)?/g)].flatMap((m) => {
        const problem = brokenTarget(`docs/${m[1]}${m[2] ?? ''}`, root);
        return problem ? [`${rel(file)}: ${m[0]}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('every relative link in the READMEs and docs/ points to an existing file and heading', () => {
    let checked = 0;
    const broken = markdownFiles.flatMap((file) =>
      [...prose(readFileSync(file, 'utf8')).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].flatMap((m) => {
        const target = m[1];
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return []; // https:, mailto:, …
        checked++;
        // `#anchor` alone points into the file itself.
        const problem = brokenTarget(target.startsWith('#') ? `${basename(file)}${target}` : target, dirname(file));
        return problem ? [`${rel(file)}: (${target}): ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('every worked case of docs/metrics.md is a core test that cites its section', () => {
    const metrics = readFileSync(join(root, 'docs', 'metrics.md'), 'utf8');
    const tests = walk(join(root, 'packages', 'core', 'src'), ['.test.ts']).map((f) => readFileSync(f, 'utf8'));
    const sections = metrics.split(/^## /m).slice(1);
    const missing: string[] = [];
    let withCases = 0;
    for (const section of sections) {
      const heading = section.slice(0, section.indexOf('\n'));
      const body = section.slice(heading.length);
      if (!/^\s*(?:- )?Cases?\b/m.test(body)) continue;
      withCases++;
      const cite = `docs/metrics.md#${slug(heading)}`;
      const citing = tests.filter((t) => t.includes(cite));
      if (!citing.length) missing.push(`${cite}: no test in packages/core cites it`);
      // Numbered cases ("Cases (…):" then "1. …") each need a test named "case N".
      const list = /^Cases\b/m.exec(body);
      for (const n of list ? [...body.slice(list.index).matchAll(/^(\d+)\. /gm)].map((x) => x[1]) : []) {
        if (!citing.some((t) => new RegExp(`case ${n}\\b`).test(t))) missing.push(`${cite}: case ${n} has no test named "case ${n}"`);
      }
    }
    expect(withCases).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
  });
});

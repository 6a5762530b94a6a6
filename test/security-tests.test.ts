// SECURITY.md names, for each threat, the test that covers it (docs/internals.md#build-test-layout).
// This keeps those names true: every row of its threat tables names at least one test file,
// every file it names exists (one file for a bare name), and every quoted title is a test or
// describe title in that file ("…" stands for left-out text).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every `*.test.ts` file in the repository, skipping dependencies and builds. */
function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}
const ALL = [...testFiles(join(root, 'packages')), ...testFiles(join(root, 'test'))];

/** The file a name in SECURITY.md means: a path from the root, or a bare name only one file has. */
function resolveTest(name: string): { file?: string; problem?: string } {
  if (name.includes('/')) return existsSync(join(root, name)) ? { file: name } : { problem: `${name} does not exist` };
  const found = ALL.filter((f) => basename(f) === name);
  if (found.length === 1) return { file: found[0] };
  return { problem: found.length ? `${name} is ambiguous (${found.join(', ')}): write its path` : `no test file is named ${name}` };
}

/** The titles a test file declares (describe, it, test), string escapes undone. */
function titlesOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  const re = /\b(?:describe|it|test)(?:\.(?:each|skipIf|runIf|concurrent|sequential)\([^\n]*?\))*\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2].replace(/\\(.)/g, '$1'));
  return out;
}

interface Row { line: number; threat: string; cell: string }

/** The rows of every table in SECURITY.md whose last column is headed `test`: the threat and that cell. */
function threatRows(markdown: string): Row[] {
  const rows: Row[] = [];
  const lines = markdown.split('\n');
  let inTestTable = false;
  lines.forEach((line, i) => {
    if (!line.startsWith('|')) {
      inTestTable = false;
      return;
    }
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    if (/^-+$/.test(cells[0])) return;
    if (!inTestTable && cells.at(-1) === 'test') {
      inTestTable = true;
      return;
    }
    if (inTestTable) rows.push({ line: i + 1, threat: cells.slice(0, -2).join(' | '), cell: cells.at(-1)! });
  });
  return rows;
}

/** The test files a cell names (`…test.ts` in backticks), each with the quoted titles after it. */
function citations(cell: string): { name: string; titles: string[] }[] {
  const out: { name: string; titles: string[] }[] = [];
  for (const m of cell.matchAll(/`([^`]+\.test\.ts)`|"([^"]+)"/g)) {
    if (m[1]) out.push({ name: m[1], titles: [] });
    else if (out.length) out.at(-1)!.titles.push(m[2]);
    else out.push({ name: '(none)', titles: [m[2]] });
  }
  return out;
}

/** Whether a quoted title (maybe with "…") is part of one of the file's titles, fragments in order. */
function titleFound(quoted: string, titles: readonly string[]): boolean {
  const parts = quoted.split('…').map((p) => p.trim()).filter(Boolean);
  return titles.some((t) => {
    let at = 0;
    for (const p of parts) {
      const i = t.indexOf(p, at);
      if (i < 0) return false;
      at = i + p.length;
    }
    return true;
  });
}

const security = readFileSync(join(root, 'SECURITY.md'), 'utf8');
const rows = threatRows(security);

describe('SECURITY.md names real tests for every threat', () => {
  it('finds the threat tables (the main one and erasure and retention)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(17 + 9);
  });

  it('every threat names a test file, every named file exists, every quoted title is one of its tests', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const cited = citations(row.cell);
      if (!cited.some((c) => c.name.endsWith('.test.ts')) && !/^see \[/.test(row.cell)) problems.push(`SECURITY.md:${row.line} (${row.threat.slice(0, 60)}): names no test file`);
      for (const { name, titles } of cited) {
        if (name === '(none)') {
          problems.push(`SECURITY.md:${row.line}: "${titles[0]}" follows no test file`);
          continue;
        }
        const { file, problem } = resolveTest(name);
        if (!file) {
          problems.push(`SECURITY.md:${row.line}: ${problem}`);
          continue;
        }
        const declared = titlesOf(file);
        for (const t of titles) if (!titleFound(t, declared)) problems.push(`SECURITY.md:${row.line}: ${file} has no test titled "${t}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads what it checks: a title that is not there is reported', () => {
    expect(titleFound('no request stops the server', titlesOf('packages/collector/src/node-server.test.ts'))).toBe(true);
    expect(titleFound('no request stops the serverX', titlesOf('packages/collector/src/node-server.test.ts'))).toBe(false);
    expect(titleFound('401 without a token…; 403 with the read token', titlesOf('packages/collector/src/forget-api.test.ts'))).toBe(true);
    expect(resolveTest('enrich.test.ts').problem).toMatch(/ambiguous/);
    expect(citations('`a.test.ts` "x", "y"; `b/c.test.ts`')).toEqual([{ name: 'a.test.ts', titles: ['x', 'y'] }, { name: 'b/c.test.ts', titles: [] }]);
  });
});

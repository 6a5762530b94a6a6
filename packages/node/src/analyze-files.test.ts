import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyzeStream, createFunnel, createPages, createPaths, FootfallError, type Analyzer } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { analyzeFiles, type AnalyzerRecipe } from './analyze-files.js';
import { generateDemo } from './demo.js';
import { readEvents } from './read-events.js';

const dir = mkdtempSync(join(tmpdir(), 'footfall-analyze-files-'));
const write = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const page = (id: string, anonymousId: string, ts: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'page', ts, anonymousId, url: 'https://shop.test/', ...extra });

const recipes: AnalyzerRecipe[] = [
  { create: 'createFunnel', options: { steps: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'] } },
  { create: 'createPaths', options: { clean: [['/product/*', '/product/*']] } },
  { create: 'createPages', options: {} },
];
const make = (): Analyzer<unknown, unknown>[] => [
  createFunnel(recipes[0].options as never),
  createPaths(recipes[1].options as never),
  createPages(),
] as unknown as Analyzer<unknown, unknown>[];

/** The results and bad lines of the reference path: analyzeStream over readEvents, each bad line once (pass 1). */
async function reference(path: string) {
  const problems: string[] = [];
  let pass = 0;
  const events = readEvents(path, { onProblem: (m) => pass === 1 && problems.push(m) });
  const analyzers = make();
  const kept = await analyzeStream({ [Symbol.asyncIterator]: () => (pass++, events[Symbol.asyncIterator]()) }, analyzers);
  return { kept, results: analyzers.map((a) => a.result()), problems };
}
async function fast(path: string, threads: number) {
  const problems: string[] = [];
  const analyzers = make();
  const kept = await analyzeFiles(path, analyzers, { recipes, threads, onProblem: (m) => problems.push(m) });
  return { kept, results: analyzers.map((a) => a.result()), problems };
}

// A demo shop with the awkward lines: bad ones, a repeated id, CRLF, a userId spelled with a \u escape, an escape elsewhere.
const demo = [...generateDemo({ events: 3000, seed: 3 })].map((e) => JSON.stringify(e));
const late = JSON.stringify({ id: 'late-link', type: 'track', ts: 9e12, anonymousId: JSON.parse(demo[0]).anonymousId, userId: 'late-user', url: '/', name: 'x' });
const lines = [
  ...demo.slice(0, 1000),
  '{oops',
  demo[10],
  `${JSON.stringify({ id: 'bad-ts', type: 'page', ts: '5', anonymousId: 'a', url: '/' })}\r`,
  '',
  page('esc', 'escaped-anon', 1).replace('"anonymousId"', '"\\u0075serId":"escaped-user","_":"\\"q\\"","anonymousId"'),
  ...demo.slice(1000),
  late.replace('"userId"', '"\\u0075serId"'),
];
const text = `${lines.join('\n')}\n`;

describe('analyzeFiles', { timeout: 120_000 }, () => {
  it('equals analyzeStream over readEvents: results, events kept, each bad line once in order, in one thread and in two', async () => {
    const path = write('shop.ndjson', text);
    const want = await reference(path);
    expect(want.problems).toEqual([expect.stringMatching(/shop\.ndjson:1001: not JSON/), `${path}:1003: ts: expected integer, got "5"`]);
    for (const threads of [1, 2]) expect(await fast(path, threads)).toEqual(want);
  });
  it('equals one thread on a file of several reads (lines across 4 MB reads, bad lines in the middle): results, kept, bad lines and their numbers', async () => {
    const many = [...generateDemo({ events: 16_000, seed: 5 })].map((e) => JSON.stringify(e));
    many.splice(9000, 0, '{oops', '', `${many[20]}\r`, '{"id":"x","type":"page","ts":"late"}');
    const path = write('several-reads.ndjson', `${many.join('\n')}\n`);
    const one = await fast(path, 1);
    expect(one.problems).toEqual([expect.stringMatching(/several-reads\.ndjson:9001: not JSON/), expect.stringMatching(/several-reads\.ndjson:9004: /)]);
    expect(await fast(path, 2)).toEqual(one);
  });
  it('learns a link from a line that spells userId with a \\u escape, even the last line of the file', async () => {
    const path = write('escape.ndjson', [page('p1', 'dev', 1), page('p2', 'dev', 2).replace('"anonymousId"', '"\\u0075serId":"u9","anonymousId"')].join('\n'));
    const seen: string[] = [];
    const spy = { add: (e: { person: string }) => seen.push(e.person), merge: () => spy, state: null, result: () => null };
    await analyzeFiles(path, [spy as never]);
    expect(seen).toEqual(['u9', 'u9']);
  });
  it('reads gzip files and folders as readEvents does', async () => {
    mkdirSync(join(dir, 'folder'));
    const half = lines.length >> 1;
    write('folder/1.ndjson.gz', gzipSync(lines.slice(0, half).join('\n')));
    write('folder/2.ndjson', lines.slice(half).join('\n'));
    for (const threads of [1, 2]) expect(await fast(join(dir, 'folder'), threads)).toEqual(await reference(join(dir, 'folder')));
    const gz = write('shop.ndjson.gz', gzipSync(text));
    for (const threads of [1, 2]) expect(await fast(gz, threads)).toEqual(await reference(gz));
  });
  it('an id held by two persons in different shards is deduplicated as in one run', async () => {
    // Persons p0..p19 spread over both shards; every event id is "same", so only the first counts.
    const path = write('dup.ndjson', Array.from({ length: 20 }, (_, i) => page('same', `p${i}`, i)).join('\n'));
    const got = await fast(path, 2);
    expect(got.kept).toBe(1);
    expect(got).toEqual(await reference(path));
  });
  it('strict: throws at the first bad line with its place', async () => {
    const path = write('strict.ndjson', `${page('1', 'a', 1)}\n{"id":"x","type":"nope"}\n`);
    const err = (await analyzeFiles(path, make(), { strict: true, recipes, threads: 2 }).catch((e: unknown) => e)) as FootfallError;
    expect(err).toBeInstanceOf(FootfallError);
    expect(err.details[0]).toMatch(/strict\.ndjson:2: type: expected one of/);
  });
});

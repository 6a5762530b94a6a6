// The packages as users get them: `npm pack` every workspace package, install the tarballs
// into fresh projects outside the workspace, then type-check a consumer (strict, no
// skipLibCheck), import every entry as ESM and CJS, and run the installed `footfall`
// command: demo, funnel, and serve with its dashboard, a stored batch the query API counts,
// the SDK and the demo shop. Catches what
// only shows outside the workspace: a type import of a devDependency, a file missing from
// `files`, an asset found through the monorepo layout. Runs against the built dist/.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const PACKAGES = ['core', 'node', 'browser', 'collector', 'report', 'cli'];
/** Every entry of the exports maps, as a user imports it. */
const ENTRIES = ['@footfall/core', '@footfall/node', '@footfall/node/demo', '@footfall/browser', '@footfall/collector', '@footfall/report', '@footfall/cli'];
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** npm's environment minus what `npm test` sets for this workspace (workspace, prefix, package fields). */
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') || ['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'].includes(k)),
);
const npm = (cwd: string, ...args: string[]) => run('npm', args, { cwd, env: npmEnv, maxBuffer: 64 << 20 });
const node = (cwd: string, ...args: string[]) => run(process.execPath, args, { cwd, maxBuffer: 64 << 20 });
const tsc = (cwd: string) => run(process.execPath, [TSC, '-p', cwd], { cwd }).then(() => '', (e: { stdout?: string }) => e.stdout || String(e));

/** A strict consumer; `skipLibCheck` stays off so every installed .d.ts is checked. */
const tsconfig = (files: string[], types: string[]) => ({
  compilerOptions: {
    strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'], types,
  },
  files,
});

/** Uses one thing of each package; the `@ts-expect-error` lines prove the types are real, not `any`. */
const consumer = (ext: 'ts' | 'cts') => `
import { analyze, createFunnel, FootfallError, type FootfallEvent } from '@footfall/core';
import { DEMO_FRICTION, generateDemo, readEvents, type ReadEventsOptions } from '@footfall/node';
import { generateDemo as demoAnywhere } from '@footfall/node/demo';
import { init, track, type FootfallOptions } from '@footfall/browser';
import { createCollectorApp, openStore, type Store } from '@footfall/collector';
import { renderReport } from '@footfall/report';
import { main } from '@footfall/cli';

const events: FootfallEvent[] = [...generateDemo({ events: 10, seed: 1 }), ...demoAnywhere({ events: 1 })];
const funnel = analyze(events, createFunnel({ steps: ['page:/', 'cart:purchase'] }));
export const first: number = funnel.steps[0].count;
export const page: string = DEMO_FRICTION.paymentLcp.page;
export const options: ReadEventsOptions = { strict: true };
export const sdk: FootfallOptions = { writeKey: 'site' };
// @ts-expect-error steps are strings
createFunnel({ steps: [1] });
// @ts-expect-error readEvents takes paths
readEvents(42);
export { init, track, createCollectorApp, openStore, renderReport, main, FootfallError };
export type { Store };
${ext === 'cts' ? 'export const cjs = typeof require;' : ''}
`;

let dir: string;
let app: string;
let sdkOnly: string;
let packed: { name: string; files: { path: string }[] }[];
let serve: ChildProcess | undefined;
/** The two type checks, started as soon as the installs finish (they are the slow part). */
let typeChecks: { app: Promise<string>; sdkOnly: Promise<string> };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-packed-'));
  app = join(dir, 'app');
  sdkOnly = join(dir, 'sdk-only');
  const { stdout } = await npm(root, 'pack', '--json', '--pack-destination', dir, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`]));
  packed = JSON.parse(stdout) as typeof packed;
  const tarball = (p: string) => join(dir, `footfall-${p}-0.1.0.tgz`);
  const install = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'];
  const projects = [
    { at: app, types: ['node'], files: { 'consumer.ts': consumer('ts'), 'consumer-cjs.cts': consumer('cts') } },
    // a browser app: no Node types, only the SDK
    { at: sdkOnly, types: [], files: { 'consumer.ts': "import { init, cart, type FootfallOptions } from '@footfall/browser';\nexport const o: FootfallOptions = {};\nexport { init, cart };\n" } },
  ];
  for (const { at, types, files } of projects) {
    mkdirSync(at);
    writeFileSync(join(at, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(at, 'tsconfig.json'), JSON.stringify(tsconfig(Object.keys(files), types)));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(at, name), text);
  }
  await Promise.all([
    npm(app, ...install, ...PACKAGES.map(tarball), `@types/node@${rootManifest.devDependencies['@types/node']}`),
    npm(sdkOnly, ...install, tarball('browser')),
  ]);
  typeChecks = { app: tsc(app), sdkOnly: tsc(sdkOnly) };
}, 180_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    serve.kill('SIGTERM');
    await new Promise((r) => serve!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('packed tarballs installed outside the workspace', () => {
  it('ship only built files, the bin, README and manifest: no sources, no tests, no test helpers', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@footfall/${p}`).sort());
    const stray = packed.flatMap((p) => p.files.map((f) => `${p.name}/${f.path}`)).filter((f) => !/^@footfall\/[a-z]+\/(dist\/|bin\/footfall\.js$|README\.md$|package\.json$)/.test(f) || /test|fixture|\.map$/i.test(f));
    expect(stray).toEqual([]);
    const cli = packed.find((p) => p.name === '@footfall/cli')!.files.map((f) => f.path);
    expect(cli).toContain('dist/shop/product.html');
  });

  it('import as ESM and require as CJS, every entry, with the same named exports, from the installed copy', async () => {
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const out = {};
      for (const spec of ${JSON.stringify(ENTRIES)}) {
        const esm = Object.keys(await import(spec)).filter((k) => k !== 'default').sort();
        const cjs = Object.keys(require(spec)).filter((k) => k !== 'default' && k !== '__esModule').sort();
        out[spec] = { esm, cjs, from: require.resolve(spec) };
      }
      console.log(JSON.stringify(out));`;
    const { stdout } = await node(app, '--input-type=module', '-e', script);
    const found = JSON.parse(stdout) as Record<string, { esm: string[]; cjs: string[]; from: string }>;
    for (const spec of ENTRIES) {
      expect(found[spec].esm.length, spec).toBeGreaterThan(0);
      expect(found[spec].cjs, spec).toEqual(found[spec].esm);
      expect(found[spec].from.startsWith(join(app, 'node_modules')), found[spec].from).toBe(true);
    }
    expect(found['@footfall/node'].esm).toEqual([
      'CSV_KINDS', 'DEMO_FRICTION', 'DEMO_SOURCES', 'analyzeFiles', 'checkCsvMapping', 'createServerTracker', 'generateDemo', 'importCsv', 'importId', 'importSegment', 'parseTimeCell', 'readEvents', 'segmentToEvents',
    ]);
  });

  it('run `footfall demo` and `footfall funnel` from the installed bin, agreeing with the installed core', async () => {
    const bin = join(app, 'node_modules', '.bin', 'footfall');
    await run(bin, ['demo', '--events', '3000', '--seed', '5', '--out', 'demo.ndjson'], { cwd: app });
    const lines = readFileSync(join(app, 'demo.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3000);
    const steps = ['page:/', 'page:/product/*', 'cart:purchase'];
    const { stdout } = await run(bin, ['funnel', 'demo.ndjson', ...steps.flatMap((s) => ['--step', s]), '--json'], { cwd: app });
    const cli = JSON.parse(stdout) as { steps: { step: string; count: number }[] };
    const { stdout: direct } = await node(app, '--input-type=module', '-e', `
      import { analyzeStream, createFunnel } from '@footfall/core';
      import { readEvents } from '@footfall/node';
      const funnel = createFunnel({ steps: ${JSON.stringify(steps)} });
      await analyzeStream(readEvents('demo.ndjson'), [funnel]);
      console.log(JSON.stringify(funnel.result().steps.map((s) => s.count)));`);
    expect(cli.steps.map((s) => s.step)).toEqual(steps);
    expect(cli.steps[0].count).toBeGreaterThan(0);
    expect(cli.steps.map((s) => s.count)).toEqual(JSON.parse(direct));
  });

  it('run `footfall serve` from the installed bin: dashboard, SDK and demo shop come from the installed packages', async () => {
    const bin = join(app, 'node_modules', '.bin', 'footfall');
    serve = spawn(bin, ['serve', '--port', '0', '--store', `duckdb:${join(dir, 'serve.duckdb')}`, '--read-token', 'tok'], { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const url = await new Promise<string>((resolve, reject) => {
      serve!.stdout!.on('data', (d: Buffer) => {
        printed += d.toString();
        const m = /listening on (\S+)/.exec(printed);
        if (m && printed.includes('write keys')) resolve(m[1]);
      });
      serve!.stderr!.on('data', (d: Buffer) => (printed += d.toString()));
      serve!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${printed}`)));
    });
    expect(printed).not.toMatch(/not built|no demo shop/);

    const dashboard = await fetch(`${url}/?token=tok`);
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain('<title>Footfall</title>');
    expect(html).toContain('id="footfall-boot"'); // the dashboard client, inlined from the installed @footfall/report

    // the installed collector stores a batch and the query API the dashboard reads answers from it
    const now = Date.now();
    const events = ['/', '/product/blue-mug'].map((path, i) => ({
      id: `packed-${i}`, type: 'page', ts: now - 1000 + i, anonymousId: 'packed-visitor', sessionId: 'packed-session', url: `https://shop.test${path}`,
    }));
    const batch = await fetch(`${url}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ v: 1, sentAt: now, writeKey: 'site', events }) });
    expect(await batch.json()).toMatchObject({ accepted: 2, rejected: [] });
    const kpis = (await (await fetch(`${url}/v1/kpis`, { headers: { authorization: 'Bearer tok' } })).json()) as { sessions: number; persons: number; pagesPerSession: number };
    expect([kpis.sessions, kpis.persons, kpis.pagesPerSession]).toEqual([1, 1, 2]);

    const sdk = await fetch(`${url}/sdk/footfall.js`);
    expect(sdk.status).toBe(200);
    expect(sdk.headers.get('content-type')).toMatch(/javascript/);
    expect(await sdk.text()).toBe(readFileSync(join(app, 'node_modules', '@footfall', 'browser', 'dist', 'footfall.js'), 'utf8'));

    const shop = await fetch(`${url}/shop/`);
    expect(shop.status).toBe(200);
    expect(await shop.text()).toBe(readFileSync(join(root, 'examples', 'shop', 'index.html'), 'utf8'));
    const product = await fetch(`${url}/shop/product/blue-mug`, { redirect: 'manual' });
    expect(product.status).toBe(302);
    expect(new URL(product.headers.get('location')!, url).pathname).toBe('/shop/product.html');
  });

  it('type-check in a strict consumer without skipLibCheck, as ESM and as CJS', async () => {
    expect(await typeChecks.app).toBe('');
  });

  it('type-check with only @footfall/browser installed (its types import nothing it does not depend on)', async () => {
    expect(await typeChecks.sdkOnly).toBe('');
  });
});

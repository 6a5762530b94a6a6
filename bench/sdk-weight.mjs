// SDK weight: our script tag and npm build next to the peers' published script-tag builds,
// gzip (level 9) and brotli (quality 11, as size-limit), measured from the installed files.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { buildSync } from 'esbuild';
import { installPeers, peerFile, peerVersion, root } from './lib/peers.mjs';
import { kb, log, ratio, report } from './lib/section.mjs';

installPeers(log);
const ourVersion = JSON.parse(readFileSync(`${root}packages/browser/package.json`, 'utf8')).version;
const measure = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
});
const file = (path) => readFileSync(path);

// Ours: the script tag, the npm build size-limit budgets (autocapture off, tree-shaken) and
// the whole npm entry (every autocapture piece) minified, as a bundler would ship it.
const npmAll = buildSync({ entryPoints: [`${root}packages/browser/dist/index.js`], bundle: true, minify: true, format: 'esm', write: false }).outputFiles[0].contents;
const ours = [
  { sdk: 'Footfall script tag (all autocapture)', where: 'packages/browser/dist/footfall.js', version: ourVersion, ...measure(file(`${root}packages/browser/dist/footfall.js`)) },
  { sdk: 'Footfall npm, autocapture off', where: 'packages/browser/dist/size/npm-core.js (size-limit entry)', version: ourVersion, ...measure(file(`${root}packages/browser/dist/size/npm-core.js`)) },
  { sdk: 'Footfall npm, everything', where: 'packages/browser/dist/index.js, bundled + minified by esbuild', version: ourVersion, ...measure(npmAll) },
];
const peer = (sdk, pkg, path, note) => ({ sdk, where: `${pkg}/${path}`, version: peerVersion(pkg), note, ...measure(file(peerFile(pkg, path))) });
const snowplowTracker = file(peerFile('@snowplow/browser-tracker', 'dist/index.umd.min.js'));
const snowplowClicks = file(peerFile('@snowplow/browser-plugin-button-click-tracking', 'dist/index.umd.min.js'));
const peers = [
  peer('PostHog', 'posthog-js', 'dist/array.js', 'loads more on demand (web vitals, recorder, surveys)'),
  peer('Segment Analytics.js', '@segment/analytics-next', 'dist/umd/standalone.js', 'loads destination and plugin chunks on demand'),
  peer('Snowplow', '@snowplow/browser-tracker', 'dist/index.umd.min.js', 'no click autocapture in the tracker'),
  { sdk: 'Snowplow + button-click plugin', where: '@snowplow/browser-tracker + @snowplow/browser-plugin-button-click-tracking UMD builds, concatenated', version: peerVersion('@snowplow/browser-tracker'), ...measure(Buffer.concat([snowplowTracker, snowplowClicks])) },
  peer('Amplitude', '@amplitude/analytics-browser', 'lib/scripts/amplitude-min.js', 'the script-tag build, autocapture included'),
  peer('Plausible', '@plausible-analytics/tracker', 'plausible.js', 'official npm tracker (ESM; the CDN script is built from the same source)'),
];
const [tag, npm] = ours;
const row = (s) => [s.sdk, `\`${s.where}\``, s.version, kb(s.raw), kb(s.gzip), kb(s.brotli), ratio(s.brotli, tag.brotli), ratio(s.brotli, npm.brotli)];
for (const s of [...ours, ...peers]) log(`${s.sdk.padEnd(40)} ${kb(s.brotli).padStart(10)} brotli`);

const smaller = peers.filter((p) => p.brotli < tag.brotli);
report({
  title: 'SDK weight',
  intro: 'Bytes a page downloads for the SDK: gzip level 9 and brotli quality 11 (as size-limit measures), from the files each package publishes (bench/peers, pinned versions). Ratio = that SDK\'s brotli size / ours.',
  tables: [{
    columns: ['SDK', 'file', 'version', 'raw', 'gzip', 'brotli', '× our script tag', '× our npm build (autocapture off)'],
    rows: [...ours, ...peers].map(row),
    notes: [peers.filter((p) => p.note).map((p) => `${p.sdk}: ${p.note}.`).join(' ')],
  }],
  notes: [smaller.length ? `Smaller than our script tag: ${smaller.map((p) => `${p.sdk} (${kb(p.brotli)})`).join(', ')}.` : 'Our script tag is the smallest of these builds.'],
  headline: {
    'SDK script tag vs peers\' script builds (brotli)': `${kb(tag.brotli)}; ${peers.filter((p) => !p.sdk.includes('+')).map((p) => `${p.sdk} ${kb(p.brotli)}`).join(', ')}`,
  },
  targets: [{ target: 'Script tag with autocapture on ≤ 6 KB brotli (issue 12)', met: tag.brotli <= 6000, figure: kb(tag.brotli) }],
});

// Kept directly in `src/` so that `../dist/` points at the built bundle both from the
// sources (tests) and from `dist/index.js` (run time).
import { readFileSync } from 'node:fs';
import { FootfallError } from '@footfall/core';

let cached: string | undefined;

/** The minified dashboard client (ECharts included), built by `rollup.extra.mjs` into `dist/client.js`. */
export function clientBundle(): string {
  if (cached !== undefined) return cached;
  const url = new URL('../dist/client.js', import.meta.url);
  try {
    cached = readFileSync(url, 'utf8');
  } catch (cause) {
    throw new FootfallError('INPUT_UNREADABLE', `The dashboard bundle ${url.pathname} is missing: run \`npm run build\` first.`, { cause });
  }
  return cached;
}

// Runs every bench/*.mjs (except this file) one after the other, in name order, so each
// area can add its own benchmark file. `npm run bench` builds first, then runs this;
// `npm run bench -- collector core` runs only the files whose names contain those words.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && (!only.length || only.some((word) => f.includes(word))))
  .sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== bench/${file} ===\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  process.stdout.write(`=== bench/${file}: ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`);
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;

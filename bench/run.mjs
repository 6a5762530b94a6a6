// Runs every bench/*.mjs (except this file) one after the other, in name order, so each
// area can add its own benchmark file. `npm run bench` builds first, then runs this.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'run.mjs').sort();
let failed = 0;
for (const file of files) {
  process.stdout.write(`\n=== bench/${file} ===\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, file)], { stdio: 'inherit' });
  process.stdout.write(`=== bench/${file}: ${run.status === 0 ? 'ok' : `exit ${run.status ?? run.signal}`} in ${((Date.now() - started) / 1000).toFixed(1)} s ===\n`);
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;

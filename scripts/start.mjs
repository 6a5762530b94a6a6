// `npm start` (after `npm run build`): seeds ./footfall.duckdb with the demo shop on first
// run, then runs `footfall serve` on port 8787 (PORT to change) and prints its URLs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStore } from '@footfall/collector';
import { main } from '@footfall/cli';

const file = resolve(process.env.FOOTFALL_DB ?? 'footfall.duckdb');
const port = process.env.PORT ?? '8787';

if (!existsSync(file)) {
  const { generateDemo } = await import('@footfall/node');
  const store = await openStore(`duckdb:${file}`);
  let batch = [];
  let count = 0;
  for (const event of generateDemo({ events: 100_000 })) {
    batch.push({ ...event, writeKey: 'demo', receivedAt: event.ts, clientTs: event.ts });
    if (batch.length === 5_000) {
      await store.append(batch);
      count += batch.length;
      batch = [];
    }
  }
  await store.append(batch);
  count += batch.length;
  await store.close();
  console.log(`footfall: seeded ${file} with ${count} demo events (delete the file to seed again)`);
}

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env };
process.exitCode = await main(['serve', '--port', port, '--store', `duckdb:${file}`, ...process.argv.slice(2)], io);

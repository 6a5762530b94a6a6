import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { generateDemo } from '@footfall/node';
import { printJson, InputError, UsageError, type Command, type Io } from '../command.js';

const help = `Usage: footfall demo [--events N] [--seed S] [--out FILE] [--no-friction] [--no-sources] [--json]

Writes a realistic synthetic shop event log as NDJSON, in time order: home,
category, product, cart, checkout and confirmation pages; channels from UTM tags
and referrers; phones, tablets and desktops; return visits, logins, cart adds and
removes, purchases in EUR; clicks, scrolls and web vitals; and the shop's other
sources: the backend's copy of each order, newsletter sends, opens and clicks,
support tickets, reviews and daily ad statistics. Five problems are planted: a
slow payment page on phones (poor LCP halves their conversion), a shipping submit
button that draws rage clicks, an ad campaign (rain_gear_launch) with the highest
CTR whose visitors almost never buy, support tickets after /cart, and a product
(down-parka) viewed a lot, rarely bought and rated low. The same seed gives the
same file.

--events N      number of events (default 10000)
--seed S        seed of the random sequence (default 1)
--out FILE      where to write (default stdout)
--no-friction   the same shop without the planted problems
--no-sources    only the browser's events
--json          print { "events": N, "out": FILE } when done (needs --out)

Example:
  footfall demo --events 100000 --seed 7 --out shop.ndjson
`;

const wholeNumber = (value: unknown, flag: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number ≥ 0, got "${String(value)}"`);
  return n;
};

/** Lines per write: large writes keep 1M events well under a minute. */
const LINES_PER_WRITE = 2000;

/**
 * Writes events as NDJSON to `out` in large writes, waiting when the stream asks to drain,
 * and ends `out` when `end` (a file, not stdout).
 * A reader that goes away (EPIPE, e.g. `footfall demo | head`) ends the run quietly; any
 * other write error is an `InputError` naming `label`.
 */
async function writeNdjson(events: Iterable<unknown>, out: NodeJS.WritableStream, label: string, end: boolean): Promise<number> {
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const onError = (e: Error) => {
    failure = e;
    wake?.();
  };
  out.on('error', onError);
  try {
    let count = 0;
    let batch: string[] = [];
    const flush = async () => {
      if (!batch.length || failure) return;
      const ok = out.write(`${batch.join('\n')}\n`);
      batch = [];
      if (!ok && !failure) await new Promise<void>((done) => {
        wake = done;
        out.once('drain', done);
      });
    };
    for (const event of events) {
      if (failure) break;
      batch.push(JSON.stringify(event));
      count++;
      if (batch.length >= LINES_PER_WRITE) await flush();
    }
    await flush();
    if (!failure && end) await new Promise<void>((done) => { wake = done; out.end(done); });
    if (failure && (failure as NodeJS.ErrnoException).code !== 'EPIPE') throw new InputError(`${label}: cannot write (${failure.message}); check that the destination exists and has space`);
    return count;
  } finally {
    out.off('error', onError);
  }
}

/** `footfall demo`: a seeded synthetic shop event log with planted problems. */
export const demo: Command = {
  name: 'demo',
  summary: 'write a synthetic shop event log (seeded, with planted bottlenecks)',
  help,
  flags: { events: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, 'no-friction': { type: 'boolean' }, 'no-sources': { type: 'boolean' } },
  async run(args, io: Io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const events = wholeNumber(args.values.events, '--events', 10_000);
    const seed = wholeNumber(args.values.seed, '--seed', 1);
    const out = typeof args.values.out === 'string' ? args.values.out : undefined;
    if (args.values.json && out === undefined) throw new UsageError('--json prints a summary on stdout, so it needs --out FILE for the events');
    const generated = generateDemo({ events, seed, friction: args.values['no-friction'] !== true, sources: args.values['no-sources'] !== true });
    const count = out === undefined ? await writeNdjson(generated, io.stdout, 'stdout', false) : await writeNdjson(generated, createWriteStream(resolve(io.cwd, out)), out, true);
    if (args.values.json) printJson(io, { events: count, out });
    else if (out !== undefined) io.stderr.write(`footfall demo: wrote ${count.toLocaleString('en-US')} events to ${out}\n`);
    return 0;
  },
};

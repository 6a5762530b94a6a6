import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { FootfallError, type FootfallEvent } from '@footfall/core';
import type { Store } from '@footfall/collector';
import { checkCsvMapping, importCsv, importSegment, type ImportRecord } from '@footfall/node';
import { InputError, UsageError, type Command } from '../command.js';

const help = `Usage: footfall import FILE --from segment|csv [--map MAP.json] (--out FILE.ndjson | --store SPEC [--write-key K]) [--progress] [--json]

Converts another source's export to Footfall events, validates each like any event and
writes them as NDJSON or into a store. A bad line or row is reported on stderr with its
line number and why, and the rest is imported (exit code 0; 2 when nothing could be read).
Ids come from the source's own ids or from the record's content, so importing the same
file twice stores nothing twice. See docs/integration.md.

FILE              the export (- for stdin)
--from segment    Segment / RudderStack messages, one JSON object per line
--from csv        a CSV with a header row; --map says which column is what
--map MAP.json    the CSV mapping: { "kind": "orders|email|ticket|review|adstats", "columns": {…} }
--out FILE        write NDJSON here (the same input gives a byte-identical file)
--store SPEC      append to duckdb:PATH or clickhouse:URL instead
--write-key K     with --store: the site the events belong to, as if sent with write key K
                  (the query API's writeKey= filter finds them); default none
--progress        report progress on stderr (default when stderr is a terminal)
--json            print { "records", "events", "errors", "skipped" } when done

Example:
  footfall import segment-export.ndjson --from segment --out events.ndjson
  footfall import orders.csv --from csv --map orders.map.json --store duckdb:./footfall.duckdb
`;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
/** Events per store append: large enough to amortise a commit, small enough to bound memory. */
const STORE_BATCH = 2000;

/** `footfall import`: Segment and CSV exports to Footfall events. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import a Segment/RudderStack export or a CSV (orders, emails, tickets, reviews, ad stats)',
  help,
  flags: {
    from: { type: 'string' },
    map: { type: 'string' },
    out: { type: 'string' },
    store: { type: 'string' },
    'write-key': { type: 'string' },
    progress: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const file = args.positionals[0];
    if (!file || args.positionals.length > 1) throw new UsageError('footfall import needs exactly one FILE (or - for stdin)');
    const from = text(args.values.from);
    if (from !== 'segment' && from !== 'csv') throw new UsageError(`--from must be segment or csv, got ${JSON.stringify(args.values.from ?? '')}`);
    const out = text(args.values.out);
    const storeSpec = text(args.values.store);
    if ((out === undefined) === (storeSpec === undefined)) throw new UsageError('give exactly one of --out FILE.ndjson or --store SPEC');
    if (storeSpec !== undefined && !/^(duckdb|clickhouse|memory):/.test(storeSpec)) throw new UsageError(`--store must be duckdb:PATH or clickhouse:URL, got "${storeSpec}"`);
    const writeKey = text(args.values['write-key']);
    if (writeKey !== undefined && storeSpec === undefined) throw new UsageError('--write-key goes with --store (an NDJSON file has no site)');
    const mapFile = text(args.values.map);
    if (from === 'csv' && !mapFile) throw new UsageError('--from csv needs --map MAP.json (docs/integration.md#csv)');
    if (from === 'segment' && mapFile) throw new UsageError('--map is for --from csv only');

    let mapping;
    if (mapFile) {
      try {
        mapping = checkCsvMapping(JSON.parse(readFileSync(resolve(io.cwd, mapFile), 'utf8')) as unknown);
      } catch (error) {
        if (error instanceof FootfallError) throw new UsageError(`${mapFile}: ${error.message}`);
        throw new InputError(`cannot read the mapping ${mapFile}: ${(error as Error).message}`);
      }
    }
    const path = file === '-' ? undefined : resolve(io.cwd, file);
    let size = 0;
    try {
      if (path) size = statSync(path).size;
    } catch (error) {
      throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const input = path ? createReadStream(path) : (io.stdin as NodeJS.ReadableStream);
    const records: AsyncIterable<ImportRecord> = mapping ? importCsv(input, mapping) : importSegment(input);

    let store: Store | undefined;
    if (storeSpec) {
      const spec = storeSpec.startsWith('duckdb:') ? `duckdb:${resolve(io.cwd, storeSpec.slice(7) || 'footfall.duckdb')}` : storeSpec;
      try {
        const { openStore } = await import('@footfall/collector');
        store = await openStore(spec);
      } catch (error) {
        throw new InputError(`cannot open ${storeSpec}: ${(error as Error).message}`);
      }
    }
    const writer = out ? createWriteStream(resolve(io.cwd, out)) : undefined;
    const showProgress = args.values.progress === true || io.stderr.isTTY === true;
    const counts = { records: 0, events: 0, errors: 0, skipped: 0 };
    let line = 0;
    let lastLine = 0;
    let pending: FootfallEvent[] = [];
    let lastReport = Date.now();
    const flush = async () => {
      if (writer && pending.length) {
        if (!writer.write(pending.map((e) => `${JSON.stringify(e)}\n`).join(''))) await once(writer, 'drain');
      } else if (store && pending.length) {
        await store.append(writeKey === undefined ? pending : pending.map((e) => ({ ...e, writeKey })));
      }
      pending = [];
    };
    try {
      for await (const r of records) {
        line = r.line;
        // A Segment batch line may give an events record and an error record: one source record.
        if (r.line !== lastLine) counts.records++;
        lastLine = r.line;
        if ('error' in r) {
          counts.errors++;
          io.stderr.write(`footfall: ${file}:${r.line}: ${r.error}\n`);
          continue;
        }
        if (!r.events.length) counts.skipped++;
        if (r.note) io.stderr.write(`footfall: ${file}:${r.line}: ${r.note}\n`);
        counts.events += r.events.length;
        pending.push(...r.events);
        if (pending.length >= STORE_BATCH) await flush();
        if (showProgress && Date.now() - lastReport >= 1000) {
          lastReport = Date.now();
          const done = path && size ? ` (${Math.min(100, Math.round(((input as { bytesRead?: number }).bytesRead ?? 0) / size * 100))} %)` : '';
          io.stderr.write(`footfall import: line ${line}, ${counts.events} events, ${counts.errors} bad${done}\n`);
        }
      }
      await flush();
    } catch (error) {
      if (error instanceof FootfallError) throw new UsageError(error.message);
      throw new InputError(`${file}: ${(error as Error).message}`);
    } finally {
      if (writer) {
        writer.end();
        await once(writer, 'close');
      }
      await store?.close();
    }
    if (showProgress) io.stderr.write(`footfall import: done, ${counts.events} events from ${counts.records} records, ${counts.errors} bad\n`);
    if (args.values.json === true) io.stdout.write(`${JSON.stringify(counts)}\n`);
    return counts.events === 0 && counts.errors > 0 ? 2 : 0;
  },
};

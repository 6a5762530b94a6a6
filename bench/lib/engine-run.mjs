// One engine, one analyzer, one file, in this process: `node bench/lib/engine-run.mjs
// duckdb|chdb|node-parse ANALYZER FILE`. Loads the NDJSON into an in-memory table, runs the analyzer's
// SQL (bench/lib/sql.mjs) and prints its rows as JSON: what a developer who picks DuckDB or
// chDB instead of Footfall would run. bench/core-vs-duckdb.mjs times it as a whole process.
import { createRequire } from 'node:module';
import { chLoad, chSql, duckLoad, duckSql } from './sql.mjs';
import { peersDir } from './peers.mjs';

const [engine, analyzer, file] = process.argv.slice(2);
const plain = (v) => (typeof v === 'bigint' ? Number(v) : v);
let rows;
if (engine === 'duckdb') {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(duckLoad(file));
  rows = (await conn.runAndReadAll(duckSql[analyzer])).getRows().map((r) => r.map(plain));
  conn.closeSync?.();
} else if (engine === 'chdb') {
  const { Session } = createRequire(`${peersDir}package.json`)('chdb');
  const session = new Session();
  session.query(chLoad(file));
  rows = JSON.parse(session.query(chSql[analyzer], 'JSONCompact')).data;
  session.cleanup?.();
} else if (engine === 'node-parse') {
  // The floor of any JavaScript reader: read the file and JSON.parse every line, one thread,
  // nothing else (no validation, identity, sessions or analysis). Prints the lines parsed.
  const { createReadStream } = await import('node:fs');
  let parsed = 0;
  let carry = Buffer.alloc(0);
  const parse = (b, from, to) => {
    if (to > from) JSON.parse(b.toString('utf8', from, to)), parsed++;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, start)) parse(b, start, i), (start = i + 1);
    carry = b.subarray(start);
  }
  parse(carry, 0, carry.length);
  rows = [[parsed]];
} else throw new Error(`unknown engine ${engine}: duckdb, chdb or node-parse`);
process.stdout.write(`${JSON.stringify(rows)}\n`);

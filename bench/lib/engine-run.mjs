// One engine, one analyzer, one file, in this process: `node bench/lib/engine-run.mjs
// duckdb|chdb ANALYZER FILE`. Loads the NDJSON into an in-memory table, runs the analyzer's
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
} else throw new Error(`unknown engine ${engine}: duckdb or chdb`);
process.stdout.write(`${JSON.stringify(rows)}\n`);

import { FootfallError } from '@footfall/core';
import { createClickHouseStore } from './clickhouse.js';
import { createDuckDbStore } from './duckdb.js';
import { createMemoryStore } from './memory.js';
import type { Store } from './store.js';

/**
 * Opens a store from its spec: `duckdb:PATH` (the default file store), `clickhouse:URL`
 * (`clickhouse:http://127.0.0.1:8123`, optionally `#table`), or `memory:`.
 *
 * @example
 * ```ts
 * const store = await openStore('duckdb:./footfall.duckdb');
 * for await (const e of store.scan()) console.log(e.id);
 * await store.close();
 * ```
 */
export async function openStore(spec: string): Promise<Store> {
  const i = spec.indexOf(':');
  const kind = i < 0 ? spec : spec.slice(0, i);
  const rest = i < 0 ? '' : spec.slice(i + 1);
  switch (kind) {
    case 'duckdb':
      return createDuckDbStore({ path: rest || './footfall.duckdb' });
    case 'clickhouse': {
      const [url, table] = rest.split('#');
      return createClickHouseStore({ url: url || undefined, table: table || undefined });
    }
    case 'memory':
      return createMemoryStore();
    default:
      throw new FootfallError('INVALID_OPTION', `unknown store "${spec}": use duckdb:PATH, clickhouse:URL or memory:`);
  }
}

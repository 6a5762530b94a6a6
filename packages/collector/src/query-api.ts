import { FootfallError, parseAnalysisOptions } from '@footfall/core';
import type { ClickHouseStore } from './clickhouse.js';
import { errorResponse } from './http-error.js';
import { queryFilter } from './query-filter.js';
import { createQueryAnalyzer, QUERY_NAMES, type QueryName } from './query-params.js';
import { personIds } from './person-ids.js';
import { hasReadToken } from './read-token.js';
import { runQuery, type RunQueryOptions } from './run-query.js';
import { learnLinks, type Store } from './store.js';

/** Options of the query API. */
export interface QueryApiOptions extends RunQueryOptions {
  store: Store;
  /** The read token every query must carry as `Authorization: Bearer <token>`. */
  readToken: string;
}

const USAGE_CODES = new Set(['INVALID_OPTION', 'INVALID_STEP']);

/**
 * The query API: `GET /v1/{funnel,paths,pages,heatmap,bottlenecks,kpis,attribution}` with
 * the CLI's options as query parameters (`step` repeated, `window=14d`, …) plus `from`,
 * `to` (ms) and `writeKey`; answers the CLI's `--json` document. 401 without the read
 * token, 400 for bad options, 404 for an unknown query. `channel` and `device` keep whole
 * sessions by entry channel and first event's device, in every query. `engine=store` asks a
 * ClickHouse store to answer the default-mode funnel (`windowFunnel`) or page views (GROUP BY)
 * itself; with a `channel` or `device` filter the core answers instead (same numbers as without `engine`).
 *
 * @example
 * ```ts
 * const query = createQueryApi({ store, readToken: 'secret' });
 * const res = await query(new Request('http://x/v1/kpis', { headers: { authorization: 'Bearer secret' } }));
 * ```
 */
export function createQueryApi(options: QueryApiOptions): (request: Request) => Promise<Response> {
  const { store, readToken } = options;
  return async (request) => {
    const url = new URL(request.url);
    const name = url.pathname.replace(/^\/v1\//, '') as QueryName;
    try {
      if (!QUERY_NAMES.includes(name)) {
        return errorResponse(404, new FootfallError('INVALID_OPTION', `no query named "${name}": use one of ${QUERY_NAMES.join(', ')}`));
      }
      if (!hasReadToken(request, readToken)) {
        return errorResponse(401, new FootfallError('UNAUTHORIZED', 'the query API needs the read token: send Authorization: Bearer <FOOTFALL_READ_TOKEN>'), { 'www-authenticate': 'Bearer' });
      }
      const p = new URLSearchParams(url.searchParams);
      let parsed;
      try {
        parsed = parseQuery(name, p);
      } catch (error) {
        // Every parameter is checked before the store is read: whatever fails here is the request's fault.
        const e = error instanceof FootfallError ? error : new FootfallError('INVALID_OPTION', `a parameter could not be read: ${(error as Error).message}`, { cause: error });
        return errorResponse(400, e);
      }
      const { scan, engine, filter } = parsed;
      const pushdown = store as Partial<ClickHouseStore>;
      const filtered = filter.channel !== undefined || filter.device !== undefined;
      if (engine === 'store' && !filtered && name === 'funnel' && pushdown.funnel) {
        const { steps, windowMs } = parseAnalysisOptions('funnel', (option) => p.getAll(option));
        const links = await learnLinks(store, scan);
        return Response.json(await pushdown.funnel({ steps, windowMs, ...scan, links }));
      }
      if (engine === 'store' && !filtered && name === 'pages' && pushdown.pageViews) return Response.json(await pushdown.pageViews(scan));
      // A profile is read by the stitched person's key, whichever of their ids was asked for (docs/collector.md).
      if (name === 'person') p.set('id', (await personIds(store, p.get('id') ?? '')).person);
      return Response.json(await runQuery(store, { name, params: p.toString(), scan }, options));
    } catch (error) {
      const e = error instanceof FootfallError ? error : new FootfallError('STORE_FAILED', `the query failed: ${(error as Error).message}`, { cause: error });
      return errorResponse(USAGE_CODES.has(e.code) ? 400 : e.code === 'UNAUTHORIZED' ? 401 : 500, e);
    }
  };
}

/** The largest `from`/`to` taken: ms that every store holds (2^53 − 1). */
const MAX_MS = Number.MAX_SAFE_INTEGER;

/**
 * Reads and checks every parameter of a query (the analyzer is built once to check its
 * options); throws on the first one it cannot use, which the API answers 400.
 */
function parseQuery(name: QueryName, p: URLSearchParams) {
  const num = (key: string) => {
    const v = p.get(key);
    p.delete(key);
    if (v === null || v === '') return undefined;
    if (!/^\d{1,16}$/.test(v) || Number(v) > MAX_MS) throw new FootfallError('INVALID_OPTION', `${key}=${v.slice(0, 40)} is not ms since the epoch: pass a whole number up to ${MAX_MS}`);
    return Number(v);
  };
  const scan = { from: num('from'), to: num('to'), writeKey: p.get('writeKey') ?? undefined };
  const engine = p.get('engine');
  for (const k of ['writeKey', 'engine', 'token']) p.delete(k);
  const filter = queryFilter(p);
  createQueryAnalyzer(name, new URLSearchParams(p));
  return { scan, engine, filter };
}

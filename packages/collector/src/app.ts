import { FootfallError } from '@footfall/core';
import { createForgetApi } from './forget-api.js';
import { createBatchHandler, type BatchHandlerOptions } from './handle-batch.js';
import { errorResponse } from './http-error.js';
import { withSecurityHeaders, type AnswerKind } from './security-headers.js';
import { createLiveStream, type LiveStream } from './live.js';
import { createPersonApi } from './person-api.js';
import { createModelApi, type ModelApiOptions } from './model-api.js';
import { createQueryApi } from './query-api.js';
import { hasReadToken } from './read-token.js';
import { createRecentIds } from './recent-ids.js';
import type { RunQueryOptions } from './run-query.js';

/** Options of the whole collector app. */
export interface CollectorAppOptions extends BatchHandlerOptions, RunQueryOptions {
  /** Read token of the query API, the live stream and the dashboard's data. */
  readToken: string;
  /** Renders the dashboard page served at `/`. @default a plain page listing the endpoints */
  dashboard?: (options: { apiBase: string; token?: string; title?: string; siteBase?: string }) => string;
  /**
   * Where the tracked site's pages are served from this origin (e.g. `'/shop'`), handed to the
   * dashboard so heatmaps draw over the page itself.
   * @default undefined (heatmaps over a blank page)
   */
  siteBase?: string;
  /**
   * Token of `DELETE /v1/persons/:id` (erasure); must differ from the read token. Unset turns
   * erasure over HTTP off (403). @default undefined
   */
  adminToken?: string;
  /** How `GET /v1/model` fits the site model of the SDK's journey extra (docs/collector.md#get-v1model). @default the default funnel, conversion `cart:purchase`, 30 days */
  model?: ModelApiOptions;
  /** Serves other paths (the SDK build, the example shop); `undefined` means 404. @default none */
  assets?: (request: Request) => Promise<Response | undefined>;
}

/** The collector app: a Fetch-API handler plus its live stream. */
export interface CollectorApp {
  fetch(request: Request): Promise<Response>;
  /** The batch handler alone (`POST /v1/batch`). */
  handleBatch(request: Request): Promise<Response>;
  live: LiveStream;
}

/**
 * The whole collector on the Fetch API: `POST /v1/batch`, the query API (`GET /v1/<query>`),
 * `GET /v1/live` (SSE), `GET /v1/stats`, `GET /v1/model` (public), `GET /v1/persons/:id` (a profile), `DELETE /v1/persons/:id` (erasure, admin token), the dashboard at `/` and any assets. Serve it with
 * `serveNode(app.fetch)` or any Fetch-API runtime.
 *
 * @example
 * ```ts
 * const app = createCollectorApp({ store: await openStore('duckdb:./footfall.duckdb'), readToken: 'secret' });
 * await serveNode(app.fetch, { port: 8787 });
 * ```
 */
export function createCollectorApp(options: CollectorAppOptions): CollectorApp {
  const live = createLiveStream();
  const onStored = options.onStored;
  if (options.adminToken !== undefined && options.adminToken === options.readToken) {
    throw new FootfallError('INVALID_OPTION', 'the admin token equals the read token: pick a different FOOTFALL_ADMIN_TOKEN, since whoever reads must not be able to erase');
  }
  const recentIds = typeof options.recentIds === 'object' ? options.recentIds : createRecentIds(options.recentIds ?? 200_000);
  const forget = createForgetApi({ ...options, onForget: (result) => recentIds.delete(result.eventIds) });
  const handleBatch = createBatchHandler({
    ...options,
    recentIds,
    onStored: (events) => {
      live.publish(events);
      onStored?.(events);
    },
  });
  const query = createQueryApi(options);
  const profile = createPersonApi(query);
  const model = createModelApi(options.store, options.model);
  const unauthorized = () =>
    errorResponse(401, new FootfallError('UNAUTHORIZED', 'this endpoint needs the read token: send Authorization: Bearer <token> (or ?token= for EventSource)'), { 'www-authenticate': 'Bearer' });

  /** What answered, for the security headers (docs/collector.md, "Limits and hardening"). */
  const route = async (request: Request): Promise<{ response: Response; kind: AnswerKind; html?: string }> => {
    const { pathname, searchParams } = new URL(request.url);
    const api = (response: Response) => ({ response, kind: 'api' as const });
    if (pathname === '/v1/batch') return api(await handleBatch(request));
    if (pathname.startsWith('/v1/persons/') && request.method === 'DELETE') return api(await forget(request));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return api(errorResponse(405, new FootfallError('INVALID_OPTION', `${request.method} ${pathname} is not served: only POST /v1/batch and DELETE /v1/persons/:id take other methods than GET`)));
    }
    if (pathname === '/v1/live') return api(hasReadToken(request, options.readToken) ? live.handle(request) : unauthorized());
    if (pathname === '/v1/model') return api(await model(request));
    if (pathname === '/v1/stats') return api(hasReadToken(request, options.readToken) ? Response.json(await options.store.stats()) : unauthorized());
    if (pathname.startsWith('/v1/persons/')) return api(await profile(request));
    if (pathname.startsWith('/v1/')) return api(await query(request));
    if (pathname === '/' || pathname === '/index.html') {
      const given = searchParams.get('token') ?? undefined;
      const token = given !== undefined && hasReadToken(request, options.readToken) ? given : undefined;
      const html = options.dashboard ? options.dashboard({ apiBase: '', token, title: 'Footfall', ...(options.siteBase === undefined ? {} : { siteBase: options.siteBase }) }) : plainPage();
      return { response: new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } }), kind: 'dashboard', html };
    }
    const asset = await options.assets?.(request);
    return asset ? { response: asset, kind: 'asset' } : api(new Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
  };
  const fetch = async (request: Request): Promise<Response> => {
    let answer: { response: Response; kind: AnswerKind; html?: string };
    try {
      answer = await route(request);
    } catch (error) {
      // A bug or a store failure outside the handlers' own catch: 500, logged by the server adapter.
      answer = { response: errorResponse(500, new FootfallError('INTERNAL_ERROR', 'the collector failed on this request; it is logged: retry later', { cause: error })), kind: 'api' };
    }
    return withSecurityHeaders(answer.response, answer.kind, answer.html);
  };
  return { fetch, handleBatch, live };
}

function plainPage(): string {
  const rows = [
    ['POST /v1/batch', 'collect an envelope of events (write key)'],
    ['GET /v1/funnel?step=…&step=…', 'funnel (read token)'],
    ['GET /v1/paths', 'journeys'],
    ['GET /v1/pages', 'pages, vitals, scroll, frustration'],
    ['GET /v1/heatmap?page=/', 'click or scroll heatmap'],
    ['GET /v1/bottlenecks', 'ranked bottlenecks'],
    ['GET /v1/kpis', 'KPIs and stages'],
    ['GET /v1/attribution', 'channel attribution'],
    ['GET /v1/persons?stage=…', 'persons and segments'],
    ['GET /v1/persons/:id', "a person's profile"],
    ['GET /v1/live', 'new events as Server-Sent Events'],
    ['GET /v1/model', 'the site model of the SDK\'s journey extra (public)'],
    ['DELETE /v1/persons/:id', 'erase a person (admin token)'],
    ['GET /sdk/footfall.js', 'the browser SDK'],
    ['GET /shop/', 'the example shop'],
  ];
  return `<!doctype html><meta charset="utf-8"><title>Footfall</title><h1>Footfall collector</h1>
<p>The dashboard is not built in this install. Endpoints:</p><ul>${rows.map(([a, b]) => `<li><code>${a}</code>: ${b}</li>`).join('')}</ul>`;
}

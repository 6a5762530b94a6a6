/**
 * `GET /v1/model`: the site model the browser SDK's journey extra reads (docs/collector.md#get-v1model):
 * a journey model (`createJourneyModel`) fitted on the stored events of the last `windowMs`,
 * the site's main funnel and the stage rules, as JSON versioned by a hash of its content.
 * The fit is cached for `ttlMs` and shared by concurrent requests; it reads at most
 * `maxEvents` events. Answers carry `ETag` (the version) and `Cache-Control`, and
 * `If-None-Match` gets a 304. Public like the SDK (no token), so pages of any origin may read it.
 */
import { createHash } from 'node:crypto';
import { analyzeStream, createJourneyModel, DEFAULT_FUNNEL_STEPS, FootfallError, parseStep, type CleanRule, type SiteModel, type StagesOptions } from '@footfall/core';
import { errorResponse } from './http-error.js';
import type { StoredEvent, Store } from './store.js';

/** Options of `createModelApi` (collector option `model`). */
export interface ModelApiOptions {
  /** The site's main funnel, as step matchers. @default DEFAULT_FUNNEL_STEPS */
  funnel?: readonly string[];
  /** The conversion step of the journey model. @default 'cart:purchase' */
  conversion?: string;
  /** Cleaning rules for journey items, as in `createPaths` (`[glob, replacement]`, e.g. `['/product/*', '/product/*']`). @default [] */
  clean?: readonly CleanRule[];
  /** Stage rules (`createStages` options). @default the core's defaults */
  stages?: StagesOptions;
  /** Events of this long before now are fitted, ms. @default 30 days */
  windowMs?: number;
  /** At most this many events are read per fit (the oldest of the window first). @default 2_000_000 */
  maxEvents?: number;
  /** How long a fit is served before the next request fits again, ms; also `Cache-Control: max-age`. @default 10 minutes */
  ttlMs?: number;
  /** The clock. @default Date.now */
  now?: () => number;
}

/** A fitted model with its answer's body. */
interface Fitted {
  model: SiteModel;
  body: string;
  at: number;
}

/**
 * Creates the `GET /v1/model` handler over `store`. Throws `INVALID_STEP` at once for a bad
 * funnel or conversion step, so a misconfigured collector does not start.
 *
 * @example
 * ```ts
 * const model = createModelApi(store, { funnel: ['page:/', 'cart:add', 'cart:purchase'], clean: [['/product/*', '/product/*']] });
 * const response = await model(new Request('http://x/v1/model'));
 * ```
 */
export function createModelApi(store: Store, options: ModelApiOptions = {}): (request: Request) => Promise<Response> {
  const funnel = [...(options.funnel ?? DEFAULT_FUNNEL_STEPS)].map(String);
  const conversion = options.conversion ?? 'cart:purchase';
  for (const step of [...funnel, conversion]) parseStep(step);
  if (funnel.length === 0) throw new FootfallError('INVALID_OPTION', 'model.funnel is empty: name at least one step, or leave it out for the default funnel');
  const clean = (options.clean ?? []).map(([p, r]) => [String(p), String(r)] as [string, string]);
  const windowMs = positive(options.windowMs, 30 * 86_400_000, 'windowMs');
  const maxEvents = positive(options.maxEvents, 2_000_000, 'maxEvents');
  const ttlMs = positive(options.ttlMs, 600_000, 'ttlMs');
  const now = options.now ?? Date.now;
  let fitted: Fitted | undefined;
  let fitting: Promise<Fitted> | undefined;

  const fit = async (): Promise<Fitted> => {
    const at = now();
    const fitter = createJourneyModel({ conversion, clean });
    const scan = () => capped(store.scan({ from: at - windowMs, to: at }), maxEvents);
    await analyzeStream({ [Symbol.asyncIterator]: () => scan()[Symbol.asyncIterator]() }, [fitter], { deduped: true });
    const content = { journey: fitter.result(), funnel, ...(options.stages ? { stages: options.stages } : {}) };
    const version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
    const model: SiteModel = { version, ...content };
    return { model, body: JSON.stringify(model), at };
  };

  return async (request) => {
    if (!fitted || now() - fitted.at >= ttlMs) {
      fitting ??= fit().finally(() => (fitting = undefined));
      try {
        fitted = await fitting;
      } catch (error) {
        if (!fitted) {
          return errorResponse(503, new FootfallError('STORE_FAILED', 'the journey model could not be fitted because the store failed; it is logged: retry later', { cause: error }), {
            'access-control-allow-origin': '*',
            'retry-after': '60',
          });
        }
        // A failed refit keeps serving the last good model.
      }
    }
    const { model, body, at } = fitted!;
    const headers = {
      'content-type': 'application/json',
      etag: `"${model.version}"`,
      'cache-control': `public, max-age=${Math.max(0, Math.ceil((ttlMs - (now() - at)) / 1000))}`,
      'access-control-allow-origin': '*',
    };
    if (etagMatches(request.headers.get('if-none-match'), model.version)) return new Response(null, { status: 304, headers });
    return new Response(request.method === 'HEAD' ? null : body, { headers });
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) throw new FootfallError('INVALID_OPTION', `model.${name} must be a positive number of ${name === 'maxEvents' ? 'events' : 'ms'}; got ${value}`);
  return value;
}

/** `If-None-Match` names this version (or is `*`). Bounded: a header of at most 64 tags is read. */
function etagMatches(header: string | null, version: string): boolean {
  if (!header) return false;
  return header.split(',', 64).some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === `"${version}"`;
  });
}

/** The first `max` events of `events`. */
async function* capped(events: AsyncIterable<StoredEvent>, max: number): AsyncIterable<StoredEvent> {
  let n = 0;
  for await (const e of events) {
    if (n++ >= max) return;
    yield e;
  }
}

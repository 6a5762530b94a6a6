// The npm journey(): the analysis loads lazily, the model is fetched once, the callback
// follows the events, and without a model it hears so once (docs/sdk.md#journey).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJourneyModel, analyze, type FootfallEvent, type SiteModel } from '@footfall/core';
import { freshDevice, waitFor } from '../test/fakes.js';
import type { Journey } from './journey.js';

const history: FootfallEvent[] = [];
for (let v = 0; v < 10; v++) {
  const e = (n: number, type: string, path: string, extra = {}) => ({ id: `h${v}-${n}`, type, ts: v * 1e7 + n * 1000, anonymousId: `v${v}`, sessionId: `s${v}`, url: `https://shop.test${path}`, ...extra }) as FootfallEvent;
  history.push(e(1, 'page', '/'), e(2, 'cart', '/', { action: 'add' }));
  if (v % 2 === 0) history.push(e(3, 'cart', '/', { action: 'purchase' }));
}
const model: SiteModel = { version: 'v1', journey: analyze(history, createJourneyModel()), funnel: ['page:/', 'cart:add', 'cart:purchase'] };

beforeEach(() => {
  freshDevice();
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

function collector(modelAnswer: () => Response) {
  const fetch = vi.fn(async (url: string) => (String(url).endsWith('/v1/model') ? modelAnswer() : new Response('{}')));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('journey()', () => {
  it('computes the journey from the model and the events, updates on each event, fetches the model once', async () => {
    const fetch = collector(() => Response.json(model));
    const ff = await import('./index.js');
    ff.init({ writeKey: 'k', host: 'https://c.test' });
    const seen: Journey[] = [];
    ff.journey((j) => seen.push(j));
    ff.page();
    await waitFor(() => seen.some((j) => j.model && j.stage === 'awareness'), 'awareness');
    ff.cart.add({ items: [{ id: 'x' }] });
    await waitFor(() => seen.some((j) => j.model && j.stage === 'decision'), 'decision');
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ model: 'v1', stage: 'decision', funnel: { steps: model.funnel, reached: 2 } });
    expect(last.model && last.conversionProbability).toBeCloseTo(0.5, 5);
    expect(fetch.mock.calls.filter(([u]) => String(u) === 'https://c.test/v1/model')).toHaveLength(1);
  });

  it('says once that no model is available when the endpoint fails, and a throwing callback breaks nothing', async () => {
    collector(() => new Response('down', { status: 503 }));
    const ff = await import('./index.js');
    ff.init({ writeKey: 'k', host: 'https://c.test' });
    const seen: Journey[] = [];
    ff.journey((j) => {
      seen.push(j);
      throw new Error('page bug');
    });
    ff.page();
    await waitFor(() => seen.length > 0, 'callback');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([{ model: null, reason: 'no-model' }]);
  });
});

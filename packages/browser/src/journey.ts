/**
 * The journey extra (docs/sdk.md#journey): the visitor's own journey, computed in the page by
 * the core's `visitorJourney` from the recent events this device keeps (recent.ts) and the site model
 * (`GET /v1/model`, fetched once per page, only when asked for, cached by the browser as the
 * collector says). Updated as events are queued, with no request per event; nothing is sent.
 * The script tag loads it as the `journey` chunk; the npm build imports it lazily.
 */
import { visitorJourney, type SiteModel, type VisitorJourney } from '@footfall/core';
import type { ChunkHost } from './lib/chunk.js';
import { keepRecent, readRecent, RECENT_MAX } from './recent.js';
import type { Ev } from './types.js';

/** What the journey callback gets: the journey, or `model: null` when no site model could be had. */
export type Journey = (VisitorJourney & { /** The site model's version. */ model: string }) | { model: null; /** Why there is no journey. */ reason: 'no-model' };

/** No model: what the callback gets when `GET /v1/model` fails or the extra cannot load. */
export const NO_MODEL: Journey = { model: null, reason: 'no-model' };

let model: Promise<SiteModel | null> | undefined;

/** The site model, fetched once per page; `null` when it cannot be had. */
function siteModel(url: string): Promise<SiteModel | null> {
  return (model ||= (async () => {
    try {
      const r = await fetch(url, { credentials: 'omit' });
      const m = r.ok ? ((await r.json()) as SiteModel) : null;
      if (m) visitorJourney(m, []); // throws for what is not a model
      return m;
    } catch {
      return null;
    }
  })());
}

/**
 * Calls `cb` with the visitor's journey once the model is there, then again after every
 * queued event; `cb` gets `{ model: null, reason: 'no-model' }` once when there is no model.
 */
export function startJourney(h: ChunkHost, cb: (j: Journey) => void): void {
  keepRecent(h);
  let events: Ev[] = [];
  let ready: SiteModel | null | undefined;
  const tell = (j: Journey) => {
    try {
      cb(j);
    } catch {
      /* the page's callback: never ours to break */
    }
  };
  const update = () => {
    let j: Journey | undefined;
    try {
      if (ready) j = { ...visitorJourney(ready, events), model: ready.version };
    } catch {
      /* a model the core refuses: as if none */
    }
    if (j) tell(j);
  };
  h.tap((added) => {
    events = events.concat(added).slice(-RECENT_MAX);
    update();
  });
  void (async () => {
    const [kept, m] = await Promise.all([readRecent(h).catch(() => [] as Ev[]), siteModel(h.model)]);
    const seen = new Set(events.map((e) => e.id));
    events = kept.filter((e) => !seen.has(e.id)).concat(events).slice(-RECENT_MAX);
    ready = m;
    if (m) update();
    else tell(NO_MODEL);
  })();
}

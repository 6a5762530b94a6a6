/** Events as they arrive on `/v1/live` (Server-Sent Events; the token goes in `?token=`), for views that update live. */
import type { Ctx } from './context.js';

/** Events from one SSE message: one event, an array, or `{ events: [...] }`. */
export function eventsOf(data: unknown): Record<string, unknown>[] {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { events?: unknown }).events) ? (data as { events: unknown[] }).events : [data];
  return list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

/** The ids an event names: its user id and its device's anonymous id (strings only: events are untrusted). */
export function idsOf(e: Record<string, unknown>): string[] {
  return [e.userId, e.anonymousId].filter((x): x is string => typeof x === 'string' && x !== '');
}

/**
 * Calls `onEvents` with each batch of events the live stream delivers while the view is
 * open (closed when it is left). Dashboard only; a report has no stream.
 */
export function onLiveEvents(ctx: Ctx, onEvents: (events: Record<string, unknown>[]) => void): void {
  if (ctx.mode !== 'dashboard' || typeof EventSource === 'undefined') return;
  const token = ctx.token();
  const source = new EventSource(`${ctx.apiBase}/v1/live${token ? `?token=${encodeURIComponent(token)}` : ''}`);
  source.addEventListener('message', (m: MessageEvent) => {
    let events: Record<string, unknown>[];
    try {
      events = eventsOf(JSON.parse(String(m.data)));
    } catch {
      return; // not JSON: ignore
    }
    onEvents(events);
  });
  ctx.onLeave(() => source.close());
}

/** Runs `fn` at most once per `ms`, the last call winning (a burst of events refreshes once). */
export function throttled(ms: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => { timer = undefined; fn(); }, ms);
  };
}

// Helpers for the browser package's unit tests (happy-dom + fake-indexeddb).
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { clearMemory } from '../src/lib/storage.js';
import { resolveOptions, type FootfallOptions } from '../src/options.js';
import type { Client, Ev, Fields, Hook } from '../src/types.js';

/** A fresh device: empty localStorage, memory state and IndexedDB. */
export function freshDevice(): void {
  localStorage.clear();
  clearMemory();
  vi.stubGlobal('indexedDB', new IDBFactory());
}

/** A fake collector behind `fetch`: answers with `answer(n, events)`, records bodies. */
export function fakeCollector(answer: (n: number, events: Ev[]) => number | { status: number; headers?: Record<string, string> } = () => 200) {
  const requests: { status: number; events: Ev[]; keepalive?: boolean; body: string; at: number }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = String(init.body);
    const events = (JSON.parse(body) as { events: Ev[] }).events;
    const a = answer(requests.length, events);
    const { status, headers } = typeof a === 'number' ? { status: a, headers: {} } : a;
    requests.push({ status, events, keepalive: init.keepalive, body, at: Date.now() });
    return new Response('{}', { status, headers });
  });
  vi.stubGlobal('fetch', fetch);
  const delivered = () => requests.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.events);
  return { requests, fetch, delivered };
}

/** Polls until `check` is true (bounded). */
export async function waitFor(check: () => boolean, what = 'condition', timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A client stand-in for capture tests: records what captures emit. */
export function fakeClient(options: FootfallOptions = {}) {
  const emitted: ({ type: string; props?: unknown } & Fields)[] = [];
  const hooks: Record<Hook, (() => void)[]> = { start: [], end: [] };
  const offs: (() => void)[] = [];
  const c = {
    _o: resolveOptions(options),
    _offs: offs,
    _url: () => location.href,
    _emit: (type: string, fields: Fields = {}, props?: unknown) => void emitted.push({ type, ...fields, ...(props ? { props } : {}) }),
    _page: () => {
      hooks.end.forEach((f) => f());
      emitted.push({ type: 'page', url: location.href });
      hooks.start.forEach((f) => f());
    },
    _on: (hook: Hook, fn: () => void) => void hooks[hook].push(fn),
    _listen: (t: EventTarget, type: string, fn: (e: Event) => void, capture?: boolean) => {
      t.addEventListener(type, fn, { capture: !!capture });
      offs.push(() => t.removeEventListener(type, fn, { capture: !!capture }));
    },
  } as unknown as Client;
  return { client: c, emitted, hooks, stop: () => offs.splice(0).forEach((f) => f()) };
}

/**
 * The running SDK: builds events, gates them on consent, writes them to the queue
 * and drives the sender and the page lifecycle. Captures plug into it through `_emit`
 * and the page hooks (`start`: a page view began; `end`: it ended, by navigation or
 * because the page was hidden).
 */
import type { EventType } from '@footfall/core';
import { initialConsent, type ConsentState } from './consent.js';
import { context } from './lib/context.js';
import { cleanProps, cleanString, type JsonValue } from './lib/clean.js';
import { keepParams } from './lib/keep-params.js';
import { save, setPersist } from './lib/storage.js';
import { idle, safe, setDebug, uuid, warn } from './lib/util.js';
import { resolveOptions, type FootfallOptions, type Resolved } from './options.js';
import { createQueue, keyOf } from './queue.js';
import { createSender } from './sender.js';
import { anonymousId, resetIdentity, sessionId, setUserId, userId } from './session.js';
import type { Ev, Stats } from './types.js';

/** Type-specific fields of an event (and optional `ts`/`url` overrides). */
export type Fields = Record<string, unknown>;

/** A page-lifecycle hook. */
export type Hook = 'start' | 'end';

/** The SDK instance captures talk to. Underscored members are internal (mangled in the script build). */
export interface Client {
  _o: Resolved;
  _stats: Stats;
  /** URL of the current page view. */
  _url(): string;
  /** Records an event of `type` with its own `fields` and optional user `props`. */
  _emit(type: EventType, fields?: Fields, props?: unknown): void;
  /** Starts a page view (ending the previous one). */
  _page(props?: unknown): void;
  _on(hook: Hook, fn: () => void): void;
  /** Adds a listener that never throws and is removed by `_stop`. */
  _listen(target: EventTarget, type: string, fn: (e: Event) => void, capture?: boolean): void;
  _consent(granted: boolean): void;
  _optOut(): void;
  _identify(userId: string, traits?: unknown): void;
  _reset(): void;
  /** Writes pending events to the queue and sends. */
  _flush(): Promise<void>;
  /** Removes listeners (tests, and a second init). */
  _stop(): void;
  /** Undo actions registered by captures (e.g. restoring patched history methods). */
  _offs: (() => void)[];
}

/** Creates and starts the SDK. */
export function createClient(options: FootfallOptions): Client {
  const o = resolveOptions(options);
  setDebug(o.debug);
  const stats: Stats = { sent: 0, dropped: 0, evicted: 0 };
  const queue = createQueue(o.maxQueue, stats);
  const unsent = new Map<string, Ev>();
  const sender = createSender(o, queue, stats, unsent);
  const hooks: Record<string, (() => void)[]> = { start: [], end: [] };
  const offs: (() => void)[] = [];
  let state: ConsentState = initialConsent(o);
  let pending: Ev[] = [];
  let held: Ev[] = [];
  let url = '';
  let started = false;
  let unloading = false;
  let drainPlanned = false;
  setPersist(state === 'g');

  const fire = (hook: Hook) => hooks[hook].forEach((f) => safe(f)());

  const enqueue = (events: Ev[]) => {
    if (!events.length) return;
    events.forEach((e) => unsent.set(e.id, e));
    // Another tab may have delivered older ones: keep the newest 500 as beacon candidates.
    for (const id of unsent.keys()) if (unsent.size > 500) unsent.delete(id);
    const stored = queue._add(events.map((e) => [keyOf(e), e])).catch(() => undefined);
    if (unloading) sender._beacon();
    else if (document.visibilityState === 'hidden') void stored.then(sender._flush);
    else void stored.then(() => sender._schedule(unsent.size >= o.batchSize ? 0 : undefined));
  };

  /** Gives pending events their identity and context, then queues (or holds) them. */
  const drain = () => {
    drainPlanned = false;
    const events = pending;
    pending = [];
    const ready: Ev[] = [];
    for (const e of events) {
      if (state === 'd') break;
      e.anonymousId = anonymousId();
      e.sessionId = sessionId(e.ts);
      e.userId ||= userId();
      e.ctx = context();
      (state === 'p' ? held : ready).push(e);
    }
    held = held.slice(-1000);
    enqueue(ready);
  };

  const hide = (e: Event) => {
    if (e.type === 'pagehide') unloading = true;
    else if (document.visibilityState !== 'hidden') return;
    fire('end');
    drain();
    if (unloading) sender._beacon();
    else void sender._flush();
  };

  const c: Client = {
    _o: o,
    _stats: stats,
    _offs: offs,
    _url: () => url || location.href,
    _emit(type, fields, props) {
      if (state === 'd') return;
      const e = { id: uuid(), type, ts: Date.now(), url: c._url(), ...fields } as Ev & { props?: Record<string, JsonValue> };
      e.url = String(e.url).slice(0, 2048);
      // Only the allowed query parameters leave the page (docs/privacy.md#query-strings).
      for (const k of ['url', 'referrer', 'href']) if ((e as Fields)[k]) (e as Fields)[k] = keepParams((e as Fields)[k] as string, o.keepParams);
      const p = props === undefined ? undefined : cleanProps(props);
      if (p) e.props = p;
      pending.push(e);
      if (unloading || document.visibilityState === 'hidden') drain();
      else if (!drainPlanned) {
        drainPlanned = true;
        idle(drain);
      }
    },
    _page(props) {
      if (started) fire('end');
      started = true;
      const referrer = url || document.referrer;
      url = location.href;
      c._emit('page', { referrer: referrer || undefined, title: cleanString(document.title, 1024) }, props);
      fire('start');
    },
    _on: (hook, fn) => hooks[hook].push(fn),
    _listen(target, type, fn, capture) {
      const f = safe(fn);
      const opts = { capture: !!capture, passive: true };
      target.addEventListener(type, f, opts);
      offs.push(() => target.removeEventListener(type, f, opts));
    },
    _consent(granted) {
      state = granted ? 'g' : 'd';
      save('consent', state, true);
      if (granted) save('optout', null, true);
      setPersist(granted);
      if (granted) enqueue(held);
      else pending = [];
      held = [];
    },
    _optOut() {
      save('optout', '1', true);
      state = 'd';
      pending = held = [];
      setPersist(false);
    },
    _identify(id, traits) {
      const uid = cleanString(id, 128);
      if (!uid) return warn('identify: pass a user id');
      drain();
      setUserId(uid);
      const t = traits === undefined ? undefined : cleanProps(traits);
      c._emit('identify', { userId: uid, traits: t });
    },
    _reset() {
      drain();
      resetIdentity();
    },
    _flush() {
      drain();
      return sender._flush();
    },
    _stop() {
      offs.splice(0).forEach((f) => f());
    },
  };

  c._listen(document, 'visibilitychange', hide);
  c._listen(window, 'pagehide', hide);
  c._listen(window, 'pageshow', (e) => {
    unloading = false;
    if ((e as PageTransitionEvent).persisted && started) c._page();
  });
  c._listen(window, 'online', sender._flush);
  o.capture.forEach((capture) => safe(capture)(c));
  // Leftovers from earlier visits (or tabs) go out now.
  void sender._flush();
  return c;
}

/**
 * The running SDK: builds events, gates them on consent, writes them to the queue
 * and drives the sender and the page lifecycle. Captures plug into it through `_emit`
 * and the page hooks (`start`: a page view began; `end`: it ended, by navigation or
 * because the page was hidden). When the page is hidden or left, what is not yet
 * committed to IndexedDB is copied to localStorage, and unless the page is left for
 * another page of the same origin, this tab's undelivered events go out by beacon
 * (docs/sdk.md, "Leaving the page").
 */
import { initialConsent, type ConsentState } from './consent.js';
import { now } from './lib/clock.js';
import { context, timeZone } from './lib/context.js';
import { cleanProps, cleanString, type JsonValue } from './lib/clean.js';
import { keepParams } from '../../core/src/keep-params.js';
import { keep, takeKept } from './lib/kept.js';
import { save, setPersist } from './lib/storage.js';
import { idle, safe, setDebug, uuid, warn } from './lib/util.js';
import { resolveOptions, type FootfallOptions } from './options.js';
import { createQueue, keyOf, type Entry } from './queue.js';
import { createSender } from './sender.js';
import { anonymousId, resetIdentity, sessionId, setUserId, userId } from './session.js';
import type { Client, Ev, Fields, Hook, Stats } from './types.js';
import { TEST } from './lib/test-only.js';

export type { Client, Fields, Hook } from './types.js';

/** The Navigation API's `navigate` event, where the browser has it. */
type NavigateEvent = Event & { destination: { url: string; sameDocument: boolean } };

/** Creates and starts the SDK. */
export function createClient(options: FootfallOptions): Client {
  const o = resolveOptions(options);
  setDebug(o.debug);
  const stats: Stats = { sent: 0, dropped: 0, evicted: 0 };
  const queue = createQueue(o.maxQueue, stats);
  /** This tab's events not yet seen delivered (the exit beacon's candidates). */
  const unsent = new Map<string, Entry>();
  const sender = createSender(o, queue, stats, unsent);
  const hooks: Record<Hook, (() => void)[]> = { start: [], end: [] };
  const offs: (() => void)[] = [];
  const taps: ((events: Ev[]) => void)[] = [];
  /** This page's newest queued events, for a tap that comes later (a lazily loaded chunk). */
  let queued: Ev[] = [];
  let state: ConsentState = initialConsent(o);
  let pending: Ev[] = [];
  let held: Ev[] = [];
  let url = '';
  let started = false;
  let leaving = false;
  let kept = false;
  let sameOrigin = false;
  let drainPlanned = false;
  setPersist(state === 'g');

  const fire = (hook: Hook) => {
    for (const f of hooks[hook]) safe(f)();
  };
  const hidden = () => document.visibilityState === 'hidden';

  /** Copies to localStorage what IndexedDB has not committed (docs/sdk.md, "Leaving the page"). */
  const keepFresh = () => {
    const fresh: Entry[] = [];
    for (const entry of unsent.values()) if (!entry[2]) fresh.push(entry);
    keep(fresh);
    kept = true;
  };

  /** Adds entries to the queue; once committed, they need no exit copy. */
  const store = async (entries: Entry[]) => {
    if (!(await queue.add(entries))) return;
    for (const entry of entries) entry[2] = 1;
    if (kept) keepFresh();
  };

  /** The page is going: exit copy, then the beacon unless the next page is this origin's and sends the queue. */
  const exit = () => {
    keepFresh();
    if (leaving && !sameOrigin) sender._beacon();
  };

  const enqueue = (events: Ev[]) => {
    if (!events.length) return;
    const entries: Entry[] = [];
    for (const e of events) {
      const entry: Entry = [keyOf(e), e];
      entries.push(entry);
      unsent.set(e.id, entry);
    }
    // Another tab may have delivered older ones: keep the newest 1000 as exit candidates.
    for (const id of unsent.keys()) if (unsent.size > 1000) unsent.delete(id);
    const stored = store(entries);
    queued = queued.concat(events).slice(-200);
    for (const f of taps) safe(f)(events);
    if (leaving) exit();
    else
      void (async () => {
        await stored;
        if (hidden()) await sender._flush();
        else sender._schedule(unsent.size >= o.batchSize ? 0 : undefined);
      })();
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

  /** Leftovers of earlier pages: their exit copies join the queue, then everything queued is sent. */
  const start = async () => {
    const rescued = takeKept();
    for (const entry of rescued) unsent.set(entry[1].id, entry);
    await store(rescued);
    await sender._flush();
  };

  const hide = (e: Event) => {
    if (e.type === 'pagehide') leaving = true;
    else if (!hidden()) return;
    fire('end');
    drain();
    if (state !== 'g') return;
    exit();
    if (!leaving) void sender._flush();
  };

  const c: Client = {
    _o: o,
    _stats: stats,
    _url: () => url || location.href,
    _emit(type, fields, props) {
      if (state === 'd') return;
      const e = { id: uuid(), type, ts: now(), url: c._url(), ...fields } as Ev & { props?: Record<string, JsonValue> };
      e.url = String(e.url).slice(0, 2048);
      // Only the allowed query parameters leave the page (docs/privacy.md#query-strings).
      for (const k of ['url', 'referrer', 'href']) if ((e as Fields)[k]) (e as Fields)[k] = keepParams((e as Fields)[k] as string, o.keepParams);
      const p = props === undefined ? undefined : cleanProps(props);
      if (p) e.props = p;
      pending.push(e);
      if (leaving || hidden()) drain();
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
    _on: (hook, fn) => void hooks[hook].push(fn),
    _listen(target, type, fn, capture) {
      const f = safe(fn);
      const opts = { capture: !!capture, passive: true };
      target.addEventListener(type, f, opts);
      if (TEST) offs.push(() => target.removeEventListener(type, f, opts));
    },
    _consent(granted) {
      state = granted ? 'g' : 'd';
      // Under consent: 'required' a refusal needs no record: undecided already keeps everything off the device.
      if (granted || o.consent !== 'required') save('consent', state, true);
      if (granted) save('optout', null, true);
      setPersist(granted);
      if (granted) enqueue(held);
      else pending = [];
      held = [];
      if (granted) void start(); // storage may open now: earlier pages' leftovers go out
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
    async _flush() {
      drain();
      if (state === 'g') await sender._flush();
    },
    _granted: () => state === 'g',
    _tap(fn) {
      taps.push(fn);
      safe(fn)(queued);
    },
  };

  if (TEST) {
    c._offs = offs;
    c._stop = () => {
      sender._stop!();
      for (const f of offs.splice(0)) f();
    };
  }
  c._listen(document, 'visibilitychange', hide);
  c._listen(window, 'pagehide', hide);
  c._listen(window, 'pageshow', (e) => {
    leaving = sameOrigin = false;
    if ((e as PageTransitionEvent).persisted && started) c._page();
  });
  // No 'online' listener: while the browser says it is offline the sender checks again every flush interval.
  // Where the Navigation API tells: a page left for this origin needs no beacon (that page sends
  // the queue), and the exit copy is written before the page starts to go, in the task that
  // navigates: a cross-site leave runs `pagehide` only after the next page has started, or
  // never when the tab closes at once (docs/sdk.md, "Leaving the page").
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav) {
    c._listen(nav, 'navigate', (e) => {
      const d = (e as NavigateEvent).destination;
      sameOrigin = !d.sameDocument && d.url.startsWith(location.origin + '/');
      if (d.sameDocument) return;
      drain();
      if (state === 'g') keepFresh();
    });
  }
  for (const capture of o.capture) safe(capture)(c);
  idle(timeZone);
  if (state === 'g') void start();
  return c;
}

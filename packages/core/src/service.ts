/**
 * Customer service (docs/metrics.md, "Service"): support contacts (`ticket` events) per
 * 1,000 web sessions by page, product and reason; first-response and resolution times;
 * and the repeat purchase rate of persons who contacted support against those who did not.
 */
import type { Analyzer } from './analyzer.js';
import { hasPerson, inSession } from './event-scope.js';
import type { CartItem } from './events.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { bump, dict, entry, foldInto, type Dict } from './lib/dict.js';
import { NONE, registerOrder } from './lib/landing-sessions.js';
import { emptyOpenSessions, mergeOpenSessions, sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { urlPath } from './matchers.js';
import { emptySketch, SKETCH_EXACT_LIMIT, SKETCH_RELATIVE_ERROR, sketchAdd, sketchQuantile } from './sketch.js';

/** Options of `createService`. */
export interface ServiceOptions {
  /** Pages and products with fewer sessions than this are listed after the others. @default 30 */
  minSessions?: number;
}

/** One ticket, from all the events that carry its `ticketId`. */
interface TicketRecord {
  /** Opened: the earliest `ts`. */
  o: number;
  /** The earliest `firstResponseAt`. */
  f: number | null;
  /** The latest `resolvedAt`. */
  r: number | null;
  reason: string | null;
  page: string | null;
  product: string | null;
}

interface ServiceSession {
  pages: string[];
  products: string[];
}

/** State of `createService`. */
export interface ServiceState extends KeyedState {
  sessions: number;
  pageSessions: Dict<number>;
  productSessions: Dict<number>;
  open: OpenSessions<ServiceSession>;
  /** person → ticketId → ticket. */
  tickets: Dict<Dict<TicketRecord>>;
  /** person → order keys. */
  orders: Dict<string[]>;
}

/** Contacts about one page, product or reason. */
export interface ContactRate {
  /** The page path, product id or reason (`(none)` for tickets without one). */
  key: string;
  contacts: number;
  /** Sessions that viewed the page or product; all sessions for a reason. */
  sessions: number;
  /** contacts / sessions × 1,000; `null` without sessions. */
  per1000Sessions: number | null;
}

/** A time distribution through the core's sketch. */
export interface ServiceTime {
  /** Tickets with the time. */
  samples: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Relative error bound of the quantiles: 0 (exact) up to 10,000 samples, 0.01 above. */
  relativeError: number;
}

/** Repeat purchases of one group of persons. */
export interface RepeatGroup {
  /** Persons with at least one order. */
  purchasers: number;
  /** Of them, persons with two or more. */
  repeaters: number;
  /** repeaters / purchasers; `null` without purchasers. */
  rate: number | null;
}

/** Result of `createService`. */
export interface ServiceResult {
  sessions: number;
  /** Tickets (distinct `ticketId` per person). */
  contacts: number;
  per1000Sessions: number | null;
  /** Highest rate first (pages with fewer than `minSessions` sessions last). */
  byPage: ContactRate[];
  byProduct: ContactRate[];
  /** Most contacts first (all reasons share the sessions). */
  byReason: ContactRate[];
  /** firstResponseAt − opened. */
  firstResponse: ServiceTime;
  /** resolvedAt − opened. */
  resolution: ServiceTime;
  repeatPurchase: { contacted: RepeatGroup; notContacted: RepeatGroup };
}

const ids = (items: readonly CartItem[] | undefined) => (items ?? []).map((i) => i.id);
const per1000 = (contacts: number, sessions: number) => (sessions > 0 ? (contacts / sessions) * 1000 : null);

function timeOf(values: number[]): ServiceTime {
  const sk = emptySketch();
  for (const v of values) sketchAdd(sk, v);
  return { samples: values.length, medianMs: sketchQuantile(sk, 0.5), p90Ms: sketchQuantile(sk, 0.9), relativeError: values.length > SKETCH_EXACT_LIMIT ? SKETCH_RELATIVE_ERROR : 0 };
}

function closeSession(s: ServiceState, x: ServiceSession): void {
  s.sessions += 1;
  for (const p of x.pages) bump(s.pageSessions, p);
  for (const p of x.products) bump(s.productSessions, p);
}

/**
 * Customer service. A contact is a ticket: the events sharing a person and `ticketId` are
 * one ticket, opened at the earliest `ts`, first answered at the earliest `firstResponseAt`,
 * resolved at the latest `resolvedAt`. Contacts per 1,000 sessions: by page (the ticket's
 * `page`, as a URL path, against the sessions that viewed that page), by product (its
 * `product` against the sessions with a `cart` `view_item` of it) and by reason (against all
 * sessions). Median and p90 of first-response and resolution times through the core's
 * sketch (exact up to 10,000 tickets, 1% relative error above). Repeat purchase rate
 * (persons with ≥ 2 orders / persons with ≥ 1) of persons with a ticket against persons without.
 *
 * @example
 * ```ts
 * const service = createService();
 * for (const e of normalize(events)) service.add(e);
 * const { byPage, firstResponse } = service.result();
 * byPage[0]; // { key: '/product/trail-runner', contacts: 41, sessions: 380, per1000Sessions: 107.9 }
 * ```
 */
export function createService(options: ServiceOptions = {}): Analyzer<ServiceState, ServiceResult> {
  const minSessions = options.minSessions ?? 30;
  return defineAnalyzer<ServiceState, ServiceResult>(
    { key: JSON.stringify({ service: 1, minSessions }), sessions: 0, pageSessions: dict(), productSessions: dict(), open: emptyOpenSessions(), tickets: dict(), orders: dict() },
    {
      name: 'service',
      add(s, e) {
        if (!hasPerson(e)) return;
        if (e.type === 'ticket') {
          const mine = entry(s.tickets, e.person, () => dict<TicketRecord>());
          const t = entry(mine, e.ticketId, (): TicketRecord => ({ o: e.ts, f: null, r: null, reason: null, page: null, product: null }));
          t.o = Math.min(t.o, e.ts);
          if (e.firstResponseAt !== undefined) t.f = t.f === null ? e.firstResponseAt : Math.min(t.f, e.firstResponseAt);
          if (e.resolvedAt !== undefined) t.r = t.r === null ? e.resolvedAt : Math.max(t.r, e.resolvedAt);
          t.reason ??= e.reason || null;
          t.page ??= e.page ? urlPath(e.page) : null;
          t.product ??= e.product || null;
          return;
        }
        if (e.type === 'cart' && e.action === 'purchase') registerOrder(entry(s.orders, e.person, (): string[] => []), e);
        if (!inSession(e)) return;
        const x = sessionFor(s.open, e, (): ServiceSession => ({ pages: [], products: [] }), (done) => closeSession(s, done));
        if (e.type === 'page') {
          const path = urlPath(e.url);
          if (!x.pages.includes(path)) x.pages.push(path);
        } else if (e.type === 'cart' && e.action === 'view_item') {
          for (const id of ids(e.items)) if (!x.products.includes(id)) x.products.push(id);
        }
      },
      merge(into, o) {
        into.sessions += o.sessions;
        foldInto(into.pageSessions, o.pageSessions, (mine, theirs) => (mine ?? 0) + theirs);
        foldInto(into.productSessions, o.productSessions, (mine, theirs) => (mine ?? 0) + theirs);
        mergeOpenSessions(into.open, o.open);
        foldInto(into.tickets, o.tickets, (_, theirs) => Object.assign(dict<TicketRecord>(), theirs));
        foldInto(into.orders, o.orders, (_, theirs) => [...theirs]);
      },
      result(state) {
        const s: ServiceState = { ...state, pageSessions: Object.assign(dict<number>(), state.pageSessions), productSessions: Object.assign(dict<number>(), state.productSessions) };
        for (const x of Object.values(state.open.open)) closeSession(s, x);
        const byPage = dict<number>();
        const byProduct = dict<number>();
        const byReason = dict<number>();
        const first: number[] = [];
        const resolved: number[] = [];
        let contacts = 0;
        for (const person of Object.keys(s.tickets).sort()) {
          const mine = s.tickets[person];
          for (const id of Object.keys(mine).sort()) {
            const t = mine[id];
            contacts += 1;
            bump(byReason, t.reason ?? NONE);
            if (t.page !== null) bump(byPage, t.page);
            if (t.product !== null) bump(byProduct, t.product);
            if (t.f !== null) first.push(t.f - t.o);
            if (t.r !== null) resolved.push(t.r - t.o);
          }
        }
        const rates = (counts: Dict<number>, sessionsOf: (key: string) => number): ContactRate[] =>
          Object.keys(counts)
            .sort()
            .map((key) => ({ key, contacts: counts[key], sessions: sessionsOf(key), per1000Sessions: per1000(counts[key], sessionsOf(key)) }))
            .sort((a, b) => Number(b.sessions >= minSessions) - Number(a.sessions >= minSessions) || (b.per1000Sessions ?? -1) - (a.per1000Sessions ?? -1) || b.contacts - a.contacts);
        const group = (contacted: boolean): RepeatGroup => {
          let purchasers = 0;
          let repeaters = 0;
          for (const person of Object.keys(s.orders)) {
            if (Object.hasOwn(s.tickets, person) !== contacted || s.orders[person].length === 0) continue;
            purchasers += 1;
            if (s.orders[person].length >= 2) repeaters += 1;
          }
          return { purchasers, repeaters, rate: purchasers > 0 ? repeaters / purchasers : null };
        };
        return {
          sessions: s.sessions,
          contacts,
          per1000Sessions: per1000(contacts, s.sessions),
          byPage: rates(byPage, (k) => (Object.hasOwn(s.pageSessions, k) ? s.pageSessions[k] : 0)),
          byProduct: rates(byProduct, (k) => (Object.hasOwn(s.productSessions, k) ? s.productSessions[k] : 0)),
          byReason: rates(byReason, () => s.sessions),
          firstResponse: timeOf(first),
          resolution: timeOf(resolved),
          repeatPurchase: { contacted: group(true), notContacted: group(false) },
        };
      },
    },
  );
}

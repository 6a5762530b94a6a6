/**
 * The bottleneck signals from beyond the browser (docs/metrics.md, "Bottleneck scores"):
 * a page or product followed by a support contact within 24 h, a low-rated product, and a
 * campaign whose ads draw clicks its landing does not convert. Each splits sessions into
 * affected and unaffected and is ranked by the same lost-conversion rule as the page
 * signals; `createBottlenecks` feeds this module and ranks its entries with its own.
 */
import type { NormalizedEvent } from './analyzer.js';
import { hasPerson, inSession } from './event-scope.js';
import { FootfallError } from './errors.js';
import { adTags, DIMENSIONS, landingFlags, rowKey } from './lib/campaign-rows.js';
import { cloneState, dict, entry, foldInto, type Dict } from './lib/dict.js';
import { advanceSteps, landingTags } from './lib/landing-sessions.js';
import { conversionLoss, lossReason, pct, type ConversionLoss, type LossRule } from './lib/lost-conversions.js';
import { emptyOpenSessions, mergeOpenSessions, sessionFor, type OpenSessions } from './lib/open-sessions.js';
import { urlPath, type Step } from './matchers.js';

/** The signals this module adds to the bottlenecks. */
export const JOURNEY_SIGNALS = ['support-contact', 'low-rating', 'landing-mismatch'] as const;
/** One of them. */
export type JourneySignal = (typeof JOURNEY_SIGNALS)[number];

/** The options of these signals (part of `BottlenecksOptions`). */
export interface JourneySignalOptions {
  /** A product whose mean review rating is below this is low-rated. @default 3 */
  lowRating?: number;
  /** Reviews a product needs before its rating counts. @default 5 */
  minRatings?: number;
}

/** A support contact this long after a view of a page or product follows it. */
export const CONTACT_WINDOW_MS = 24 * 60 * 60 * 1000;

interface JSession {
  progress: number;
  converted: boolean;
  /** Landing row key (channels' four dimensions). */
  row: string;
  /** Page path / product id → latest view ts. */
  pages: Dict<number>;
  products: Dict<number>;
  /** Targets (`page:/x`, `product:y`) a support contact followed within 24 h. */
  hit: string[];
  /** Latest view ts. */
  last: number;
}

/** [sessions, conversions, affected sessions, affected conversions]. */
type Split = [number, number, number, number];

/** State of the journey signals, kept inside `BottlenecksState.journey`. */
export interface JourneySignalsState {
  sessions: number;
  conversions: number;
  open: OpenSessions<JSession>;
  /** Closed sessions a support contact may still follow, per person. */
  pending: Dict<JSession[]>;
  pages: Dict<Split>;
  products: Dict<Split>;
  /** Sessions that viewed any product: [sessions, conversions]. */
  productSessions: [number, number];
  /** Product → [rating sum, reviews]. */
  ratings: Dict<[number, number]>;
  /** Landing row → ad and session tallies. */
  rows: Dict<{ impressions: number; clicks: number; sessions: number; conversions: number }>;
}

/** A new, empty state. */
export function emptyJourneySignals(): JourneySignalsState {
  return { sessions: 0, conversions: 0, open: emptyOpenSessions(), pending: dict(), pages: dict(), products: dict(), productSessions: [0, 0], ratings: dict(), rows: dict() };
}

/** Checks the options and fills in the defaults. */
export function journeySignalOptions(options: JourneySignalOptions): Required<JourneySignalOptions> {
  const lowRating = options.lowRating ?? 3;
  const minRatings = options.minRatings ?? 5;
  if (!(lowRating > 1 && lowRating <= 5)) throw new FootfallError('INVALID_OPTION', `lowRating must be above 1 and at most 5 (got ${lowRating})`);
  if (!(minRatings >= 1)) throw new FootfallError('INVALID_OPTION', `minRatings must be at least 1 (got ${minRatings})`);
  return { lowRating, minRatings };
}

const row = () => ({ impressions: 0, clicks: 0, sessions: 0, conversions: 0 });
const split = (): Split => [0, 0, 0, 0];

function settle(s: JourneySignalsState, x: JSession): void {
  const c = x.converted ? 1 : 0;
  s.sessions += 1;
  s.conversions += c;
  const r = entry(s.rows, x.row, row);
  r.sessions += 1;
  r.conversions += c;
  const count = (into: Dict<Split>, key: string, target: string) => {
    const t = entry(into, key, split);
    t[0] += 1;
    t[1] += c;
    if (x.hit.includes(target)) (t[2] += 1), (t[3] += c);
  };
  for (const p of Object.keys(x.pages)) count(s.pages, p, `page:${p}`);
  const products = Object.keys(x.products);
  for (const p of products) count(s.products, p, `product:${p}`);
  if (products.length > 0) (s.productSessions[0] += 1), (s.productSessions[1] += c);
}

/** Settles the person's pending sessions whose last view is more than 24 h before `ts`. */
function settleBefore(s: JourneySignalsState, person: string, ts: number): void {
  const list = Object.hasOwn(s.pending, person) ? s.pending[person] : undefined;
  if (!list) return;
  const keep = list.filter((x) => (ts - x.last > CONTACT_WINDOW_MS ? (settle(s, x), false) : true));
  if (keep.length) s.pending[person] = keep;
  else delete s.pending[person];
}

/** Feeds one normalized event (every event: the signals read tickets, reviews and ad statistics too). */
export function addJourneySignals(s: JourneySignalsState, e: NormalizedEvent, steps: readonly Step[]): void {
  if (e.type === 'adstats') {
    const r = entry(s.rows, rowKey(adTags(e), DIMENSIONS), row);
    r.impressions += e.impressions;
    r.clicks += e.clicks;
    return;
  }
  if (!hasPerson(e)) return;
  settleBefore(s, e.person, e.ts);
  if (e.type === 'ticket') {
    const current = Object.hasOwn(s.open.current, e.person) ? s.open.open[s.open.current[e.person]] : undefined;
    for (const x of [...(Object.hasOwn(s.pending, e.person) ? s.pending[e.person] : []), ...(current ? [current] : [])]) {
      for (const [kind, views] of [['page', x.pages], ['product', x.products]] as const) {
        for (const key of Object.keys(views)) {
          const target = `${kind}:${key}`;
          if (e.ts - views[key] <= CONTACT_WINDOW_MS && e.ts >= views[key] && !x.hit.includes(target)) x.hit.push(target);
        }
      }
    }
    return;
  }
  if (e.type === 'review') {
    const r = entry(s.ratings, e.product, (): [number, number] => [0, 0]);
    r[0] += e.rating;
    r[1] += 1;
    return;
  }
  if (!inSession(e)) return;
  const x = sessionFor(
    s.open,
    e,
    (): JSession => ({ progress: 0, converted: false, row: rowKey(landingTags(e), DIMENSIONS), pages: dict(), products: dict(), hit: [], last: e.ts }),
    (done) => entry(s.pending, e.person, (): JSession[] => []).push(done),
  );
  advanceSteps(x, steps, e);
  if (e.type === 'page') {
    x.pages[urlPath(e.url)] = e.ts;
    x.last = e.ts;
  } else if (e.type === 'cart' && e.action === 'view_item') {
    for (const item of e.items ?? []) x.products[item.id] = e.ts;
    x.last = e.ts;
  }
}

/** Folds another shard's state in (shards hold disjoint persons; `o` is a private copy). */
export function mergeJourneySignals(into: JourneySignalsState, o: JourneySignalsState): void {
  into.sessions += o.sessions;
  into.conversions += o.conversions;
  mergeOpenSessions(into.open, o.open);
  foldInto(into.pending, o.pending, (_, theirs) => theirs);
  const addSplit = (mine: Split | undefined, theirs: Split): Split => (mine ? (mine.map((v, i) => v + theirs[i]) as Split) : theirs);
  foldInto(into.pages, o.pages, addSplit);
  foldInto(into.products, o.products, addSplit);
  into.productSessions = [into.productSessions[0] + o.productSessions[0], into.productSessions[1] + o.productSessions[1]];
  foldInto(into.ratings, o.ratings, (mine, theirs) => (mine ? ([mine[0] + theirs[0], mine[1] + theirs[1]] as [number, number]) : theirs));
  foldInto(into.rows, o.rows, (mine, theirs) => {
    if (!mine) return theirs;
    for (const k of Object.keys(mine) as (keyof typeof mine)[]) mine[k] += theirs[k];
    return mine;
  });
}

/**
 * What `journeyBottlenecks` needs from `createBottlenecks`. `B` is the row `rank` builds
 * (`Bottleneck`): a type parameter, since the marks import this module and this module
 * imports neither them nor the ranking.
 */
export interface JourneyRanking<B> {
  signals: readonly string[];
  rule: LossRule;
  options: Required<JourneySignalOptions>;
  /** All conversions (the score's denominator) and the AOV (lost revenue). */
  conversions: number;
  aov: number;
  /** Builds a ranked entry (`rankedLoss` of bottlenecks). */
  rank: (target: string, signal: JourneySignal, loss: ConversionLoss, reason: string) => B;
}

/** The significant entries of the journey signals, unsorted (computed on a copy: the state does not change). */
export function journeyBottlenecks<B>(state: JourneySignalsState, r: JourneyRanking<B>): B[] {
  const s: JourneySignalsState = cloneState(state);
  for (const x of Object.values(s.open.open)) settle(s, x);
  for (const list of Object.values(s.pending)) for (const x of list) settle(s, x);
  const out: B[] = [];
  const want = (signal: JourneySignal) => r.signals.includes(signal);
  if (want('support-contact')) {
    for (const [kind, tallies] of [['page', s.pages], ['product', s.products]] as const) {
      for (const key of Object.keys(tallies).sort()) {
        const [n, c, na, ca] = tallies[key];
        const loss = conversionLoss(ca, na, c - ca, n - na, r.rule);
        if (loss) out.push(r.rank(`${kind}:${key}`, 'support-contact', loss, lossReason(kind === 'page' ? key : `product ${key}`, 'a support contact within 24 h', loss, r.aov)));
      }
    }
  }
  if (want('low-rating')) {
    for (const key of Object.keys(s.ratings).sort()) {
      const [sum, count] = s.ratings[key];
      const mean = sum / count;
      if (count < r.options.minRatings || !(mean < r.options.lowRating) || !Object.hasOwn(s.products, key)) continue;
      const [n, c] = s.products[key];
      const loss = conversionLoss(c, n, s.productSessions[1] - c, s.productSessions[0] - n, r.rule);
      if (loss) out.push(r.rank(`product:${key}`, 'low-rating', loss, lossReason(`product ${key}`, `a view of it (rated ${mean.toFixed(1)} of 5 by ${count} reviews) against other products' views`, loss, r.aov)));
    }
  }
  if (want('landing-mismatch')) {
    const keys = Object.keys(s.rows).sort();
    const { medianCtr, flags } = landingFlags(keys.map((key) => ({ key, ...s.rows[key] })), s, r.rule);
    for (const [key, loss] of flags) {
      const tags = (JSON.parse(key) as string[]).join(' / ');
      const ctr = s.rows[key].clicks / s.rows[key].impressions;
      out.push(r.rank(`campaign:${tags}`, 'landing-mismatch', loss, lossReason(tags, `this landing (CTR ${pct(ctr)}, median ${pct(medianCtr ?? 0)}): high clicks, low conversion, check the landing page`, loss, r.aov)));
    }
  }
  return out;
}

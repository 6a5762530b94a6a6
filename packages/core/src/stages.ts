/**
 * Journey stages (docs/metrics.md#journey-stages; project-defined and
 * configurable): awareness → consideration → decision → retention → advocacy. A person's
 * stage is the furthest stage reached.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { hasPerson, inSession, isServerType } from './event-scope.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { parseStep, type Step } from './matchers.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** The five stages, in order. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'decision', 'retention', 'advocacy'] as const;
/** One journey stage. */
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Options of `createStages` (each a list of step matchers, see `parseStep`). */
export interface StagesOptions {
  /**
   * Consideration: viewing a product is any of these steps...
   * @default ['cart:view_item', 'page:/product*', 'page:/products/*']
   */
  product?: string[];
  /**
   * ...or at least this many page views.
   * @default 2
   */
  minPages?: number;
  /**
   * Decision: any of these steps.
   * @default ['cart:add', 'cart:checkout']
   */
  decision?: string[];
  /**
   * The purchase step (retention: a purchase, then a page view in a later session).
   * @default 'cart:purchase'
   */
  purchase?: string;
  /**
   * Advocacy: at least this many orders (distinct `orderId`, else distinct purchase events)...
   * @default 2
   */
  minPurchases?: number;
  /**
   * ...or any of these steps.
   * @default ['track:share', 'track:referral']
   */
  advocacy?: string[];
}

/** What one person has done so far, for staging. */
export interface PersonProgress {
  pages: number;
  product: boolean;
  decision: boolean;
  orders: string[];
  /** Session of the first purchase. */
  purchaseSession: string | null;
  returned: boolean;
  advocacy: boolean;
}

/** State of `createStages`. */
export interface StagesState extends KeyedState {
  persons: Record<string, PersonProgress>;
}

/** Persons whose furthest stage is each stage (they sum to the persons seen). */
export type StagesResult = Record<JourneyStage, number>;

/** A compiled stage model: feed a person's events, read the person's stage. */
export interface StageModel {
  /** Updates `p` with one of the person's events (in time order). */
  track(p: PersonProgress, event: NormalizedEvent): void;
  /** The furthest stage `p` reached. */
  stageOf(p: PersonProgress): JourneyStage;
}

/** A new, empty person progress. */
export function stageProgress(): PersonProgress {
  return { pages: 0, product: false, decision: false, orders: [], purchaseSession: null, returned: false, advocacy: false };
}

/** The order key of a purchase event: its `orderId`, else the event id. */
export function orderKey(event: NormalizedEvent): string {
  return (event.type === 'cart' && event.orderId) || `event:${event.id}`;
}

/**
 * Compiles the stage rules from options (throws `INVALID_STEP` for bad matchers).
 *
 * @example
 * ```ts
 * const m = stageModel();
 * const p = stageProgress();
 * for (const e of personEvents) m.track(p, e);
 * m.stageOf(p); // 'decision'
 * ```
 */
export function stageModel(options: StagesOptions = {}): StageModel {
  const any = (steps: Step[]) => (e: NormalizedEvent) => steps.some((s) => s.matches(e));
  const isProduct = any((options.product ?? ['cart:view_item', 'page:/product*', 'page:/products/*']).map(parseStep));
  const isDecision = any((options.decision ?? ['cart:add', 'cart:checkout']).map(parseStep));
  const isAdvocacy = any((options.advocacy ?? ['track:share', 'track:referral']).map(parseStep));
  const purchase = parseStep(options.purchase ?? 'cart:purchase');
  const minPages = options.minPages ?? 2;
  const minPurchases = options.minPurchases ?? 2;
  return {
    track(p, e) {
      if (e.type === 'page') {
        p.pages += 1;
        if (p.purchaseSession !== null && e.session !== p.purchaseSession) p.returned = true;
      }
      if (isProduct(e)) p.product = true;
      if (isDecision(e)) p.decision = true;
      if (isAdvocacy(e)) p.advocacy = true;
      if (purchase.matches(e)) {
        const k = orderKey(e);
        if (!p.orders.includes(k)) p.orders.push(k);
        p.purchaseSession ??= e.session;
      }
    },
    stageOf(p) {
      if (p.advocacy || p.orders.length >= minPurchases) return 'advocacy';
      if (p.orders.length > 0 && p.returned) return 'retention';
      if (p.decision || p.orders.length > 0) return 'decision';
      if (p.product || p.pages >= minPages) return 'consideration';
      return 'awareness';
    },
  };
}

/** Counts persons per furthest stage. */
export function countStages(model: StageModel, persons: Iterable<PersonProgress>): StagesResult {
  const out = Object.fromEntries(JOURNEY_STAGES.map((s) => [s, 0])) as StagesResult;
  for (const p of persons) out[model.stageOf(p)] += 1;
  return out;
}

/**
 * Journey stages: persons per furthest stage reached. Awareness = seen at all;
 * consideration = viewed a product or ≥ 2 pages; decision = cart add or checkout (or a
 * purchase); retention = a purchase, then a page view in a later session; advocacy = ≥ 2
 * orders or a `track:share` / `track:referral` event. Every rule is an option.
 *
 * @example
 * ```ts
 * const s = createStages({ advocacy: ['track:review'] });
 * for (const e of normalize(events)) s.add(e);
 * s.result(); // { awareness: 420, consideration: 310, decision: 120, retention: 40, advocacy: 12 }
 * ```
 */
export function createStages(options: StagesOptions = {}): Analyzer<StagesState, StagesResult> {
  const model = stageModel(options);
  return defineAnalyzer<StagesState, StagesResult>(
    { key: JSON.stringify(options), persons: dict() },
    {
      name: 'stages',
      add(s, e) {
        // docs/metrics.md, Journey stages: email, tickets, reviews and ad statistics move no stage.
        if (!hasPerson(e) || (!inSession(e) && isServerType(e.type))) return;
        model.track((s.persons[e.person] ??= stageProgress()), e);
      },
      merge(into, other) {
        Object.assign(into.persons, other.persons);
      },
      result: (s) => countStages(model, Object.values(s.persons)),
    },
  );
}

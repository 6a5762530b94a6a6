/**
 * Journey prediction: a first-order Markov chain over journey items (as in paths), with
 * absorbing `(conversion)` and `(exit)` states, fitted on finished sessions; `predict` reads
 * an in-progress session's conversion probability and likely next items from it.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { inSession } from './event-scope.js';
import type { FootfallEvent } from './events.js';
import { absorptionProbabilities, type TransitionCounts } from './lib/absorbingChain.js';
import { addTransition, addTransitions, copyTransitions } from './lib/analyzerState.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { compileClean, pathItem } from './lib/pathItems.js';
import { parseStep } from './matchers.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** Options of `createJourneyModel`. */
export interface JourneyModelOptions {
  /**
   * The conversion step: a session that reaches it ends in `(conversion)`.
   * @default 'cart:purchase'
   */
  conversion?: string;
  /**
   * Cleaning rules for items, as in `createPaths` (`[regex source, replacement]`).
   * @default []
   */
  clean?: ReadonlyArray<readonly [string, string]>;
}

/** A fitted journey model: plain JSON, so it can be shipped to a browser and used with `predict`. */
export interface JourneyModel {
  conversion: string;
  clean: Array<[string, string]>;
  /** Transition counts `from → to → sessions`; `(start)` begins every session. */
  chain: Record<string, Record<string, number>>;
  /** Sessions fitted. */
  sessions: number;
}

/** The JSON state of a journey model being fitted. */
export interface JourneyModelState extends KeyedState {
  /** Each person's open session: key, items so far, `c` = 1 once it converted. */
  open: Record<string, { s: string; i: string[]; c?: 1 }>;
  chain: Record<string, Record<string, number>>;
  sessions: number;
}

/** What `predict` says about an in-progress session. */
export interface JourneyPrediction {
  /** Probability that the session ends in a conversion, from its current item. */
  conversionProbability: number;
  /** Likely next items (`(conversion)` and `(exit)` included), most likely first. */
  next: Array<{ item: string; probability: number }>;
}

/** Chain state names. */
export const JOURNEY_START = '(start)';
export const JOURNEY_CONVERSION = '(conversion)';
export const JOURNEY_EXIT = '(exit)';

/**
 * Creates the analyzer that fits a `JourneyModel` (its `result()`). Sessions finish when the
 * person's next session begins, or at `result()`.
 *
 * @example
 * ```ts
 * const fit = createJourneyModel({ clean: [['/product/*', '/product/*']] });
 * for (const e of normalize(history)) fit.add(e);
 * const model = fit.result();
 * predict(model, currentSessionEvents); // { conversionProbability: 0.31, next: [{ item: 'cart:add', probability: 0.4 }, ...] }
 * ```
 */
export function createJourneyModel(options: JourneyModelOptions = {}): Analyzer<JourneyModelState, JourneyModel> {
  const conversionText = options.conversion ?? 'cart:purchase';
  const conversion = parseStep(conversionText);
  const cleanRules = (options.clean ?? []).map(([p, r]) => [String(p), r] as [string, string]);
  const clean = compileClean(cleanRules);
  const state: JourneyModelState = { key: JSON.stringify({ j: 1, conversion: conversionText, clean: cleanRules }), open: dict(), chain: dict(), sessions: 0 };

  const finish = (into: JourneyModelState, open: { i: readonly string[]; c?: 1 }) => {
    if (open.i.length === 0 && !open.c) return;
    let from = JOURNEY_START;
    for (const item of open.i) {
      addTransition(into.chain, from, item);
      from = item;
    }
    addTransition(into.chain, from, open.c ? JOURNEY_CONVERSION : JOURNEY_EXIT);
    into.sessions++;
  };

  return defineAnalyzer<JourneyModelState, JourneyModel>(state, {
    name: 'journey model',
    add(s, event) {
      if (!inSession(event)) return;
      let open = s.open[event.person];
      if (!open || open.s !== event.session) {
        if (open) finish(s, open);
        open = s.open[event.person] = { s: event.session, i: [] };
      }
      if (open.c) return;
      if (conversion.matches(event)) {
        open.c = 1;
        return;
      }
      const item = pathItem(event, clean);
      if (item !== undefined && open.i[open.i.length - 1] !== item) open.i.push(item);
    },
    merge(into, other) {
      addTransitions(into.chain, other.chain);
      into.sessions += other.sessions;
      for (const [person, open] of Object.entries(other.open)) if (!into.open[person]) into.open[person] = open;
    },
    result(s) {
      const done: JourneyModelState = { ...s, chain: copyTransitions(s.chain) };
      for (const open of Object.values(s.open)) finish(done, open);
      return { conversion: conversionText, clean: cleanRules, chain: done.chain, sessions: done.sessions };
    },
  });
}

const solved = new WeakMap<JourneyModel, Map<string, number>>();

/**
 * Predicts an in-progress session from a fitted model: the conversion probability from the
 * session's current (last) item, and the likely next items. A session that already converted
 * has probability 1; an item the model never saw falls back to the `(start)` state.
 *
 * @example
 * ```ts
 * const { conversionProbability, next } = predict(model, eventsOfThisSession);
 * ```
 */
export function predict(model: JourneyModel, sessionEvents: readonly FootfallEvent[]): JourneyPrediction {
  const conversion = parseStep(model.conversion);
  const clean = compileClean(model.clean);
  let last = JOURNEY_START;
  for (const e of sessionEvents) {
    if (conversion.matches(e)) return { conversionProbability: 1, next: [] };
    last = pathItem(e, clean) ?? last;
  }
  let probabilities = solved.get(model);
  if (!probabilities) {
    probabilities = absorptionProbabilities(model.chain as TransitionCounts, JOURNEY_CONVERSION);
    solved.set(model, probabilities);
  }
  const from = model.chain[last] ? last : JOURNEY_START;
  const row = (Object.hasOwn(model.chain, from) ? model.chain[from] : undefined) ?? dict<number>();
  let total = 0;
  for (const n of Object.values(row)) total += n;
  const next = Object.entries(row)
    .map(([item, n]) => ({ item, probability: n / total }))
    .sort((a, b) => b.probability - a.probability || (a.item < b.item ? -1 : 1))
    .slice(0, 5);
  return { conversionProbability: probabilities.get(from) ?? 0, next };
}

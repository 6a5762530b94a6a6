/**
 * Channel attribution (docs/metrics.md#attribution): rule-based models and the
 * first-order Markov removal effect, solved exactly on the absorbing chain.
 */
import type { Analyzer, NormalizedEvent } from './analyzer.js';
import { hasPerson, inSession } from './event-scope.js';
import { FootfallError } from './errors.js';
import { absorptionProbabilities } from './lib/absorbingChain.js';
import { addTransition, addTransitions, copyTransitions } from './lib/analyzerState.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { parseStep } from './matchers.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** An attribution model. */
export type AttributionModel = 'markov' | 'first' | 'last' | 'linear' | 'time-decay' | 'position';

/** Options of `createAttribution`. */
export interface AttributionOptions {
  /**
   * `markov` (removal effect), `first`/`last` touch, `linear`, `time-decay` (half-life
   * `halfLifeMs`), `position` (40/20/40; one touch 100 %, two 50/50).
   * @default 'markov'
   */
  model?: AttributionModel;
  /**
   * The conversion step (step matcher).
   * @default 'cart:purchase'
   */
  conversion?: string;
  /**
   * Half-life of the time-decay model, ms.
   * @default 604800000 (7 days)
   */
  halfLifeMs?: number;
}

/** A channel's credit. */
export interface ChannelCredit {
  /** Channel name (`google/cpc`, `newsletter/email`, `direct`). */
  channel: string;
  /** Conversions credited to it (fractional). */
  conversions: number;
  /** Markov only: `1 − P(conv | channel removed) / P(conv)`. */
  removalEffect?: number;
}

/** `footfall attribution --json` (docs/cli.md#footfall-attribution). */
export interface AttributionResult {
  /** Most credited first. */
  channels: ChannelCredit[];
  /** P(conversion) of the journey chain from its start. */
  conversionProbability: number;
}

/** The JSON state of an attribution analyzer. */
export interface AttributionState extends KeyedState {
  /** Each person's journey since their last conversion: `[channel, session start ts][]`, and their current session. */
  open: Record<string, { s: string; j: Array<[string, number]> }>;
  /** Chain transition counts: `from → to → count`, with `(start)`, `(conversion)`, `(null)`. */
  chain: Record<string, Record<string, number>>;
  /** Rule models: credit per channel. */
  credit: Record<string, number>;
  /** Conversions seen. */
  conversions: number;
}

/** The attribution models (docs/metrics.md, "Attribution"). */
export const ATTRIBUTION_MODELS: readonly AttributionModel[] = ['markov', 'first', 'last', 'linear', 'time-decay', 'position'];
const MODELS = ATTRIBUTION_MODELS;
const START = '(start)';
const CONVERSION = '(conversion)';
const NULL = '(null)';

/** Weights of each touch of a converting journey under a rule model (sum 1). */
function ruleWeights(model: Exclude<AttributionModel, 'markov'>, times: readonly number[], at: number, halfLifeMs: number): number[] {
  const n = times.length;
  switch (model) {
    case 'first':
      return times.map((_, i) => (i === 0 ? 1 : 0));
    case 'last':
      return times.map((_, i) => (i === n - 1 ? 1 : 0));
    case 'linear':
      return times.map(() => 1 / n);
    case 'position':
      if (n <= 2) return times.map(() => 1 / n);
      return times.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
    case 'time-decay': {
      const raw = times.map((t) => 2 ** (-(at - t) / halfLifeMs));
      const sum = raw.reduce((a, b) => a + b, 0);
      return raw.map((w) => w / sum);
    }
  }
}

/** Credits closer than this, relative to the larger (absolute below 1), are a tie: float noise, not a difference. */
const TIE = 1e-9;

/**
 * Most credited first; ties list by name. Merged shards sum credits and solve the chain in
 * another order, so equal credits differ in the last bits: a run of credits each within
 * `TIE` of the previous one is one tie group, sorted by name. (Rounding to a 1e-9 grid
 * instead would split values that sit on a grid midpoint, like k/1024, by their noise.)
 * Internal: exported for tests, not from the package.
 */
export function byCredit(credits: ChannelCredit[]): ChannelCredit[] {
  const name = (a: ChannelCredit, b: ChannelCredit) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0);
  const sorted = [...credits].sort((a, b) => b.conversions - a.conversions || name(a, b));
  const out: ChannelCredit[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j - 1].conversions - sorted[j].conversions <= TIE * Math.max(1, Math.abs(sorted[j - 1].conversions))) j++;
    out.push(...sorted.slice(i, j).sort(name));
    i = j;
  }
  return out;
}

/**
 * Creates an attribution analyzer. A journey is a person's sequence of session channels up to
 * each conversion (then a new journey starts); what is left at the end is a journey that did
 * not convert. Markov: removal effect on the first-order absorbing chain, credit =
 * conversions × RE(c) / Σ RE.
 *
 * @example
 * ```ts
 * const a = createAttribution({ model: 'markov' });
 * for (const e of normalize(events)) a.add(e);
 * a.result(); // { channels: [{ channel: 'google/cpc', conversions: 2.4, removalEffect: 0.75 }, ...], conversionProbability: 0.8 }
 * ```
 */
export function createAttribution(options: AttributionOptions = {}): Analyzer<AttributionState, AttributionResult> {
  const model = options.model ?? 'markov';
  if (!MODELS.includes(model)) throw new FootfallError('INVALID_OPTION', `attribution model "${model}" is not one of ${MODELS.join(', ')}`);
  const conversionText = options.conversion ?? 'cart:purchase';
  const conversion = parseStep(conversionText);
  const halfLifeMs = options.halfLifeMs ?? 7 * 86_400_000;
  if (!(halfLifeMs > 0)) throw new FootfallError('INVALID_OPTION', `halfLifeMs must be > 0 (got ${halfLifeMs})`);
  const state: AttributionState = {
    key: JSON.stringify({ a: 1, model, conversion: conversionText, halfLifeMs }),
    open: dict(),
    chain: dict(),
    credit: dict(),
    conversions: 0,
  };

  const journey = (into: AttributionState, touches: ReadonlyArray<readonly [string, number]>, convertedAt: number | null) => {
    let from = START;
    for (const [channel] of touches) {
      addTransition(into.chain, from, channel);
      from = channel;
    }
    addTransition(into.chain, from, convertedAt === null ? NULL : CONVERSION);
    if (convertedAt === null) return;
    into.conversions++;
    if (model === 'markov') return;
    const weights = ruleWeights(model, touches.map(([, t]) => t), convertedAt, halfLifeMs);
    touches.forEach(([channel], i) => {
      into.credit[channel] = (into.credit[channel] ?? 0) + weights[i];
    });
  };

  return defineAnalyzer<AttributionState, AttributionResult>(state, {
    name: 'attribution',
    add(s, event) {
      if (!hasPerson(event)) return;
      if (!inSession(event)) {
        // docs/metrics.md, Attribution: outside a session an event is no touch, but a conversion (a server order) closes the open journey.
        const open = s.open[event.person];
        if (open && open.j.length > 0 && conversion.matches(event)) {
          journey(s, open.j, event.ts);
          open.j = [];
        }
        return;
      }
      const channel = event.channel?.name ?? 'direct';
      let open = s.open[event.person];
      if (!open) open = s.open[event.person] = { s: event.session, j: [[channel, event.ts]] };
      else if (open.s !== event.session) {
        open.s = event.session;
        open.j.push([channel, event.ts]);
      }
      if (!conversion.matches(event)) return;
      journey(s, open.j.length > 0 ? open.j : [[channel, event.ts]], event.ts);
      open.j = [];
    },
    merge(into, other) {
      addTransitions(into.chain, other.chain);
      for (const [channel, c] of Object.entries(other.credit)) into.credit[channel] = (into.credit[channel] ?? 0) + c;
      into.conversions += other.conversions;
      for (const [person, open] of Object.entries(other.open)) if (!into.open[person]) into.open[person] = open;
    },
    result(s) {
      const done: AttributionState = { ...s, chain: copyTransitions(s.chain), credit: copyDict(s.credit) };
      for (const open of Object.values(s.open)) if (open.j.length > 0) journey(done, open.j, null);
      const channels = Object.keys(done.chain).filter((s) => s !== START);
      const p = absorptionProbabilities(done.chain, CONVERSION).get(START) ?? 0;
      let credits: ChannelCredit[];
      if (model === 'markov') {
        const effects = channels.map((c) => {
          const without = absorptionProbabilities(done.chain, CONVERSION, new Set([c])).get(START) ?? 0;
          return p > 0 ? Math.max(0, 1 - without / p) : 0;
        });
        const sum = effects.reduce((a, b) => a + b, 0);
        credits = channels.map((channel, i) => ({
          channel,
          conversions: sum > 0 ? (done.conversions * effects[i]) / sum : 0,
          removalEffect: effects[i],
        }));
      } else {
        credits = channels.map((channel) => ({ channel, conversions: done.credit[channel] ?? 0 }));
      }
      return { channels: byCredit(credits), conversionProbability: p };
    },
  });
}

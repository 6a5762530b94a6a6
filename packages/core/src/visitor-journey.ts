/**
 * One visitor's own journey, from their recent events and a site model fitted on everyone's
 * (docs/sdk.md#journey): stage (`stageModel`), progress through the site's main funnel
 * (`createFunnel`), and the current session's conversion probability and likely next steps
 * (`predict`). The same function runs in the collector's tests in Node and in the browser
 * SDK's journey extra, so both give the same answer for the same events and model.
 */
import type { NormalizedEvent } from './analyzer.js';
import type { FootfallEvent } from './events.js';
import { FootfallError } from './errors.js';
import { createFunnel } from './funnel.js';
import { normalize } from './normalize.js';
import { predict, type JourneyModel, type JourneyPrediction } from './predict.js';
import { stageModel, stageProgress, type JourneyStage, type StagesOptions } from './stages.js';

/** The site model `GET /v1/model` serves (docs/collector.md#get-v1model): plain JSON. */
export interface SiteModel {
  /** Content hash of the rest of the model: a new fit with the same content keeps it. */
  version: string;
  /** The journey model (`createJourneyModel(...).result()`). */
  journey: JourneyModel;
  /** The site's main funnel, as step matchers. */
  funnel: string[];
  /** Stage rules (`createStages` options). @default the core's defaults */
  stages?: StagesOptions;
}

/** A visitor's own journey (`visitorJourney`). */
export interface VisitorJourney {
  /** The furthest journey stage reached; `null` before any event. */
  stage: JourneyStage | null;
  /** The main funnel's steps, and how many of them the visitor has reached in order. */
  funnel: { steps: string[]; reached: number };
  /** Probability that the current session ends in a conversion (`predict`). */
  conversionProbability: number;
  /** Likely next steps of the current session, most likely first (`predict`). */
  next: JourneyPrediction['next'];
}

/**
 * The visitor's journey from their own events (any order; duplicates dropped) and a site
 * model. The events' device context is not needed and is left out (no user agent is parsed).
 * Throws `INVALID_OPTION` for a model that is not one.
 *
 * @example
 * ```ts
 * const j = visitorJourney(await (await fetch('/v1/model')).json(), recentEvents);
 * j.stage; // 'decision'
 * j.conversionProbability; // 0.31
 * ```
 */
export function visitorJourney(model: SiteModel, events: readonly FootfallEvent[]): VisitorJourney {
  if (!model || typeof model !== 'object' || !model.journey || typeof model.journey.chain !== 'object' || !Array.isArray(model.funnel)) {
    throw new FootfallError('INVALID_OPTION', 'not a site model: pass the JSON of GET /v1/model ({ version, journey, funnel })');
  }
  const normalized = normalize(events.map(({ ctx: _ctx, ...e }) => e as FootfallEvent));
  const last = normalized[normalized.length - 1];
  const mine: NormalizedEvent[] = last ? normalized.filter((e) => e.person === last.person) : [];
  const stages = stageModel(model.stages);
  const progress = stageProgress();
  const funnel = createFunnel({ steps: model.funnel });
  for (const e of mine) {
    stages.track(progress, e);
    funnel.add(e);
  }
  const steps = funnel.result().steps;
  const session = last ? mine.filter((e) => e.session === last.session) : [];
  const { conversionProbability, next } = predict(model.journey, session);
  return {
    stage: last ? stages.stageOf(progress) : null,
    funnel: { steps: steps.map((s) => s.step), reached: steps.filter((s) => s.count > 0).length },
    conversionProbability,
    next,
  };
}

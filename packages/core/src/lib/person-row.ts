/**
 * What the persons analyzers share: their options, the state they keep (person records plus
 * the journey model fitted on everyone's sessions, docs/metrics.md#prediction) and the row
 * a person becomes in a result (docs/metrics.md#persons).
 */
import type { DeviceClass, NormalizedEvent } from '../analyzer.js';
import { hasPerson } from '../event-scope.js';
import { parseStep } from '../matchers.js';
import { createJourneyModel, predict, type JourneyModel, type JourneyModelState, type JourneyPrediction } from '../predict.js';
import { stageModel, type JourneyStage, type StageModel, type StagesOptions } from '../stages.js';
import type { Analyzer } from '../analyzer.js';
import { dict, type Dict } from './dict.js';
import { emptyPerson, trackPerson, type PersonRecord, type PersonTracking } from './person-record.js';
import type { KeyedState } from './define-analyzer.js';

/** Options every persons analyzer takes. */
export interface PersonModelOptions {
  /**
   * Journey stage rules (see `createStages`).
   * @default {} (the stages of docs/metrics.md#journey-stages)
   */
  stages?: StagesOptions;
  /**
   * The conversion step of the journey model that gives each person's conversion probability.
   * @default 'cart:purchase'
   */
  conversion?: string;
}

/** One person in a result: who they are and what they did (docs/metrics.md#persons). */
export interface PersonRow {
  /** The stitched person key: the `userId` when known, else the device's `anonymousId`. */
  person: string;
  /** The `userId`, when an event carried one. */
  userId: string | null;
  /** The person's devices (`anonymousId`s), first seen first (at most 50). */
  devices: string[];
  /** First and last seen: the earliest and latest `ts` of the person's events (an email sent to them does not count). */
  firstSeen: number;
  lastSeen: number;
  /** Web sessions. */
  sessions: number;
  /** Orders (distinct `orderId`, else distinct purchase events), as KPIs count them. */
  orders: number;
  /** Revenue: each order's value once (`value`, else Σ price × quantity). Lifetime value (LTV) to date. */
  revenue: number;
  /** The furthest journey stage reached (awareness → advocacy). */
  stage: JourneyStage;
  /** Probability that the person's latest session ends in a conversion (the journey model's `predict`); 1 when it converted, `null` without a web session. */
  conversionProbability: number | null;
  /** Entry channels of their sessions, in first-touch order (at most 20). */
  channels: string[];
  /** Device classes of their sessions' first events. */
  deviceClasses: DeviceClass[];
  /** Support contacts (distinct tickets) and reviews. */
  tickets: number;
  reviews: number;
}

/** The state every persons analyzer carries. */
export interface PersonModelState extends KeyedState {
  /** Person key → record. */
  persons: Dict<PersonRecord>;
  /** The journey model being fitted on every person's sessions. */
  model: JourneyModelState;
}

/** The compiled rules and journey-model fit one persons analyzer uses. */
export interface PersonModel {
  state: PersonModelState;
  /** Feeds the journey model (every event) — call once per event. */
  fit(e: NormalizedEvent): void;
  /** Tracks `e` into the person's record (created when new). */
  track(e: NormalizedEvent): void;
  /** Folds another shard's state in (disjoint persons). */
  merge(other: PersonModelState): void;
  /** The fitted journey model. */
  fitted(): JourneyModel;
  /** A record's row, with its prediction from `model`. */
  row(person: string, p: PersonRecord, model: JourneyModel): PersonRow & { prediction: JourneyPrediction | null };
}

/**
 * Builds the shared part of a persons analyzer. `detail` keeps the profile detail
 * (sessions, tickets, reviews, traits) in each record.
 */
export function personModel(options: PersonModelOptions, key: string, detail: boolean): PersonModel {
  const conversion = options.conversion ?? 'cart:purchase';
  const stages: StageModel = stageModel(options.stages);
  const step = parseStep(conversion);
  const how: PersonTracking = { stages, isConversion: (e) => step.matches(e), detail };
  const journeys: Analyzer<JourneyModelState, JourneyModel> = createJourneyModel({ conversion });
  const state: PersonModelState = { key, persons: dict(), model: journeys.state };
  return {
    state,
    fit: (e) => journeys.add(e),
    track(e) {
      if (!hasPerson(e)) return;
      const p = Object.hasOwn(state.persons, e.person) ? state.persons[e.person] : (state.persons[e.person] = emptyPerson(e.ts));
      trackPerson(p, e, how);
    },
    merge(other) {
      Object.assign(state.persons, other.persons);
      journeys.merge(other.model);
    },
    fitted: () => journeys.result(),
    row(person, p, model) {
      const prediction = p.s === 0 ? null : p.pc ? { conversionProbability: 1, next: [] } : predict(model, p.pe ? [p.pe as NormalizedEvent] : []);
      return {
        person,
        userId: p.u,
        devices: [...p.d],
        firstSeen: p.f,
        lastSeen: p.l,
        sessions: p.s,
        orders: p.st.orders.length,
        revenue: p.rev,
        stage: stages.stageOf(p.st),
        conversionProbability: prediction ? prediction.conversionProbability : null,
        channels: [...p.ch],
        deviceClasses: [...p.dv],
        tickets: p.tn,
        reviews: p.rn,
        prediction,
      };
    },
  };
}

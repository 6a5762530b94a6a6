export { FootfallError, type FootfallErrorCode } from './errors.js';
export {
  LIMITS, EVENT_TYPES, VITAL_METRICS, VITAL_RATINGS, CART_ACTIONS, eventSchemas, validateEvent, checkEnvelope,
  type EventType, type VitalMetric, type VitalRating, type CartAction, type EventContext, type CartItem,
  type PageEvent, type ClickEvent, type ScrollEvent, type VitalsEvent, type CartEvent, type TrackEvent,
  type IdentifyEvent, type FootfallEvent, type Envelope, type Validation, type EnvelopeCheck,
} from './events.js';
export { utf8Length, type Json, type JsonObject } from './schema.js';
export { parseDuration, type DurationOptions, type DurationUnit } from './duration.js';
export type { Analyzer, NormalizedEvent, Agent, Channel, DeviceClass } from './analyzer.js';
export { parseStep, parseSteps, globToRegExp, urlPath, stepSubject, type Step } from './matchers.js';
export { compileGlob, type GlobMatcher, type GlobSteps } from './glob.js';
export {
  createSketch, sketchAdd, sketchMerge, sketchQuantile, sketchMean, SKETCH_EXACT_LIMIT, SKETCH_RELATIVE_ERROR, type SketchState,
} from './sketch.js';
export { erfc, normalCdf, twoProportionZTest, type ZTest } from './stats.js';
export {
  rateVital, createVitals, RATED_VITALS, VITAL_THRESHOLDS,
  type RatedVital, type VitalSummary, type VitalsOptions, type VitalsState, type VitalsResult,
} from './vitals.js';
export {
  trackRage, countRageRuns, isDeadClick, RAGE_MIN_CLICKS, RAGE_MAX_GAP_MS, RAGE_MAX_DISTANCE_PX, type RageTracker, type ClickPoint,
} from './frustration.js';
export { correctSkew, correctedTs } from './skew.js';
export { parseAgent, deviceOfWidth, DEVICE_CLASSES } from './agent.js';
export { channelOf } from './channel.js';
export { createIdentity, type Identity } from './identity.js';
export { createDedupe, type Dedupe } from './dedupe.js';
export {
  createSessionizer, clientSessionKey, cutSessionKey, DEFAULT_SESSION_GAP_MS, DEFAULT_SESSION_MAX_MS,
  type SessionOptions, type SessionState, type Sessionizer,
} from './sessions.js';
export { createNormalizer, normalize, compareNormalized, type NormalizeOptions, type Normalizer } from './normalize.js';
export { analyze, analyzeStream, type AnalyzeStreamOptions } from './pipeline.js';
export { createSessionFilter, type SessionFilterOptions, type SessionFilter } from './session-filter.js';
export { parseSessionFilter, type SessionFilterText, type ParseSessionFilterOptions } from './parse-session-filter.js';
export { parseEventLine, splitLines, type ParsedLine } from './ndjson.js';
export { createPages, SCROLL_REACH_DEPTHS, type PagesOptions, type PagesState, type PagesResult, type PageMetrics } from './pages.js';
export {
  createHeatmap, SCROLL_BUCKET_PX, CLICK_ROW_PX,
  type HeatmapOptions, type HeatmapState, type HeatCell, type ElementCell, type ScrollBucket, type ClickHeatmap, type ScrollHeatmap,
} from './heatmap.js';
export {
  createStages, stageModel, createProgress, countStages, JOURNEY_STAGES,
  type JourneyStage, type StagesOptions, type StagesState, type StagesResult, type PersonProgress, type StageModel,
} from './stages.js';
export { createKpis, type KpisOptions, type KpisState, type KpisResult, type KpisDay, type RetentionCohort } from './kpis.js';
export {
  createFunnel, type FunnelOptions, type FunnelMode, type FunnelResult, type FunnelStepResult, type FunnelBreakdownResult, type FunnelState,
} from './funnel.js';
export {
  createPaths, type PathsOptions, type PathsResult, type PathsState, type PathNode, type PathLink, type PathTransition,
} from './paths.js';
export { type CleanRule } from './lib/pathItems.js';
export {
  createAttribution, type AttributionOptions, type AttributionModel, type AttributionResult, type AttributionState, type ChannelCredit,
} from './attribution.js';
export {
  createJourneyModel, predict, JOURNEY_START, JOURNEY_CONVERSION, JOURNEY_EXIT,
  type JourneyModelOptions, type JourneyModel, type JourneyModelState, type JourneyPrediction,
} from './predict.js';
export {
  createBottlenecks, mainCallToAction, BOTTLENECK_SIGNALS, BOTTLENECK_DEFAULT_SIGNALS, BOTTLENECK_OPT_IN_SIGNALS,
  type BottlenecksOptions, type BottlenecksState, type BottlenecksResult, type Bottleneck, type BottleneckSignal,
} from './bottlenecks.js';

/**
 * The public API of @footfall/core: what users of the core need (events and their checks,
 * the pipeline, the analyzers, the rules other packages share). Internals (sketches, the
 * z-test, the rage tracker, the journey model's node names, …) stay off it (docs/core.md).
 */
export { FootfallError, type FootfallErrorCode } from './errors.js';
export {
  LIMITS, EVENT_TYPES, BROWSER_TYPES, SERVER_TYPES, EMAIL_ACTIONS, VITAL_METRICS, VITAL_RATINGS, CART_ACTIONS, eventSchemas, validateEvent, checkEnvelope,
  type EventType, type EventOrigin, type ValidateOptions, type EmailAction, type VitalMetric, type VitalRating, type CartAction, type EventContext, type CartItem,
  type PageEvent, type ClickEvent, type ScrollEvent, type VitalsEvent, type CartEvent, type TrackEvent,
  type IdentifyEvent, type EmailEvent, type TicketEvent, type ReviewEvent, type AdStatsEvent,
  type FootfallEvent, type Envelope, type Validation, type EnvelopeCheck,
} from './events.js';
export { inSession, hasPerson, startsSessions, isServerType, NO_PERSON, NO_SESSION } from './event-scope.js';
export type { Json, JsonObject } from './schema.js';
export { parseDuration, type DurationOptions, type DurationUnit } from './duration.js';
export type { Analyzer, NormalizedEvent, Agent, Channel, DeviceClass } from './analyzer.js';
export { parseState, stateMessage } from './parse-state.js';
export { parseStep, parseSteps, globToRegExp, urlPath, stepSubject, type Step } from './matchers.js';
export type { SketchState } from './sketch.js';
export { compileGlob, type GlobMatcher, type GlobSteps } from './glob.js';
export {
  rateVital, createVitals, RATED_VITALS, VITAL_THRESHOLDS,
  type RatedVital, type VitalSummary, type VitalsOptions, type VitalsState, type VitalsResult,
} from './vitals.js';
export { correctSkew, correctedTs } from './skew.js';
export { parseAgent, deviceOfWidth, DEVICE_CLASSES } from './agent.js';
export { channelOf, utmChannel } from './channel.js';
export { keepParams, keepEventParams, parseKeepParams, DEFAULT_KEEP_PARAMS } from './keep-params.js';
export { identityLinks, stitchedPerson, personSlice, personHashOfBytes, type Identity } from './identity.js';
export { idSet, idTablesOverlap, recentIdWindow, type Dedupe, type RecentIdWindow } from './dedupe.js';
export {
  sessionCutter, DEFAULT_SESSION_GAP_MS, DEFAULT_SESSION_MAX_MS,
  type SessionOptions, type SessionState, type Sessionizer,
} from './sessions.js';
export { eventNormalizer, normalize, compareNormalized, type NormalizeOptions, type NormalizerOptions, type Normalizer } from './normalize.js';
export { analyze, analyzeStream, type AnalyzeStreamOptions } from './pipeline.js';
export {
  ANALYSIS_NAMES, ANALYSIS_OPTIONS, parseAnalysisOptions, createAnalysis,
  type AnalysisName, type AnalysisOption, type AnalysisOptionsMap, type AnalyzerMap, type OptionText, type ParseAnalysisOptions,
} from './analysis-options.js';
export { keepSessions, type SessionFilterOptions, type SessionFilter } from './session-filter.js';
export { parseSessionFilter, type SessionFilterText, type ParseSessionFilterOptions } from './parse-session-filter.js';
export { parseEventLine, splitLines, type ParsedLine } from './ndjson.js';
export { createPages, SCROLL_REACH_DEPTHS, type PagesOptions, type PagesState, type PagesResult, type PageMetrics } from './pages.js';
export {
  createHeatmap, SCROLL_BUCKET_PX, CLICK_ROW_PX,
  type HeatmapOptions, type HeatmapState, type HeatCell, type ElementCell, type ScrollBucket, type ClickHeatmap, type ScrollHeatmap,
} from './heatmap.js';
export {
  createStages, stageModel, stageProgress, JOURNEY_STAGES,
  type JourneyStage, type StagesOptions, type StagesState, type StagesResult, type PersonProgress, type StageModel,
} from './stages.js';
export { createKpis, type KpisOptions, type KpisState, type KpisResult, type KpisDay, type RetentionCohort } from './kpis.js';
export {
  createFunnel, DEFAULT_FUNNEL_STEPS, FUNNEL_MODES, type FunnelOptions, type FunnelMode, type FunnelResult, type FunnelStepResult, type FunnelBreakdownResult, type FunnelState,
} from './funnel.js';
export {
  createPaths, type PathsOptions, type PathsResult, type PathsState, type PathNode, type PathLink, type PathTransition,
} from './paths.js';
export { type CleanRule } from './lib/pathItems.js';
export {
  createAttribution, ATTRIBUTION_MODELS, type AttributionOptions, type AttributionModel, type AttributionResult, type AttributionState, type ChannelCredit,
} from './attribution.js';
export {
  createJourneyModel, predict,
  type JourneyModelOptions, type JourneyModel, type JourneyModelState, type JourneyPrediction,
} from './predict.js';
export { visitorJourney, type SiteModel, type VisitorJourney } from './visitor-journey.js';
export {
  createBottlenecks, BOTTLENECK_SIGNALS, BOTTLENECK_DEFAULT_SIGNALS, BOTTLENECK_OPT_IN_SIGNALS,
  type BottlenecksOptions, type BottlenecksState, type BottlenecksResult, type Bottleneck, type BottleneckSignal,
} from './bottlenecks.js';
export {
  createChannels, LANDING_MISMATCH,
  type ChannelsOptions, type ChannelsState, type ChannelsResult, type ChannelRow, type ChannelDimension, type LandingFlag,
} from './channels.js';
export { createEmail, type EmailOptions, type EmailState, type EmailResult, type EmailCampaign } from './email.js';
export {
  createService, type ServiceOptions, type ServiceState, type ServiceResult, type ContactRate, type ServiceTime, type RepeatGroup,
} from './service.js';
export {
  createProducts, RARELY_BOUGHT, type ProductsOptions, type ProductsState, type ProductsResult, type ProductRow, type RarelyBoughtFlag,
} from './products.js';
export {
  createPersons, PERSONS_SORTS, type PersonsOptions, type PersonsState, type PersonsResult, type PersonsSort, type PersonsSince,
} from './persons.js';
export {
  createPersonProfile, type PersonProfileOptions, type PersonProfileState, type PersonProfile, type ProfileSession, type TimelineGroup,
} from './person-profile.js';
export { personsCsv, PERSONS_CSV_COLUMNS } from './persons-csv.js';
export type { PersonRow, PersonModelOptions } from './lib/person-row.js';
export { PERSON_BOUNDS, type PersonTicketRecord, type PersonReviewRecord } from './lib/person-record.js';
export { FRICTION_SIGNALS, type Friction, type FrictionSignal } from './lib/friction-persons.js';
export { JOURNEY_SIGNALS, CONTACT_WINDOW_MS, type JourneySignal, type JourneySignalOptions, type JourneySignalsState } from './journey-signals.js';

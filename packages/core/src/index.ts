export { FootfallError, type FootfallErrorCode } from './errors.js';
export {
  LIMITS, EVENT_TYPES, VITAL_METRICS, VITAL_RATINGS, CART_ACTIONS, eventSchemas, validateEvent, checkEnvelope,
  type EventType, type VitalMetric, type VitalRating, type CartAction, type EventContext, type CartItem,
  type PageEvent, type ClickEvent, type ScrollEvent, type VitalsEvent, type CartEvent, type TrackEvent,
  type IdentifyEvent, type FootfallEvent, type Envelope, type Validation, type EnvelopeCheck,
} from './events.js';
export { utf8Length, type Json, type JsonObject } from './schema.js';
export type { Analyzer, NormalizedEvent, Agent, Channel, DeviceClass } from './analyzer.js';
export { parseStep, parseSteps, globToRegExp, urlPath, stepSubject, type Step } from './matchers.js';

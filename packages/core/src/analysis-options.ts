/**
 * The options of every analysis as people write them: command-line flags (`--window 7d`)
 * and query parameters (`window=7d`) are one vocabulary, read by one parser from one table
 * (docs/cli.md, docs/collector.md). The CLI and the collector's query API both call it.
 */
import type { Analyzer } from './analyzer.js';
import { ATTRIBUTION_MODELS, createAttribution, type AttributionOptions, type AttributionResult, type AttributionState } from './attribution.js';
import { DEVICE_CLASSES } from './agent.js';
import {
  BOTTLENECK_SIGNALS, createBottlenecks, type BottlenecksOptions, type BottlenecksResult, type BottlenecksState,
} from './bottlenecks.js';
import { createChannels, type ChannelsOptions, type ChannelsResult, type ChannelsState } from './channels.js';
import { parseDuration } from './duration.js';
import { createEmail, type EmailOptions, type EmailResult, type EmailState } from './email.js';
import { DIMENSIONS } from './lib/campaign-rows.js';
import { createProducts, type ProductsOptions, type ProductsResult, type ProductsState } from './products.js';
import { createService, type ServiceOptions, type ServiceResult, type ServiceState } from './service.js';
import { FootfallError } from './errors.js';
import { createFunnel, FUNNEL_MODES, type FunnelOptions, type FunnelResult, type FunnelState } from './funnel.js';
import { createHeatmap, type ClickHeatmap, type HeatmapOptions, type HeatmapState, type ScrollHeatmap } from './heatmap.js';
import { createKpis, type KpisOptions, type KpisResult, type KpisState } from './kpis.js';
import { createPages, type PagesOptions, type PagesResult, type PagesState } from './pages.js';
import { createPaths, type PathsOptions, type PathsResult, type PathsState } from './paths.js';
import { createPersonProfile, type PersonProfile, type PersonProfileOptions, type PersonProfileState } from './person-profile.js';
import { createPersons, PERSONS_SORTS, type PersonsOptions, type PersonsResult, type PersonsState } from './persons.js';
import { JOURNEY_STAGES } from './stages.js';
import { LIMITS } from './events.js';
import { FRICTION_SIGNALS } from './lib/friction-persons.js';

/** The analyses that take options from text: the CLI's analysis commands and the query API's endpoints. */
export const ANALYSIS_NAMES = ['funnel', 'paths', 'pages', 'heatmap', 'bottlenecks', 'kpis', 'attribution', 'channels', 'email', 'service', 'products', 'persons', 'person'] as const;
/** One analysis name. */
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/** The options object each analysis's `create*` takes. */
export interface AnalysisOptionsMap {
  funnel: FunnelOptions;
  paths: PathsOptions;
  pages: PagesOptions;
  heatmap: HeatmapOptions;
  bottlenecks: BottlenecksOptions;
  kpis: KpisOptions;
  attribution: AttributionOptions;
  channels: ChannelsOptions;
  email: EmailOptions;
  service: ServiceOptions;
  products: ProductsOptions;
  persons: PersonsOptions;
  person: PersonProfileOptions;
}

/** The analyzer each analysis makes. */
export interface AnalyzerMap {
  funnel: Analyzer<FunnelState, FunnelResult>;
  paths: Analyzer<PathsState, PathsResult>;
  pages: Analyzer<PagesState, PagesResult>;
  heatmap: Analyzer<HeatmapState, ClickHeatmap | ScrollHeatmap>;
  bottlenecks: Analyzer<BottlenecksState, BottlenecksResult>;
  kpis: Analyzer<KpisState, KpisResult>;
  attribution: Analyzer<AttributionState, AttributionResult>;
  channels: Analyzer<ChannelsState, ChannelsResult>;
  email: Analyzer<EmailState, EmailResult>;
  service: Analyzer<ServiceState, ServiceResult>;
  products: Analyzer<ProductsState, ProductsResult>;
  persons: Analyzer<PersonsState, PersonsResult>;
  person: Analyzer<PersonProfileState, PersonProfile | null>;
}

/** One option as text: its name is the flag (`--NAME`) and the query parameter (`NAME=`). */
export interface AnalysisOption {
  /** Flag and parameter name. */
  readonly name: string;
  /** Repeatable: `--step a --step b`, `step=a&step=b` (in order). A single-valued option given twice takes the last. */
  readonly multiple: boolean;
  /** Must be given. */
  readonly required: boolean;
  /** A value it takes, for messages and help. */
  readonly example: string;
}

/** Where option text comes from: every value given for a name (none: `[]`). */
export type OptionText = (name: string) => readonly string[];

/** Options of `parseAnalysisOptions` and `createAnalysis`. */
export interface ParseAnalysisOptions {
  /**
   * How the text was given, for error messages: `'flag'` names `--window "x"` and
   * `--window 7d`, `'param'` names `window "x"` and `window=7d`.
   * @default 'param'
   */
  style?: 'flag' | 'param';
}

interface Rule extends AnalysisOption {
  /** The key of the `create*` options it sets. */
  readonly key: string;
  /** Reads one value; `as` is the option as the user wrote it (`--window`, `window`), for messages. */
  readonly read: (value: string, as: string) => unknown;
}

const fail = (message: string): never => {
  throw new FootfallError('INVALID_OPTION', message);
};
const text = (value: string) => value;
const oneOf = /* @__NO_SIDE_EFFECTS__ */ (allowed: readonly string[]) => (value: string, as: string) =>
  allowed.includes(value) ? value : fail(`${as} "${value}" is not one of ${allowed.join(', ')}: pick one of those`);
const whole = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number) => (value: string, as: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? Number(value) : fail(`${as} "${value}" is not a whole number from ${min} to ${max}`);
const fraction = (value: string, as: string) => {
  const n = Number(value);
  return value.trim() !== '' && n > 0 && n < 1 ? n : fail(`${as} "${value}" is not a number between 0 and 1: pass e.g. 0.01`);
};
const duration = (value: string, as: string) => parseDuration(value, { name: as });
const cleanRule = (value: string, as: string) => {
  const eq = value.lastIndexOf('=');
  return eq >= 1 ? [value.slice(0, eq), value.slice(eq + 1)] : fail(`${as} "${value}" is not GLOB=REPLACEMENT, e.g. /product/*=/product/*`);
};

const amount = (value: string, as: string) => {
  const n = Number(value);
  return /^\d{1,15}(\.\d{1,6})?$/.test(value.trim()) && Number.isFinite(n) ? n : fail(`${as} "${value.slice(0, 40)}" is not an amount of 0 or more: pass e.g. 100`);
};
const probability = (value: string, as: string) => {
  const n = Number(value);
  return value.trim() !== '' && n >= 0 && n <= 1 ? n : fail(`${as} "${value.slice(0, 40)}" is not a probability from 0 to 1: pass e.g. 0.3`);
};
/** `--since 2026-11-01` (UTC day), ms since the epoch, or a duration back from the latest last-seen time of any person (`7d`). */
const since = (value: string, as: string) => {
  if (value.length > 32) fail(`${as} "${value.slice(0, 32)}…" is not a day, ms or a duration: pass e.g. 2026-11-01 or 7d`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(value) ? { at } : fail(`${as} "${value}" is not a day of the calendar: pass e.g. 2026-11-01`);
  }
  if (/^\d{1,16}$/.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER) return { at: Number(value) };
  return { withinMs: parseDuration(value, { name: as }) };
};
/** `--friction rage-clicks@/checkout/shipping`: a per-page bottleneck signal and its page (`page:` prefix allowed). */
const friction = (value: string, as: string) => {
  const at = value.indexOf('@');
  const signal = at > 0 ? value.slice(0, at) : '';
  const page = value.slice(at + 1).replace(/^page:/, '');
  if (!(FRICTION_SIGNALS as readonly string[]).includes(signal) || !page.startsWith('/') || page.length > LIMITS.url) {
    fail(`${as} "${value.slice(0, 80)}" is not SIGNAL@PAGE with SIGNAL one of ${FRICTION_SIGNALS.join(', ')}: pass e.g. rage-clicks@/checkout/shipping`);
  }
  return { signal, page };
};
const personId = (value: string, as: string) =>
  value.length <= LIMITS.personId ? value : fail(`${as} is ${value.length} characters: a person id is at most ${LIMITS.personId}`);

const rule = /* @__NO_SIDE_EFFECTS__ */ (name: string, key: string, read: Rule['read'], example: string, flags: { multiple?: boolean; required?: boolean } = {}): Rule => ({
  name, key, read, example, multiple: flags.multiple === true, required: flags.required === true,
});

/** The option table: every analysis's options, their `create*` keys and how their text is read. */
const RULES: { readonly [N in AnalysisName]: readonly Rule[] } = {
  funnel: [
    rule('step', 'steps', text, 'page:/', { multiple: true, required: true }),
    rule('window', 'windowMs', duration, '7d'),
    rule('mode', 'mode', oneOf(FUNNEL_MODES), 'ordered'),
    rule('exclude', 'exclude', text, 'page:/help', { multiple: true }),
    rule('breakdown', 'breakdown', text, 'channel'),
  ],
  paths: [
    rule('start', 'start', text, '/product/*'),
    rule('end', 'end', text, 'cart:purchase'),
    rule('steps', 'steps', whole(1, 1000), '5'),
    rule('clean', 'clean', cleanRule, '/product/*=/product/*', { multiple: true }),
  ],
  pages: [],
  heatmap: [
    rule('page', 'page', text, '/checkout/shipping', { required: true }),
    rule('kind', 'kind', oneOf(['click', 'scroll']), 'click'),
    rule('viewport', 'viewport', oneOf(DEVICE_CLASSES), 'mobile'),
  ],
  bottlenecks: [
    rule('step', 'steps', text, 'cart:purchase', { multiple: true }),
    rule('signal', 'signals', oneOf(BOTTLENECK_SIGNALS), 'rage-clicks', { multiple: true }),
    rule('min-group', 'minGroup', whole(1, Number.MAX_SAFE_INTEGER), '30'),
    rule('alpha', 'alpha', fraction, '0.01'),
  ],
  kpis: [
    rule('retention-day', 'retentionDays', whole(0, 36_500), '7', { multiple: true }),
    rule('timeline', 'timeline', (value, as) => oneOf(['day'])(value, as) === 'day', 'day'),
  ],
  attribution: [
    rule('model', 'model', oneOf(ATTRIBUTION_MODELS), 'markov'),
    rule('conversion', 'conversion', text, 'cart:purchase'),
  ],
  channels: [
    rule('by', 'by', oneOf(DIMENSIONS), 'campaign', { multiple: true }),
    rule('conversion', 'conversion', text, 'cart:purchase'),
    rule('model', 'model', oneOf(ATTRIBUTION_MODELS), 'last'),
    rule('min-group', 'minGroup', whole(1, Number.MAX_SAFE_INTEGER), '30'),
    rule('alpha', 'alpha', fraction, '0.01'),
  ],
  email: [
    rule('conversion', 'conversion', text, 'cart:purchase'),
  ],
  service: [
    rule('min-sessions', 'minSessions', whole(0, Number.MAX_SAFE_INTEGER), '30'),
  ],
  products: [
    rule('viewed-quantile', 'viewedQuantile', fraction, '0.75'),
    rule('min-group', 'minGroup', whole(1, Number.MAX_SAFE_INTEGER), '30'),
    rule('alpha', 'alpha', fraction, '0.01'),
  ],
  persons: [
    rule('stage', 'stage', oneOf(JOURNEY_STAGES), 'decision'),
    rule('min-ltv', 'minLtv', amount, '100'),
    rule('min-probability', 'minProbability', probability, '0.3'),
    rule('since', 'since', since, '2026-11-01'),
    rule('friction', 'friction', friction, 'rage-clicks@/checkout/shipping'),
    rule('sort', 'sort', oneOf(PERSONS_SORTS), 'ltv'),
    rule('limit', 'limit', whole(0, 1_000_000), '100'),
  ],
  person: [
    rule('id', 'id', personId, 'u42', { required: true }),
    rule('events', 'events', whole(1, 500), '50'),
  ],
};

/**
 * The options each analysis takes as text (name, repeatable, required, an example): what
 * the CLI declares as flags and the query API reads as parameters.
 *
 * @example
 * ```ts
 * ANALYSIS_OPTIONS.funnel.map((o) => o.name); // ['step', 'window', 'mode', 'exclude', 'breakdown']
 * ```
 */
export const ANALYSIS_OPTIONS: { readonly [N in AnalysisName]: readonly AnalysisOption[] } = RULES;

/**
 * Reads an analysis's options from text (flags or query parameters) into its `create*`
 * options. Empty values count as unset. Throws `FootfallError` `INVALID_OPTION` naming the
 * flag or parameter, and what to write instead, for a value it cannot read or a missing
 * required option; the `create*` call then checks the options as for any caller.
 *
 * @example
 * ```ts
 * const params = new URLSearchParams('step=page:/&step=cart:purchase&window=7d');
 * parseAnalysisOptions('funnel', (name) => params.getAll(name)); // { steps: ['page:/', 'cart:purchase'], windowMs: 604800000 }
 * ```
 */
export function parseAnalysisOptions<N extends AnalysisName>(name: N, given: OptionText, options: ParseAnalysisOptions = {}): AnalysisOptionsMap[N] {
  const flag = options.style === 'flag';
  const out: Record<string, unknown> = {};
  for (const r of RULES[name]) {
    const values = given(r.name).filter((v) => v !== '');
    const as = flag ? `--${r.name}` : r.name;
    if (values.length === 0) {
      if (r.required) fail(`missing ${as}: pass e.g. ${flag ? `--${r.name} ${r.example}` : `${r.name}=${r.example}`}`);
      continue;
    }
    out[r.key] = r.multiple ? values.map((v) => r.read(v, as)) : r.read(values[values.length - 1], as);
  }
  return out as unknown as AnalysisOptionsMap[N];
}

/**
 * Makes the analyzer an analysis names, with its options read from text
 * (`parseAnalysisOptions`): the CLI's analysis commands and the query API's endpoints.
 *
 * @example
 * ```ts
 * const params = new URLSearchParams('step=page:/&step=cart:purchase');
 * const funnel = createAnalysis('funnel', (name) => params.getAll(name));
 * ```
 */
export function createAnalysis<N extends AnalysisName>(name: N, given: OptionText, options: ParseAnalysisOptions = {}): AnalyzerMap[N] {
  const o = parseAnalysisOptions(name, given, options) as AnalysisOptionsMap[AnalysisName];
  const make: { [K in AnalysisName]: (o: AnalysisOptionsMap[K]) => AnalyzerMap[K] } = {
    funnel: createFunnel,
    paths: createPaths,
    pages: createPages,
    heatmap: (h) => createHeatmap(h),
    bottlenecks: createBottlenecks,
    kpis: createKpis,
    attribution: createAttribution,
    channels: createChannels,
    email: createEmail,
    service: createService,
    products: createProducts,
    persons: createPersons,
    person: createPersonProfile,
  };
  return (make[name] as (o: AnalysisOptionsMap[AnalysisName]) => AnalyzerMap[N])(o);
}

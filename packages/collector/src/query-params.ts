import {
  BOTTLENECK_SIGNALS, createAttribution, createBottlenecks, createFunnel, createHeatmap, createKpis, createPages, createPaths, DEVICE_CLASSES,
  FootfallError, parseDuration as parseCoreDuration, type Analyzer, type AttributionOptions, type BottleneckSignal, type FunnelOptions,
} from '@footfall/core';

/** The query endpoints, by name (`/v1/<name>`). */
export const QUERY_NAMES = ['funnel', 'paths', 'pages', 'heatmap', 'bottlenecks', 'kpis', 'attribution'] as const;
/** One query endpoint's name. */
export type QueryName = (typeof QUERY_NAMES)[number];

/**
 * Reads a `window=` parameter: a duration as the CLI writes it (`14d`, `30min`, `2h`,
 * `500ms`) or plain ms; the core's `parseDuration` with the parameter's name in its error.
 *
 * @example
 * ```ts
 * parseDuration('14d'); // 1209600000
 * ```
 */
export function parseDuration(text: string): number {
  return parseCoreDuration(text, { name: 'window', bareUnit: 'ms' });
}

const one = <T extends string>(p: URLSearchParams, name: string, allowed?: readonly T[]): T | undefined => {
  const v = p.get(name);
  if (v === null || v === '') return undefined;
  if (allowed && !allowed.includes(v as T)) throw new FootfallError('INVALID_OPTION', `${name}=${v} is not one of ${allowed.join(', ')}: pick one of those`);
  return v as T;
};
const integer = (p: URLSearchParams, name: string): number | undefined => {
  const v = one(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new FootfallError('INVALID_OPTION', `${name}=${v.slice(0, 40)} is not a whole number below 10^9: pass e.g. ${name}=5`);
  return Number(v);
};

/**
 * Makes the analyzer a query asks for from its parameters, which are the CLI's options
 * (`/v1/funnel?step=page:/&step=cart:purchase&window=14d&mode=ordered`).
 *
 * @example
 * ```ts
 * const funnel = createQueryAnalyzer('funnel', new URLSearchParams('step=page:/&step=cart:purchase'));
 * ```
 */
export function createQueryAnalyzer(name: QueryName, p: URLSearchParams): Analyzer<unknown, unknown> {
  const any = <S, R>(a: Analyzer<S, R>) => a as unknown as Analyzer<unknown, unknown>;
  switch (name) {
    case 'funnel': {
      const steps = p.getAll('step');
      if (steps.length < 1) throw new FootfallError('INVALID_OPTION', 'a funnel needs steps: pass step=page:/&step=cart:purchase');
      const window = one(p, 'window');
      return any(createFunnel({
        steps,
        windowMs: window === undefined ? undefined : parseDuration(window),
        mode: one(p, 'mode', ['ordered', 'strict', 'unordered'] as const) as FunnelOptions['mode'],
        exclude: p.getAll('exclude'),
        breakdown: one(p, 'breakdown'),
      }));
    }
    case 'paths':
      return any(createPaths({
        start: one(p, 'start'),
        end: one(p, 'end'),
        steps: integer(p, 'steps'),
        clean: p.getAll('clean').map((rule) => {
          const eq = rule.lastIndexOf('=');
          if (eq < 1) throw new FootfallError('INVALID_OPTION', `clean=${rule} is not GLOB=REPLACEMENT: write e.g. clean=/product/*=/product/*`);
          return [rule.slice(0, eq), rule.slice(eq + 1)] as const;
        }),
      }));
    case 'pages':
      return any(createPages());
    case 'heatmap':
      return any(createHeatmap({
        page: one(p, 'page'),
        kind: one(p, 'kind', ['click', 'scroll'] as const),
        viewport: one(p, 'viewport', DEVICE_CLASSES),
      }));
    case 'kpis': {
      const days = p.getAll('retention-day').map((d) => {
        if (!/^\d{1,5}$/.test(d)) throw new FootfallError('INVALID_OPTION', `retention-day=${d.slice(0, 40)} is not a whole number of days up to 99999: pass e.g. retention-day=7`);
        return Number(d);
      });
      const timeline = one(p, 'timeline', ['day'] as const) === 'day';
      return any(createKpis({ ...(days.length ? { retentionDays: days } : {}), ...(timeline ? { timeline } : {}) }));
    }
    case 'attribution':
      return any(createAttribution({
        model: one(p, 'model', ['markov', 'first', 'last', 'linear', 'time-decay', 'position'] as const) as AttributionOptions['model'],
        conversion: one(p, 'conversion'),
      }));
    case 'bottlenecks': {
      const signals = p.getAll('signal');
      for (const s of signals) {
        if (!BOTTLENECK_SIGNALS.includes(s as BottleneckSignal)) throw new FootfallError('INVALID_OPTION', `signal=${s} is not one of ${BOTTLENECK_SIGNALS.join(', ')}: pick one of those`);
      }
      const alpha = one(p, 'alpha');
      if (alpha !== undefined && !(Number(alpha) > 0 && Number(alpha) < 1)) throw new FootfallError('INVALID_OPTION', `alpha=${alpha} is not between 0 and 1: pass e.g. alpha=0.01`);
      return any(createBottlenecks({
        steps: p.getAll('step'),
        signals: signals.length ? (signals as BottleneckSignal[]) : undefined,
        minGroup: integer(p, 'min-group'),
        alpha: alpha === undefined ? undefined : Number(alpha),
      }));
    }
  }
}

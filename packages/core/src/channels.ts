/**
 * Channels and campaigns (docs/metrics.md, "Channels and campaigns"): per source, medium,
 * campaign and keyword, the ad statistics (`adstats`: impressions, ad clicks, cost) beside
 * the web sessions that landed with those tags (bounce, conversion, orders, revenue) and
 * the conversions an attribution model credits them, with the landing-page check.
 */
import type { Analyzer, Channel } from './analyzer.js';
import { createAttribution, type AttributionModel, type AttributionState } from './attribution.js';
import { utmChannel } from './channel.js';
import { FootfallError } from './errors.js';
import { hasPerson, inSession } from './event-scope.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { dict, entry, foldInto, type Dict } from './lib/dict.js';
import { NONE, trackLanding, type LandedSession, type LandingState } from './lib/landing-sessions.js';
import { adTags, DIMENSIONS, landingFlags, rowKey, type ChannelDimension } from './lib/campaign-rows.js';
import { lossRule, pct, type ConversionLoss } from './lib/lost-conversions.js';
import { emptyOpenSessions, mergeOpenSessions } from './lib/open-sessions.js';
import { parseStep } from './matchers.js';

export type { ChannelDimension } from './lib/campaign-rows.js';

/** Options of `createChannels`. */
export interface ChannelsOptions {
  /**
   * The dimensions a row is keyed by (one named twice counts once); the others are summed over (`null` in the rows).
   * @default ['source', 'medium', 'campaign', 'keyword']
   */
  by?: ChannelDimension[];
  /**
   * The conversion step (step matcher): a session converts when it has such an event.
   * @default 'cart:purchase'
   */
  conversion?: string;
  /**
   * The attribution model behind `attributedConversions` (see `createAttribution`).
   * @default 'last'
   */
  model?: AttributionModel;
  /** Smallest row and rest-of-site group for the landing-page flag, in sessions. @default 30 */
  minGroup?: number;
  /** Significance level of the landing-page flag's two-proportion z-test. @default 0.01 */
  alpha?: number;
}

/** The numbers of one row, as kept in the state. */
interface RowTally {
  sessions: number;
  bounces: number;
  conversions: number;
  orders: number;
  revenue: number;
  impressions: number;
  clicks: number;
  cost: number;
}

/** State of `createChannels`. */
export interface ChannelsState extends KeyedState, LandingState {
  /** Row key (JSON of the `by` values) → tallies. */
  rows: Dict<RowTally>;
  sessions: number;
  conversions: number;
  attribution: AttributionState;
}

/** "High clicks, low conversion": a row whose CTR is above the median and whose sessions convert significantly below the rest of the site. */
export interface LandingFlag extends ConversionLoss {
  message: string;
}

/** One row of the channels report. */
export interface ChannelRow {
  /** `null` for a dimension the rows are not broken down by. */
  source: string | null;
  medium: string | null;
  campaign: string | null;
  keyword: string | null;
  /** The class of `source/medium` (`null` without both). */
  kind: Channel['kind'] | null;
  impressions: number;
  adClicks: number;
  /** adClicks / impressions; `null` without impressions. */
  ctr: number | null;
  sessions: number;
  /** Sessions with at most one page view / sessions. */
  bounceRate: number;
  /** Converting sessions / sessions. */
  conversionRate: number;
  conversions: number;
  orders: number;
  revenue: number;
  cost: number;
  /** cost / orders; `null` without orders or without cost. */
  costPerOrder: number | null;
  /** Return on ad spend: revenue / cost; `null` without cost. */
  roas: number | null;
  /** Conversions the attribution model credits to the row. */
  attributedConversions: number;
  /** Set when the landing page likely does not match the ad. */
  flag: LandingFlag | null;
}

/** Result of `createChannels`. */
export interface ChannelsResult {
  /** Flagged rows first (most lost conversions first), then by sessions, cost, key. */
  rows: ChannelRow[];
  sessions: number;
  conversions: number;
  /** Site conversion rate: converting sessions / sessions. */
  conversionRate: number;
  /** Median CTR over rows with impressions (nearest rank); `null` without any. */
  medianCtr: number | null;
  model: AttributionModel;
  by: ChannelDimension[];
}

/** The landing-page message of a flagged row. */
export const LANDING_MISMATCH = 'high clicks, low conversion: check the landing page';

const tally = (): RowTally => ({ sessions: 0, bounces: 0, conversions: 0, orders: 0, revenue: 0, impressions: 0, clicks: 0, cost: 0 });
const addTally = (a: RowTally, b: RowTally): RowTally => {
  for (const k of Object.keys(a) as (keyof RowTally)[]) a[k] += b[k];
  return a;
};

/**
 * Channels and campaigns. Rows are keyed by source, medium, campaign and keyword (`by`):
 * `adstats` events add impressions, ad clicks and cost to the row of their tags; each web
 * session adds to the row of its landing (the first event's `utm_source`, `utm_medium`,
 * `utm_campaign`, `utm_term`; without UTM tags its channel, e.g. `google.com`/`organic`).
 * CTR = ad clicks / impressions, bounce rate = sessions with ≤ 1 page view / sessions,
 * conversion rate = sessions with the `conversion` step / sessions, orders and revenue of
 * those sessions (each order once per person), cost per order = cost / orders, ROAS =
 * revenue / cost, attributed conversions from `createAttribution` with the rows as channels.
 * A row with CTR above the median whose conversion is significantly below the rest of the
 * site's (≥ 30 sessions each, p < 0.01) is flagged "high clicks, low conversion: check the
 * landing page".
 *
 * @example
 * ```ts
 * const channels = createChannels({ by: ['source', 'medium', 'campaign'] });
 * for (const e of normalize(events)) channels.add(e);
 * const [worst] = channels.result().rows; // flagged rows first
 * worst.flag?.message; // 'high clicks, low conversion: check the landing page'
 * ```
 */
export function createChannels(options: ChannelsOptions = {}): Analyzer<ChannelsState, ChannelsResult> {
  const by = options.by ?? [...DIMENSIONS];
  // A dimension named twice breaks rows down once (`--by campaign --by campaign`).
  if (by.length === 0 || by.some((d) => !DIMENSIONS.includes(d))) {
    throw new FootfallError('INVALID_OPTION', `by must list dimensions among ${DIMENSIONS.join(', ')} (got ${JSON.stringify(by)})`);
  }
  const ordered = DIMENSIONS.filter((d) => by.includes(d));
  const conversionText = options.conversion ?? 'cart:purchase';
  const steps = [parseStep(conversionText)];
  const model = options.model ?? 'last';
  const rule = lossRule(options);
  const attribution = createAttribution({ model, conversion: conversionText });
  const channelOfRow = new Map<string, Channel>();

  const close = (s: ChannelsState, x: LandedSession) => {
    const t = entry(s.rows, rowKey(x.tags, ordered), tally);
    t.sessions += 1;
    if (x.pages <= 1) t.bounces += 1;
    if (x.converted) t.conversions += 1;
    t.orders += x.orders;
    t.revenue += x.revenue;
    s.sessions += 1;
    if (x.converted) s.conversions += 1;
  };

  return defineAnalyzer<ChannelsState, ChannelsResult>(
    {
      key: JSON.stringify({ channels: 1, by: ordered, conversion: conversionText, model, ...rule }),
      rows: dict(), sessions: 0, conversions: 0, open: emptyOpenSessions(), orders: dict(), attribution: attribution.state,
    },
    {
      name: 'channels',
      add(s, e) {
        if (e.type === 'adstats') {
          const t = entry(s.rows, rowKey(adTags(e), ordered), tally);
          t.impressions += e.impressions;
          t.clicks += e.clicks;
          t.cost += e.cost;
          return;
        }
        if (!hasPerson(e)) return;
        trackLanding(s, e, steps, (x) => close(s, x));
        if (!inSession(e)) return attribution.add(e);
        // Attribution with the rows as channels: the session's row key stands in for its channel name.
        const row = rowKey(s.open.open[e.session].tags, ordered);
        let channel = channelOfRow.get(row);
        if (channel === undefined) channelOfRow.set(row, (channel = { name: row, kind: s.open.open[e.session].kind }));
        attribution.add({ ...e, channel });
      },
      merge(into, o) {
        foldInto(into.rows, o.rows, (mine, theirs) => addTally(mine ?? tally(), theirs));
        into.sessions += o.sessions;
        into.conversions += o.conversions;
        mergeOpenSessions(into.open, o.open);
        foldInto(into.orders, o.orders, (_, theirs) => [...theirs]);
        attribution.merge(o.attribution);
      },
      result(state) {
        const rows = dict<RowTally>();
        foldInto(rows, state.rows, (_, t) => ({ ...t }));
        const s: ChannelsState = { ...state, rows };
        for (const x of Object.values(state.open.open)) close(s, x);
        const site = { sessions: s.sessions, conversions: s.conversions };
        const keys = Object.keys(rows).sort();
        const { medianCtr, flags } = landingFlags(keys.map((key) => ({ key, ...rows[key] })), s, rule);
        const credit = new Map(attribution.result().channels.map((c) => [c.channel, c.conversions]));
        const out = keys.map((key): ChannelRow => {
          const t = rows[key];
          const values = JSON.parse(key) as string[];
          const dim = (d: ChannelDimension) => (ordered.includes(d) ? values[ordered.indexOf(d)] : null);
          const [source, medium] = [dim('source'), dim('medium')];
          const loss = flags.get(key);
          return {
            source, medium, campaign: dim('campaign'), keyword: dim('keyword'),
            kind: source === null || medium === null ? null : source === 'direct' && medium === NONE ? 'direct' : utmChannel(source, medium).kind,
            impressions: t.impressions,
            adClicks: t.clicks,
            ctr: t.impressions > 0 ? t.clicks / t.impressions : null,
            sessions: t.sessions,
            bounceRate: t.sessions ? t.bounces / t.sessions : 0,
            conversionRate: t.sessions ? t.conversions / t.sessions : 0,
            conversions: t.conversions,
            orders: t.orders,
            revenue: t.revenue,
            cost: t.cost,
            costPerOrder: t.orders > 0 && t.cost > 0 ? t.cost / t.orders : null,
            roas: t.cost > 0 ? t.revenue / t.cost : null,
            attributedConversions: credit.get(key) ?? 0,
            flag: loss ? { ...loss, message: `${LANDING_MISMATCH} (CTR ${pct(t.clicks / t.impressions)}, conversion ${pct(loss.crAffected)} vs ${pct(loss.crUnaffected)})` } : null,
          };
        });
        out.sort((a, b) =>
          (b.flag?.lostConversions ?? -1) - (a.flag?.lostConversions ?? -1) || b.sessions - a.sessions || b.cost - a.cost || 0);
        return { rows: out, ...site, conversionRate: site.sessions ? site.conversions / site.sessions : 0, medianCtr, model, by: ordered };
      },
    },
  );
}

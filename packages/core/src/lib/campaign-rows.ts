/**
 * Campaign rows (docs/metrics.md, "Channels and campaigns"): the key of a source / medium /
 * campaign / keyword row, the tags of ad statistics, and the landing-page flag the channels
 * report and the bottlenecks share.
 */
import type { NormalizedEvent } from '../analyzer.js';
import { emptySketch, sketchAdd, sketchQuantile } from '../sketch.js';
import { NONE, type LandingTags } from './landing-sessions.js';
import { conversionLoss, type ConversionLoss, type LossRule } from './lost-conversions.js';

/** A dimension rows are broken down by. */
export type ChannelDimension = 'source' | 'medium' | 'campaign' | 'keyword';
export const DIMENSIONS: readonly ChannelDimension[] = ['source', 'medium', 'campaign', 'keyword'];

/** The row key of landing tags under `by`. */
export function rowKey(tags: LandingTags, by: readonly ChannelDimension[]): string {
  return JSON.stringify(by.map((d) => tags[DIMENSIONS.indexOf(d)]));
}

/** The tags of an `adstats` event, `(none)` where campaign or keyword is missing. */
export function adTags(e: NormalizedEvent & { type: 'adstats' }): LandingTags {
  return [e.source, e.medium, e.campaign || NONE, e.keyword || NONE];
}

/** A row of tallies, for `landingFlags`. */
export interface FlagInput {
  key: string;
  impressions: number;
  clicks: number;
  sessions: number;
  conversions: number;
}

/**
 * The landing-page flags: rows with impressions whose CTR is above the median CTR of those
 * rows (nearest rank) and whose sessions convert significantly below the rest of the site's
 * (the bottleneck rule). Returns the median CTR and each flagged row's loss by key.
 */
export function landingFlags(rows: readonly FlagInput[], site: { sessions: number; conversions: number }, rule: LossRule): { medianCtr: number | null; flags: Map<string, ConversionLoss> } {
  const withAds = rows.filter((r) => r.impressions > 0);
  const ctrs = emptySketch();
  for (const r of withAds) sketchAdd(ctrs, r.clicks / r.impressions);
  const medianCtr = sketchQuantile(ctrs, 0.5);
  const flags = new Map<string, ConversionLoss>();
  if (medianCtr === null) return { medianCtr, flags };
  for (const r of withAds) {
    if (!(r.clicks / r.impressions > medianCtr)) continue;
    const loss = conversionLoss(r.conversions, r.sessions, site.conversions - r.conversions, site.sessions - r.sessions, rule);
    if (loss) flags.set(r.key, loss);
  }
  return { medianCtr, flags };
}

/**
 * The bottleneck rule (docs/metrics.md, "Bottleneck scores"): an affected group of sessions
 * converting significantly below the unaffected ones, and the conversions that costs. Every
 * signal that ranks by lost conversions (pages, products, campaigns, products' views) uses it.
 */
import { FootfallError } from '../errors.js';
import { twoProportionZTest } from '../stats.js';

/** When a difference counts: both groups ≥ `minGroup`, two-sided two-proportion z-test p < `alpha`. */
export interface LossRule {
  minGroup: number;
  alpha: number;
}

/** An affected group that converts significantly worse. */
export interface ConversionLoss {
  affected: number;
  crAffected: number;
  crUnaffected: number;
  pValue: number;
  /** affected × (CR unaffected − CR affected). */
  lostConversions: number;
}

/** The rule from options, defaults `minGroup` 30 and `alpha` 0.01; throws `INVALID_OPTION` out of range. */
export function lossRule(options: { minGroup?: number; alpha?: number }): LossRule {
  const minGroup = options.minGroup ?? 30;
  const alpha = options.alpha ?? 0.01;
  if (!(alpha > 0 && alpha < 1)) throw new FootfallError('INVALID_OPTION', `alpha must be between 0 and 1 (got ${alpha})`);
  if (!(minGroup >= 1)) throw new FootfallError('INVALID_OPTION', `minGroup must be at least 1 (got ${minGroup})`);
  return { minGroup, alpha };
}

/** `ca` of `na` affected against `cu` of `nu` unaffected: the loss when the rule holds, else `undefined`. */
export function conversionLoss(ca: number, na: number, cu: number, nu: number, rule: LossRule): ConversionLoss | undefined {
  if (na < rule.minGroup || nu < rule.minGroup) return undefined;
  const crAffected = ca / na;
  const crUnaffected = cu / nu;
  if (!(crAffected < crUnaffected)) return undefined;
  const { pValue } = twoProportionZTest(ca, na, cu, nu);
  if (!(pValue < rule.alpha)) return undefined;
  return { affected: na, crAffected, crUnaffected, pValue, lostConversions: na * (crUnaffected - crAffected) };
}

/** `0.382` → `38.2%`. */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
/** `9411.3` → `9,411`. */
export const num = (x: number): string => Math.round(x).toLocaleString('en-US');

/** The reason line of a ranked loss: "`subject`: sessions with `words` converted 20.0% vs 50.0%; 30 conversions lost (≈ 1,500 in revenue)". */
export function lossReason(subject: string, words: string, loss: ConversionLoss, aov: number): string {
  return (
    `${subject}: sessions with ${words} converted ${pct(loss.crAffected)} vs ${pct(loss.crUnaffected)}; ${num(loss.lostConversions)} conversions lost` +
    (aov > 0 ? ` (≈ ${num(loss.lostConversions * aov)} in revenue)` : '')
  );
}

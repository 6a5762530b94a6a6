/** The two bottlenecks the demo plants, with their documented effects. */

/**
 * What `generateDemo` plants when `friction` is on (the default), so analyses can be
 * checked against a known truth. With `friction: false` neither signal is planted and
 * every step's probability is the `unaffected` one: conversion is independent of vitals
 * and clicks.
 *
 * @example
 * ```ts
 * DEMO_FRICTION.paymentLcp.affected.complete; // 0.4: half of the 0.8 of other sessions
 * ```
 */
export const DEMO_FRICTION = {
  /** (a) A slow payment page on phones. */
  paymentLcp: {
    page: '/checkout/payment',
    device: 'mobile',
    metric: 'LCP',
    /** Share of mobile views of the page with a poor LCP (4.2–8 s, rated `poor`). */
    share: 0.7,
    affected: { complete: 0.4 },
    unaffected: { complete: 0.8 },
    effect: 'Mobile sessions with a poor LCP on /checkout/payment complete the payment with probability 0.4 instead of 0.8: their conversion is halved.',
  },
  /** (b) A shipping form whose submit button often does nothing at first. */
  shippingRage: {
    page: '/checkout/shipping',
    step: 'click:#shipping-submit',
    /** Share of sessions reaching the shipping page whose submit draws a rage run (3–6 clicks, < 1000 ms and < 30 px apart, `rage: true`). */
    share: 0.3,
    affected: { proceed: 0.3 },
    unaffected: { proceed: 0.85 },
    effect: 'Sessions that rage-click #shipping-submit go on to payment with probability 0.3 instead of 0.85: they convert about a third as often.',
  },
} as const;

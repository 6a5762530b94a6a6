/** The problems beyond the browser that the demo plants, with their documented effects. */

/**
 * What `generateDemo` plants in its sources beyond the browser when `friction` is on (the
 * default), beside the two page bottlenecks of `DEMO_FRICTION`: an ad campaign whose landing
 * page does not match the ad, a page after which people contact support, and a product that
 * is viewed a lot, rarely bought and rated low. With `friction: false` the campaign's visitors
 * behave like any others, support contacts and reviews do not depend on what a visit did, and
 * the product sells and rates like the rest.
 *
 * @example
 * ```ts
 * DEMO_SOURCES.landing.campaign; // 'rain_gear_launch'
 * ```
 */
export const DEMO_SOURCES = {
  /** (c) An ad whose clicks land on a page that does not match it. */
  landing: {
    source: 'google',
    medium: 'cpc',
    campaign: 'rain_gear_launch',
    /** The ad promises rain gear; the visit lands on the home page. */
    lands: '/',
    /** Click-through rate of its ads: above the other campaigns' (spring_sale 3.2 %, lookbook 1.1 %). */
    ctr: 0.075,
    affected: { leaveAfterLanding: 0.75, leaveWithCart: 0.85 },
    unaffected: { leaveAfterLanding: 0.36, leaveWithCart: 0.25 },
    effect: 'Visitors from rain_gear_launch leave after the landing page with probability 0.75 instead of 0.36, and leave a filled cart with 0.85 instead of 0.25: they almost never buy, though the ad has the highest CTR.',
  },
  /** (d) A cart page whose delivery costs are unclear. */
  supportPage: {
    page: '/cart',
    reason: 'delivery-costs',
    /** Share of sessions that viewed the page and did not buy that open a ticket about it within 24 h. */
    share: 0.12,
    /** With friction off: every session that viewed it, bought or not. */
    unaffectedShare: 0.02,
    effect: 'One in eight sessions that viewed /cart and did not buy open a ticket about delivery costs within a day: contacts after /cart go with far fewer orders.',
  },
  /** (e) A product that does not live up to its page. */
  product: {
    id: 'down-parka',
    /** Share of clicks from the jackets page that open it (it is featured there, planted or not). */
    featured: 0.35,
    /** Reviews a day from customers of before the demo's span (mean 0.6 a day), its 1–3 stars beside the buyers'. */
    pastReviewsPerDay: 0.6,
    affected: { add: 0.08, review: 0.9, leave: 0.5 },
    unaffected: { add: 0.32, review: 0.35, leave: 0 },
    /** Its reviews' ratings (1–3 stars, weights); other products get 3–5 (and rarely 2). */
    ratings: [[1, 45], [2, 40], [3, 15]] as const,
    effect: 'down-parka is added to the cart from a quarter as many views as other products (0.08 instead of 0.32), half of those who view it without adding it stop browsing, and its reviewers rate it 1.7 of 5 on average: viewed a lot, rarely bought, rated low.',
  },
} as const;

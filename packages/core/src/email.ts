/**
 * Email campaigns (docs/metrics.md, "Email"): per campaign, the persons it was sent to,
 * who opened and who clicked (from `email` events), and the web sessions that landed from
 * it (`utm_campaign` = the campaign, email channel) with their conversions and revenue.
 */
import type { Analyzer } from './analyzer.js';
import { hasPerson } from './event-scope.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { dict, entry, foldInto, type Dict } from './lib/dict.js';
import { NONE, trackLanding, type LandedSession, type LandingState } from './lib/landing-sessions.js';
import { emptyOpenSessions, mergeOpenSessions } from './lib/open-sessions.js';
import { parseStep } from './matchers.js';

/** Options of `createEmail`. */
export interface EmailOptions {
  /**
   * The conversion step (step matcher): a session converts when it has such an event.
   * @default 'cart:purchase'
   */
  conversion?: string;
}

interface CampaignTally {
  sent: number;
  opened: number;
  clicked: number;
  sessions: number;
  conversions: number;
  orders: number;
  revenue: number;
}

/** State of `createEmail`. */
export interface EmailState extends KeyedState, LandingState {
  campaigns: Dict<CampaignTally>;
  /** person → campaign → bits: 1 sent, 2 opened, 4 clicked (each person counts once per campaign). */
  marks: Dict<Dict<number>>;
}

/** One campaign of the email report. */
export interface EmailCampaign {
  campaign: string;
  /** Persons with a `sent` event. */
  sent: number;
  /** Persons with an `open` event. */
  opened: number;
  /** opened / sent; `null` when nothing was sent. */
  openRate: number | null;
  /** Persons with a `click` event. */
  clicked: number;
  /** clicked / sent; `null` when nothing was sent. */
  clickRate: number | null;
  /** clicked / opened; `null` when nobody opened. */
  clickToOpenRate: number | null;
  /** Web sessions that landed from the campaign (email channel, `utm_campaign` = campaign). */
  sessions: number;
  /** Of those, sessions with the conversion step. */
  conversions: number;
  orders: number;
  revenue: number;
}

/** Result of `createEmail`: campaigns, most persons sent first. */
export interface EmailResult {
  campaigns: EmailCampaign[];
}

const BITS = { sent: 1, open: 2, click: 4 } as const;
const tally = (): CampaignTally => ({ sent: 0, opened: 0, clicked: 0, sessions: 0, conversions: 0, orders: 0, revenue: 0 });
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * Email campaigns. `sent`, `opened` and `clicked` count persons (a person opening twice
 * counts once); open rate = opened / sent, click rate = clicked / sent, click-to-open rate =
 * clicked / opened. Sessions are web sessions whose landing has `utm_campaign` equal to the
 * campaign and whose channel is of class `email`; conversions, orders and revenue are theirs
 * (each order once per person).
 *
 * @example
 * ```ts
 * const email = createEmail();
 * for (const e of normalize(events)) email.add(e);
 * email.result().campaigns[0]; // { campaign: 'spring', sent: 1000, opened: 420, openRate: 0.42, clicked: 61, ... }
 * ```
 */
export function createEmail(options: EmailOptions = {}): Analyzer<EmailState, EmailResult> {
  const conversionText = options.conversion ?? 'cart:purchase';
  const steps = [parseStep(conversionText)];

  const close = (s: EmailState, x: LandedSession) => {
    const campaign = x.tags[2];
    if (x.kind !== 'email' || campaign === NONE) return;
    const t = entry(s.campaigns, campaign, tally);
    t.sessions += 1;
    if (x.converted) t.conversions += 1;
    t.orders += x.orders;
    t.revenue += x.revenue;
  };

  return defineAnalyzer<EmailState, EmailResult>(
    { key: JSON.stringify({ email: 1, conversion: conversionText }), campaigns: dict(), marks: dict(), open: emptyOpenSessions(), orders: dict() },
    {
      name: 'email',
      add(s, e) {
        if (!hasPerson(e)) return;
        if (e.type === 'email') {
          const marks = entry(s.marks, e.person, () => dict<number>());
          const had = Object.hasOwn(marks, e.campaign) ? marks[e.campaign] : 0;
          const bit = BITS[e.action];
          if (had & bit) return;
          marks[e.campaign] = had | bit;
          const t = entry(s.campaigns, e.campaign, tally);
          if (e.action === 'sent') t.sent += 1;
          else if (e.action === 'open') t.opened += 1;
          else t.clicked += 1;
          return;
        }
        trackLanding(s, e, steps, (x) => close(s, x));
      },
      merge(into, o) {
        foldInto(into.campaigns, o.campaigns, (mine, theirs) => {
          const t = mine ?? tally();
          for (const k of Object.keys(t) as (keyof CampaignTally)[]) t[k] += theirs[k];
          return t;
        });
        foldInto(into.marks, o.marks, (_, theirs) => Object.assign(dict<number>(), theirs));
        foldInto(into.orders, o.orders, (_, theirs) => [...theirs]);
        mergeOpenSessions(into.open, o.open);
      },
      result(state) {
        const s: EmailState = { ...state, campaigns: dict() };
        foldInto(s.campaigns, state.campaigns, (_, t) => ({ ...t }));
        for (const x of Object.values(state.open.open)) close(s, x);
        const campaigns = Object.keys(s.campaigns).sort().map((campaign): EmailCampaign => {
          const t = s.campaigns[campaign];
          return {
            campaign,
            sent: t.sent,
            opened: t.opened,
            openRate: ratio(t.opened, t.sent),
            clicked: t.clicked,
            clickRate: ratio(t.clicked, t.sent),
            clickToOpenRate: ratio(t.clicked, t.opened),
            sessions: t.sessions,
            conversions: t.conversions,
            orders: t.orders,
            revenue: t.revenue,
          };
        });
        campaigns.sort((a, b) => b.sent - a.sent || b.sessions - a.sessions);
        return { campaigns };
      },
    },
  );
}

/**
 * Acquisition channel of an event: UTM parameters, else the referrer's host (when it is
 * another site), else `direct`. Named `source/medium`, classed for breakdowns.
 */
import type { Channel } from './analyzer.js';
import type { FootfallEvent } from './events.js';

type Kind = Channel['kind'];

const SEARCH = /(^|\.)(google|bing|duckduckgo|yahoo|baidu|yandex|ecosia|qwant|startpage|search\.brave|naver|seznam)\.[a-z.]+$/;
const SOCIAL = /(^|\.)(facebook|fb|instagram|twitter|x|t|linkedin|lnkd|reddit|pinterest|youtube|tiktok|snapchat|threads|mastodon|bsky|tumblr|vk|whatsapp|telegram|discord)\.[a-z.]+$/;
const WEBMAIL = /(^|\.)(mail\.google|outlook\.live|outlook\.office|mail\.yahoo|mail\.proton|webmail\.[a-z0-9-]+|gmx)\.[a-z.]+$/;

const PAID_MEDIA = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paid_search', 'paid-search', 'cpm', 'cpv', 'cpa', 'display', 'banner', 'paid_social', 'paid-social', 'paidsocial', 'retargeting', 'affiliate', 'ads']);
const EMAIL_MEDIA = new Set(['email', 'e-mail', 'e_mail', 'newsletter', 'mail']);
const SOCIAL_MEDIA = new Set(['social', 'social-network', 'social_network', 'social-media', 'social_media', 'sm']);

/** Click ids that ad networks append: the visit is paid even without UTM tags. */
const CLICK_IDS: readonly [param: string, source: string][] = [
  ['gclid', 'google'], ['gbraid', 'google'], ['wbraid', 'google'], ['msclkid', 'bing'], ['fbclid', 'facebook'], ['ttclid', 'tiktok'], ['li_fat_id', 'linkedin'],
];

const DIRECT: Channel = Object.freeze({ name: 'direct', kind: 'direct' }) as Channel;

function parseUrl(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

const bareHost = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** The class of a UTM source/medium pair. */
function kindOf(source: string, medium: string): Kind {
  const m = medium.toLowerCase();
  const s = bareHost(source);
  if (PAID_MEDIA.has(m) || m.startsWith('paid') || m.startsWith('cp')) return 'paid';
  if (EMAIL_MEDIA.has(m) || s === 'newsletter' || s === 'email') return 'email';
  if (SOCIAL_MEDIA.has(m) || SOCIAL.test(`${s}.com`) || SOCIAL.test(s)) return m === 'referral' ? 'referral' : 'social';
  if (m === 'organic' || SEARCH.test(`${s}.com`) || SEARCH.test(s)) return 'search';
  if (m === 'referral') return 'referral';
  return 'other';
}

/** The class of a referring host, and the medium that goes with it. */
function referrerKind(host: string): [Kind, string] {
  if (WEBMAIL.test(host)) return ['email', 'email'];
  if (SEARCH.test(host)) return ['search', 'organic'];
  if (SOCIAL.test(host)) return ['social', 'social'];
  return ['referral', 'referral'];
}

/**
 * The channel of a UTM `source`/`medium` pair (medium `(none)` when empty): the channel of a
 * session that landed with these tags, and of an `adstats` row.
 *
 * @example
 * ```ts
 * utmChannel('google', 'cpc'); // → { name: 'google/cpc', kind: 'paid' }
 * ```
 */
export function utmChannel(source: string, medium: string | undefined): Channel {
  const m = medium?.trim() || '(none)';
  return { name: `${source}/${m}`, kind: kindOf(source, m) };
}

/**
 * The channel an event came from. UTM parameters in its `url` win (`utm_source/utm_medium`,
 * medium `(none)` when missing); then ad click ids (`gclid` → `google/cpc`); then the
 * `referrer` when its host differs from the url's (`google.com/organic`,
 * `facebook.com/social`, `news.ycombinator.com/referral`); else `direct`.
 * Classes: `search`, `paid`, `social`, `email`, `referral`, `direct`, `other` (UTM tags
 * with a medium none of the rules know).
 *
 * @example
 * ```ts
 * channelOf({ ...event, url: 'https://shop.test/?utm_source=google&utm_medium=cpc' }); // → { name: 'google/cpc', kind: 'paid' }
 * channelOf({ ...event, url: 'https://shop.test/', referrer: 'https://www.bing.com/' }); // → { name: 'bing.com/organic', kind: 'search' }
 * channelOf({ ...event, url: 'https://shop.test/' }); // → { name: 'direct', kind: 'direct' }
 * ```
 */
export function channelOf(event: FootfallEvent): Channel {
  const url = parseUrl(event.url);
  if (url) {
    const q = url.searchParams;
    const source = q.get('utm_source')?.trim();
    if (source) return utmChannel(source, q.get('utm_medium') ?? undefined);
    for (const [param, network] of CLICK_IDS) if (q.has(param)) return { name: `${network}/cpc`, kind: 'paid' };
  }
  const ref = parseUrl(event.referrer);
  if (ref && ref.hostname && (ref.protocol === 'http:' || ref.protocol === 'https:')) {
    const host = bareHost(ref.hostname);
    if (!url || bareHost(url.hostname) !== host) {
      const [kind, medium] = referrerKind(host);
      return { name: `${host}/${medium}`, kind };
    }
  }
  return { ...DIRECT };
}

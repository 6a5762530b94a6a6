/**
 * Which query parameters a URL keeps (docs/privacy.md#query-strings): the SDK drops the rest
 * before an event is queued, and the collector again on ingest. The SDK's build bundles this
 * module from source, so both apply the same code.
 */

/**
 * The query parameters kept by default: campaign tags (`utm_*`) and ad networks' click ids
 * (Google `gclid`, `gbraid`, `wbraid`, `dclid`; Meta `fbclid`; Microsoft `msclkid`; TikTok
 * `ttclid`; X `twclid`; LinkedIn `li_fat_id`; Yandex `yclid`; Mailchimp `mc_cid`), which
 * attribution reads and which name a campaign, not a person.
 */
export const DEFAULT_KEEP_PARAMS: readonly string[] = 'utm_*,gclid,gbraid,wbraid,dclid,fbclid,msclkid,ttclid,twclid,li_fat_id,yclid,mc_cid'.split(',');

/**
 * A URL with only the query parameters `keep` names: each `?…` run up to the next `#` (the
 * query, and a query inside a hash route) keeps the `name=value` pairs whose name, compared
 * without case and not decoded, equals an entry or starts with an entry's text before a
 * final `*`. A query left empty loses its `?`. Everything else is kept as written. `['*']`
 * keeps every parameter.
 *
 * @example
 * ```ts
 * keepParams('https://shop.test/p?utm_source=mail&email=a@b.test#top'); // 'https://shop.test/p?utm_source=mail#top'
 * keepParams('https://shop.test/?token=abc', ['utm_*']); // 'https://shop.test/'
 * keepParams('https://shop.test/?ref=x', ['ref']); // 'https://shop.test/?ref=x'
 * ```
 */
export const keepParams = (url: string, keep: readonly string[] = DEFAULT_KEEP_PARAMS): string =>
  url.replace(/\?[^#]*/g, (q) => {
    const kept = q.slice(1).split('&').filter((p) => {
      const name = p.split('=')[0].toLowerCase();
      return p && keep.some((k) => ((k = k.toLowerCase()).slice(-1) == '*' ? name.startsWith(k.slice(0, -1)) : name == k));
    });
    return kept.length ? '?' + kept.join('&') : '';
  });

/**
 * Applies `keepParams` to an event's URL fields, in place: `url`, `referrer` (page views) and
 * `href` (clicks on links). A URL without `?` has no parameter and is left as it is. Pass a
 * `memo` (a `Map` of your own, per `keep` list, bounded by how long you keep it: the collector
 * uses one per batch) to remember each URL's answer: events of one page share their URL, and
 * `keepParams`, written small for the SDK, costs about a microsecond and a half per URL.
 *
 * @example
 * ```ts
 * keepEventParams({ id: 'e1', type: 'page', ts: 1, anonymousId: 'a', url: 'https://x.test/?email=a@b.test' }); // url: 'https://x.test/'
 * const memo = new Map<string, string>();
 * for (const e of batch) keepEventParams(e, ['utm_*'], memo);
 * ```
 */
export function keepEventParams<E extends object>(event: E, keep: readonly string[] = DEFAULT_KEEP_PARAMS, memo?: Map<string, string>): E {
  const e = event as Record<string, unknown>;
  for (const field of ['url', 'referrer', 'href']) {
    const url = e[field];
    if (typeof url != 'string' || !url.includes('?')) continue;
    let out = memo?.get(url);
    if (out === undefined) {
      out = keepParams(url, keep);
      memo?.set(url, out);
    }
    e[field] = out;
  }
  return event;
}

/**
 * Reads a keep list as people write it (`--keep-params`, `data-keep-params`): names and
 * `prefix*` patterns separated by commas or spaces; empty keeps no parameter.
 *
 * @example
 * ```ts
 * parseKeepParams('utm_*, gclid ref'); // ['utm_*', 'gclid', 'ref']
 * ```
 */
export function parseKeepParams(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * The SDK's copy of the core's `keepParams` (docs/privacy.md#query-strings), kept byte-for-byte
 * equal (keep-params.test.ts checks it on generated URLs): importing the core would make it a
 * runtime dependency of the SDK.
 */

/** The core's `DEFAULT_KEEP_PARAMS`. */
export const DEFAULT_KEEP_PARAMS: readonly string[] = 'utm_*,gclid,gbraid,wbraid,dclid,fbclid,msclkid,ttclid,twclid,li_fat_id,yclid,mc_cid'.split(',');

/** The core's `keepParams`: only the query parameters `keep` names stay in `url`. */
export const keepParams = (url: string, keep: readonly string[] = DEFAULT_KEEP_PARAMS): string =>
  url.replace(/\?[^#]*/g, (q) => {
    const kept = q.slice(1).split('&').filter((p) => {
      const name = p.split('=')[0].toLowerCase();
      return p && keep.some((k) => ((k = k.toLowerCase()).slice(-1) == '*' ? name.startsWith(k.slice(0, -1)) : name == k));
    });
    return kept.length ? '?' + kept.join('&') : '';
  });

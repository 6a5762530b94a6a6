/** The device context sent with every event: raw user agent (parsing happens server side), language, time zone, sizes. */
import type { EventContext } from '@footfall/core';

let tz: string | undefined;

/**
 * The IANA time zone, worked out once per page. The first `Intl.DateTimeFormat()` of a
 * page costs 20–30 ms on a slow machine, so it is never called on an event's path: the
 * client calls this when the browser is idle, and the sender fills `ctx.tz` of events
 * captured before that.
 */
export function timeZone(): string {
  try {
    return (tz ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  } catch {
    return (tz = '');
  }
}

/** `{ ua, lang, tz, vw, vh, sw, sh, dpr }`, plus `brands` from userAgentData when the browser has it; `tz` only once known. */
export function context(): EventContext & { brands?: string } {
  const n = navigator as Navigator & { userAgentData?: { brands?: { brand: string; version: string }[] } };
  let brands: string | undefined;
  for (const b of n.userAgentData?.brands || []) brands = (brands ? brands + ', ' : '') + b.brand + ' ' + b.version;
  return {
    ua: n.userAgent.slice(0, 1024),
    lang: n.language,
    tz, // undefined until known: the sender fills it in
    vw: innerWidth,
    vh: innerHeight,
    sw: screen.width,
    sh: screen.height,
    dpr: devicePixelRatio,
    brands, // undefined (left out of the JSON) where userAgentData is missing
  };
}

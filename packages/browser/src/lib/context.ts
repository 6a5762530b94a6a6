/** The device context sent with every event: raw user agent (parsing happens server side), language, time zone, sizes. */
import type { EventContext } from '@footfall/core';

let tz: string | undefined;

/** `{ ua, lang, tz, vw, vh, sw, sh, dpr }`, plus `brands` from userAgentData when the browser has it. */
export function context(): EventContext & { brands?: string } {
  const n = navigator as Navigator & { userAgentData?: { brands?: { brand: string; version: string }[] } };
  try {
    tz ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    tz = '';
  }
  const brands = n.userAgentData?.brands?.map((b) => b.brand + ' ' + b.version).join(', ');
  return {
    ua: n.userAgent.slice(0, 1024),
    lang: n.language,
    tz,
    vw: innerWidth,
    vh: innerHeight,
    sw: screen.width,
    sh: screen.height,
    dpr: devicePixelRatio,
    brands, // undefined (left out of the JSON) where userAgentData is missing
  };
}

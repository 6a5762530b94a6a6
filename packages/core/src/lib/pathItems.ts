/**
 * Journey items (docs/metrics.md#paths): a page view is its URL path with one
 * trailing `/` removed; a cart or track event is `type:name` (`cart:add`, `track:signup`).
 * Clicks, scrolls, vitals and identify events are not journey items.
 * Cleaning rules (regex → replacement) apply first, in order.
 */
import { FootfallError } from '../errors.js';
import type { FootfallEvent } from '../events.js';
import { stepSubject, urlPath } from '../matchers.js';

/** A cleaning rule: a regular expression (a string is compiled with the `g` flag) and its replacement. */
export type CleanRule = readonly [pattern: string | RegExp, replacement: string];

/** Compiles cleaning rules once; an invalid regex throws `FootfallError` `INVALID_OPTION`. */
export function compileClean(rules: readonly CleanRule[] = []): Array<[RegExp, string]> {
  try {
    return rules.map(([p, r]) => [typeof p === 'string' ? new RegExp(p, 'g') : p, r]);
  } catch (error) {
    throw new FootfallError('INVALID_OPTION', `a clean rule is not a valid regular expression: ${(error as Error).message}`, { cause: error });
  }
}

/** The journey item of an event, or `undefined` when the event is not a journey item. */
export function pathItem(event: FootfallEvent, clean: ReadonlyArray<readonly [RegExp, string]> = []): string | undefined {
  let item: string;
  if (event.type === 'page') {
    const path = urlPath(event.url);
    item = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  } else if (event.type === 'cart' || event.type === 'track') {
    item = `${event.type}:${stepSubject(event)}`;
  } else return undefined;
  for (const [re, replacement] of clean) {
    re.lastIndex = 0;
    item = item.replace(re, replacement);
  }
  return item;
}

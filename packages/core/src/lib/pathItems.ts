/**
 * Journey items (docs/metrics.md#paths): a page view is its URL path with one
 * trailing `/` removed; a cart or track event is `type:name` (`cart:add`, `track:signup`).
 * Clicks, scrolls, vitals and identify events are not journey items.
 * Cleaning rules apply first, in order (docs/metrics.md, Paths).
 */
import type { FootfallEvent } from '../events.js';
import { compileGlob } from '../glob.js';
import { stepSubject, urlPath } from '../matchers.js';

/**
 * A cleaning rule: a glob (`*` any run of characters, as in step matchers) that rewrites a whole
 * item it matches into `replacement`, or a RegExp (programmatic use only: a RegExp may
 * backtrack, so text from a request never becomes one) whose matches are replaced.
 */
export type CleanRule = readonly [pattern: string | RegExp, replacement: string];

/** A compiled rule: the item after it. */
export type CompiledClean = (item: string) => string;

/** Compiles cleaning rules once: globs into linear matchers (docs/core.md, "Hostile input"). */
export function compileClean(rules: readonly CleanRule[] = []): CompiledClean[] {
  return rules.map(([p, replacement]): CompiledClean => {
    if (typeof p !== 'string') {
      const re = p;
      return (item) => {
        re.lastIndex = 0;
        return item.replace(re, replacement);
      };
    }
    const glob = compileGlob(p);
    return (item) => (glob(item) ? replacement : item);
  });
}

/** The journey item of an event, or `undefined` when the event is not a journey item. */
export function pathItem(event: FootfallEvent, clean: readonly CompiledClean[] = []): string | undefined {
  let item: string;
  if (event.type === 'page') {
    const path = urlPath(event.url);
    item = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  } else if (event.type === 'cart' || event.type === 'track') {
    item = `${event.type}:${stepSubject(event)}`;
  } else return undefined;
  for (const rule of clean) item = rule(item);
  return item;
}

/**
 * Step matchers (docs/events.md#step-matchers): `TYPE[:PATTERN]`, PATTERN a glob where `*` is any
 * run of characters. page → URL path, cart → action, track → name, click → selector,
 * vitals → metric, email → action, ticket → reason, review → product, adstats → campaign;
 * `page` alone matches any page view. Every analyzer matches steps here.
 */
import { FootfallError } from './errors.js';
import { EVENT_TYPES, type EventType, type FootfallEvent } from './events.js';
import { compileGlob } from './glob.js';

/** A parsed step: the text it came from and a predicate over events. */
export interface Step {
  /** The step as written, e.g. `page:/checkout/*`. */
  readonly text: string;
  readonly type: EventType;
  /** The glob, when one was given. */
  readonly pattern?: string;
  /** Does this event meet the step? */
  matches(event: FootfallEvent): boolean;
}

const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a glob (`*` any run of characters, `**` not special) to an anchored RegExp, for
 * engines that match in linear time themselves (ClickHouse's RE2). In JavaScript, match with
 * `compileGlob` instead: a backtracking RegExp is not linear.
 */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map(escape).join('.*')}$`, 's');
}

/**
 * The URL path of a page event: the path of `url` without query or hash
 * (`https://x.test/cart?a=1` → `/cart`). Relative or odd URLs fall back to the text
 * before `?`/`#`.
 */
export function urlPath(url: string): string {
  // The last URL's answer: a page's events follow one another, and analyzers ask again for the same event.
  if (url === lastUrl) return lastPath;
  const cut = url.replace(/[?#].*$/s, '');
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/is.exec(cut);
  lastUrl = url;
  return (lastPath = m ? m[1] || '/' : cut || '/');
}
/** Nothing yet: no URL is this object. */
const NONE = {};
let lastUrl: unknown = NONE;
let lastPath = '/';

/** The text a step's pattern is matched against, per event type. */
export function stepSubject(event: FootfallEvent): string {
  switch (event.type) {
    case 'page':
      return urlPath(event.url);
    case 'cart':
      return event.action;
    case 'track':
      return event.name;
    case 'click':
      return event.selector;
    case 'vitals':
      return event.metric;
    case 'scroll':
      return urlPath(event.url);
    case 'identify':
      return event.userId;
    case 'email':
      return event.action;
    case 'ticket':
      return event.reason ?? '';
    case 'review':
      return event.product;
    case 'adstats':
      return event.campaign ?? '';
  }
}

/**
 * Parses `TYPE[:PATTERN]` into a step. Throws `FootfallError` `INVALID_STEP` with a
 * message that lists the valid types.
 *
 * @example
 * ```ts
 * const s = parseStep('page:/checkout/*');
 * s.matches({ type: 'page', url: 'https://shop.test/checkout/payment', ... }); // true
 * ```
 */
export function parseStep(text: string): Step {
  const i = text.indexOf(':');
  const type = (i < 0 ? text : text.slice(0, i)).trim() as EventType;
  const pattern = i < 0 ? undefined : text.slice(i + 1);
  if (!EVENT_TYPES.includes(type)) {
    throw new FootfallError(
      'INVALID_STEP',
      `"${text}" is not a step: write TYPE[:PATTERN] with TYPE one of ${EVENT_TYPES.join(', ')} (e.g. page:/checkout/*, cart:purchase, track:signup)`,
    );
  }
  if (pattern === '') {
    throw new FootfallError('INVALID_STEP', `"${text}" has an empty pattern: drop the colon to match any ${type} event`);
  }
  const glob = pattern === undefined ? undefined : compileGlob(pattern);
  return {
    text,
    type,
    pattern,
    matches: (event) => event.type === type && (glob === undefined || glob(stepSubject(event))),
  };
}

/** Parses a list of steps (see `parseStep`). */
export function parseSteps(texts: readonly string[]): Step[] {
  return texts.map(parseStep);
}

/**
 * Makes user input safe to send: JSON values only. Functions, symbols and undefined
 * are dropped, BigInt becomes a string, non-finite numbers become null, strings are
 * cut to 1000 characters; cyclic props, and props over 8 KiB serialized, are dropped.
 * Each repair prints a debug warning.
 */
import { parse, stringify } from './intrinsics.js';
import { warn } from './util.js';

/** The longest string kept in props (longer ones are cut). */
export const MAX_STRING = 1000;

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const replacer = (_key: string, v: unknown) => {
  if (typeof v === 'bigint') return warn('BigInt sent as string'), String(v);
  if (typeof v === 'string' && v.length > MAX_STRING) return warn('long string cut'), v.slice(0, MAX_STRING);
  return v;
};

/** Cleans `props`: a plain object of JSON values ≤ 8 KiB serialized, else `undefined` (with a warning). */
export function cleanProps(props: unknown): Record<string, JsonValue> | undefined {
  try {
    const json = stringify(props, replacer);
    if (json?.[0] !== '{') warn('props: pass an object');
    else if (new Blob([json]).size > 8192) warn('props over 8 KiB dropped');
    else return parse(json) as Record<string, JsonValue>;
  } catch {
    warn('cyclic props dropped');
  }
  return undefined;
}

/** A non-empty string of at most `max` characters, else `undefined`. */
export function cleanString(v: unknown, max: number): string | undefined {
  return (typeof v === 'string' || typeof v === 'number') && v !== '' ? String(v).slice(0, max) : undefined;
}

/** A finite number, else `undefined`. */
export function cleanNumber(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? +v : v;
  return typeof n === 'number' && isFinite(n) ? n : undefined;
}

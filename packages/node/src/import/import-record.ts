import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { LIMITS, validateEvent, type FootfallEvent } from '@footfall/core';

/**
 * One result of an importer, in input order: the events one source line or row became
 * (often one, none for a record that has no Footfall meaning, e.g. a Segment `group`), or why
 * it could not be imported. `line` is the 1-based line where the record starts.
 */
export type ImportRecord =
  | { line: number; events: FootfallEvent[]; note?: string }
  | { line: number; error: string };

/** What the importers read: a Node stream (a file, stdin) or chunks of text or bytes. */
export type ImportInput = NodeJS.ReadableStream | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** The input as a Node Readable, for readline and csv-parse. */
export function readableOf(input: ImportInput): Readable {
  return input instanceof Readable ? input : Readable.from(input as AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>);
}

/**
 * A deterministic event id: `prefix` + the source's own id when it fits in the id limit,
 * else `prefix` + the first 32 hex chars of the SHA-256 of `key`. Importing the same input
 * twice gives the same ids, so the stores keep one copy (docs/integration.md#importing-files).
 *
 * @example
 * ```ts
 * importId('ord-', canonicalJson(row), row.order_id); // 'ord-A-1042'
 * ```
 */
export function importId(prefix: string, key: string, own?: string): string {
  if (own !== undefined && own !== '' && prefix.length + own.length <= LIMITS.id) return prefix + own;
  return prefix + createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * JSON with object keys sorted, so equal content gives equal text (and equal ids).
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2] }); // '{"a":[2],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Drops `undefined` fields, validates as a server's events (every type docs/events.md defines: an import is not a browser), and names every problem. */
export function checkImported(raw: Record<string, unknown>): { event: FootfallEvent } | { error: string } {
  // `raw` is built by the importers from a fixed list of field names, never keyed by input.
  const event: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (raw[key] !== undefined) event[key] = raw[key];
  const r = validateEvent(event, '', { origin: 'server' });
  return r.ok ? { event: r.value } : { error: r.errors.join('; ') };
}

import { parse, type Options } from 'csv-parse';
import { FootfallError } from '@footfall/core';
import { canonicalJson, checkImported, importId, readableOf, type ImportInput, type ImportRecord } from './import-record.js';

/** The kinds of records a CSV can hold (docs/integration.md#csv). */
export const CSV_KINDS = ['orders', 'email', 'ticket', 'review', 'adstats'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

/** Which fields each kind has, and how a cell becomes a value. */
const FIELDS: Record<CsvKind, Record<string, 'string' | 'number' | 'time' | 'json'>> = {
  orders: { id: 'string', ts: 'time', userId: 'string', anonymousId: 'string', orderId: 'string', value: 'number', currency: 'string', items: 'json', product: 'string', name: 'string', price: 'number', quantity: 'number', category: 'string' },
  email: { id: 'string', ts: 'time', userId: 'string', anonymousId: 'string', action: 'string', campaign: 'string', link: 'string' },
  ticket: { id: 'string', ts: 'time', userId: 'string', anonymousId: 'string', ticketId: 'string', reason: 'string', page: 'string', product: 'string', firstResponseAt: 'time', resolvedAt: 'time' },
  review: { id: 'string', ts: 'time', userId: 'string', anonymousId: 'string', product: 'string', rating: 'number', text: 'string' },
  adstats: { id: 'string', ts: 'time', source: 'string', medium: 'string', campaign: 'string', keyword: 'string', impressions: 'number', clicks: 'number', cost: 'number', currency: 'string' },
};
const PREFIX: Record<CsvKind, string> = { orders: 'ord-', email: 'em-', ticket: 'tk-', review: 'rv-', adstats: 'ads-' };

/**
 * A mapping file: which column holds which field of a kind of record.
 *
 * ```json
 * { "kind": "email", "columns": { "userId": "customer", "ts": "event_time", "action": "event", "campaign": "campaign_name" },
 *   "values": { "action": { "delivered": "sent", "opened": "open", "clicked": "click" } } }
 * ```
 */
export interface CsvMapping {
  kind: CsvKind;
  /** Field → column header. */
  columns: Partial<Record<string, string>>;
  /** Field → (cell text → value), for source vocabularies (`opened` → `open`). @default none */
  values?: Partial<Record<string, Partial<Record<string, string>>>>;
  /** Field → value used when the field has no column or its cell is empty (e.g. `"currency": "EUR"`). @default none */
  defaults?: Partial<Record<string, string | number>>;
  /** Field separator. @default ',' */
  delimiter?: string;
}

/** Longest record, in characters: a broken quote must not swallow a whole file into memory. */
const MAX_RECORD_CHARS = 1 << 20;
const LINE_BREAK = /\r\n|\r|\n/g;
const bad = (message: string) => new FootfallError('INVALID_OPTION', `${message}. See docs/integration.md#csv`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a mapping (parsed JSON) and returns it typed; throws a `FootfallError`
 * (`INVALID_OPTION`) naming the first problem.
 *
 * @example
 * ```ts
 * const mapping = checkCsvMapping(JSON.parse(readFileSync('orders.map.json', 'utf8')));
 * ```
 */
export function checkCsvMapping(value: unknown): CsvMapping {
  if (!isObject(value)) throw bad('the mapping must be a JSON object { kind, columns }');
  const kind = value.kind;
  if (typeof kind !== 'string' || !(CSV_KINDS as readonly string[]).includes(kind)) throw bad(`mapping kind must be one of ${CSV_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  const fields = FIELDS[kind as CsvKind];
  const known = (where: string, o: unknown, check: (v: unknown) => boolean, expect: string) => {
    if (o === undefined) return;
    if (!isObject(o)) throw bad(`mapping ${where} must be an object`);
    for (const [field, v] of Object.entries(o)) {
      if (!Object.hasOwn(fields, field)) throw bad(`mapping ${where}.${field}: ${kind} has no field ${field}; its fields are ${Object.keys(fields).join(', ')}`);
      if (!check(v)) throw bad(`mapping ${where}.${field}: expected ${expect}`);
    }
  };
  if (!isObject(value.columns)) throw bad('mapping columns must be an object { field: "column header" }');
  known('columns', value.columns, (v) => typeof v === 'string' && v !== '', 'a column header');
  known('values', value.values, (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'string'), 'an object { "cell": "value" }');
  known('defaults', value.defaults, (v) => typeof v === 'string' || typeof v === 'number', 'a string or number');
  if (value.delimiter !== undefined && (typeof value.delimiter !== 'string' || value.delimiter.length !== 1)) throw bad('mapping delimiter must be one character');
  return value as unknown as CsvMapping;
}

/**
 * A time cell: integer ms, or seconds when below 10^11; ISO 8601 with a zone; a date or
 * date-time without a zone is UTC (so an import gives the same events on every machine).
 *
 * @example
 * ```ts
 * parseTimeCell('2026-11-22 10:00'); // Date.UTC(2026, 10, 22, 10)
 * parseTimeCell('1795341600');       // 1795341600000 (seconds)
 * ```
 */
export function parseTimeCell(cell: string): number | undefined {
  const text = cell.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return Math.round(n < 1e11 ? n * 1000 : n);
  }
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/.exec(text);
  const t = local ? Date.parse(`${local[1]}T${local[2] ?? '00:00'}Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  return Number.isFinite(t) ? t : undefined;
}

/** A cell as a value of its field; a cell that does not parse is kept as text, so validation names it. */
function valueOf(kind: 'string' | 'number' | 'time' | 'json', cell: string): unknown {
  if (kind === 'string') return cell;
  if (kind === 'number') return /^-?\d+(\.\d+)?$/.test(cell.trim()) ? Number(cell) : cell;
  if (kind === 'time') return parseTimeCell(cell) ?? cell;
  try {
    return JSON.parse(cell) as unknown;
  } catch {
    return cell;
  }
}

/** The event one row of a kind becomes. */
function eventOf(kind: CsvKind, f: Record<string, unknown>, id: string): Record<string, unknown> {
  const person = { id, ts: f.ts, userId: f.userId, anonymousId: f.anonymousId };
  switch (kind) {
    case 'orders': {
      const item = f.product === undefined ? undefined : { id: f.product, name: f.name, price: f.price, quantity: f.quantity, category: f.category };
      const items = f.items ?? (item ? [Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined))] : undefined);
      return { ...person, type: 'cart', action: 'purchase', orderId: f.orderId, value: f.value, currency: f.currency, items };
    }
    case 'email':
      return { ...person, type: 'email', action: f.action, campaign: f.campaign, link: f.link };
    case 'ticket':
      return { ...person, type: 'ticket', ticketId: f.ticketId, reason: f.reason, page: f.page, product: f.product, firstResponseAt: f.firstResponseAt, resolvedAt: f.resolvedAt };
    case 'review':
      return { ...person, type: 'review', product: f.product, rating: f.rating, text: f.text };
    case 'adstats':
      return { id, ts: f.ts, type: 'adstats', source: f.source, medium: f.medium, campaign: f.campaign, keyword: f.keyword, impressions: f.impressions, clicks: f.clicks, cost: f.cost, currency: f.currency };
  }
}

/**
 * Streams a CSV (RFC 4180 by `csv-parse`: quoted fields, embedded newlines, `""` escapes, a
 * BOM) through a mapping into Footfall events, one `ImportRecord` per row with the line the
 * row starts on. The first row is the header. Ids come from the `id` column, else from the
 * SHA-256 of the row's mapped cells, so importing the same file twice stores nothing twice.
 * A row that is not a valid event is reported and the rest go on; a mapping that names a
 * column the header lacks throws a `FootfallError` before any row.
 *
 * @example
 * ```ts
 * const mapping = checkCsvMapping(JSON.parse(readFileSync('orders.map.json', 'utf8')));
 * for await (const r of importCsv(createReadStream('orders.csv'), mapping)) {
 *   if ('error' in r) console.error(`orders.csv:${r.line}: ${r.error}`);
 * }
 * ```
 */
export async function* importCsv(input: ImportInput, mapping: CsvMapping): AsyncGenerator<ImportRecord> {
  const { kind } = checkCsvMapping(mapping);
  const fields = FIELDS[kind];
  // Records are taken as csv-parse makes them (on_record), not from its output: a parse error
  // destroys the stream and with it the records still buffered there, which were good rows.
  const made: { record: string[]; raw: string }[] = [];
  const options: Options = {
    bom: true, relax_column_count: true, skip_empty_lines: true, raw: true, max_record_size: MAX_RECORD_CHARS, delimiter: mapping.delimiter ?? ',',
    // With `raw`, csv-parse hands on_record the pair { record, raw } (its types say string[]).
    on_record: (pair) => {
      made.push(pair as unknown as { record: string[]; raw: string });
      return pair;
    },
  };
  const parser = readableOf(input).pipe(parse(options));
  async function* rows() {
    try {
      for await (const _ of parser) while (made.length) yield made.shift()!;
    } finally {
      // also after an error: the rows made before it
      while (made.length) yield made.shift()!;
    }
  }
  let header: string[] | undefined;
  let at: [field: string, index: number][] = [];
  // Lines are counted from each record's raw text (skipped empty lines included): csv-parse's
  // own `info.lines` counts a CRLF inside a quoted field as two lines.
  let consumed = 0;
  try {
    for await (const { record, raw } of rows()) {
      const leading = /^(?:\r\n|\r|\n)*/.exec(raw)![0];
      const line = consumed + 1 + (leading.match(LINE_BREAK)?.length ?? 0);
      consumed += raw.match(LINE_BREAK)?.length ?? 0;
      if (!header) {
        header = record.map((h) => h.trim());
        at = Object.entries(mapping.columns).map(([field, column]) => {
          const index = header!.indexOf(column!);
          if (index < 0) throw bad(`the mapping's column "${column}" (for ${field}) is not in the header (${header!.join(', ')})`);
          return [field, index];
        });
        continue;
      }
      if (record.length !== header.length) {
        yield { line, error: `expected ${header.length} fields as in the header, got ${record.length}` };
        continue;
      }
      const f: Record<string, unknown> = {};
      const cells: Record<string, string> = {};
      for (const [field, value] of Object.entries(mapping.defaults ?? {})) f[field] = value;
      for (const [field, index] of at) {
        const cell = record[index].trim();
        if (cell === '') continue;
        cells[field] = cell;
        // The cell is data: look it up only among the mapping's own keys (never `__proto__`).
        const words = mapping.values?.[field];
        const mapped = words && Object.hasOwn(words, cell) ? words[cell] : undefined;
        f[field] = mapped ?? valueOf(fields[field], cell);
      }
      if (kind === 'orders' && f.orderId === undefined) {
        yield { line, error: 'orderId: required for an order, got nothing' };
        continue;
      }
      const id = importId(PREFIX[kind], canonicalJson({ kind, cells }), cells.id);
      const checked = checkImported(eventOf(kind, f, id));
      yield 'error' in checked ? { line, error: checked.error } : { line, events: [checked.event] };
    }
  } catch (error) {
    if (error instanceof FootfallError) throw error;
    // csv-parse stops at a broken quote: report where, the rows before are already out.
    yield { line: consumed + 1, error: `the CSV cannot be read on from here: ${(error as Error).message}` };
  }
}

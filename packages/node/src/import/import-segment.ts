import { splitLines, type CartAction } from '@footfall/core';
import { canonicalJson, checkImported, importId, readableOf, type ImportInput, type ImportRecord } from './import-record.js';

/** Segment's e-commerce v2 events that are Footfall cart actions (docs/integration.md#segment). */
const CART_EVENTS = new Map<string, CartAction>([
  ['Product Viewed', 'view_item'],
  ['Product Added', 'add'],
  ['Product Removed', 'remove'],
  ['Cart Viewed', 'view_cart'],
  ['Checkout Started', 'checkout'],
  ['Order Completed', 'purchase'],
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Json => (isObject(v) ? v : {});
/** A string field; Segment ids may be numbers, which Footfall keeps as their decimal text. */
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Segment's time fields in their order of trust: `timestamp` (corrected), then the client's. */
function timeOf(m: Json): number | undefined {
  for (const field of ['timestamp', 'originalTimestamp', 'sentAt', 'receivedAt']) {
    const v = m[field];
    const t = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
    if (Number.isFinite(t)) return Math.round(t);
  }
  return undefined;
}

/** `context.campaign` as UTM tags on the URL, unless the URL has its own (docs/integration.md#segment). */
function withCampaign(url: string | undefined, campaign: Json): string | undefined {
  if (url === undefined) return undefined;
  const tags: [string, string | undefined][] = [
    ['utm_source', str(campaign.source)], ['utm_medium', str(campaign.medium)], ['utm_campaign', str(campaign.name)],
    ['utm_term', str(campaign.term)], ['utm_content', str(campaign.content)],
  ];
  if (!tags.some(([, v]) => v !== undefined)) return url;
  let parsed: URL;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return url;
  }
  if (parsed.searchParams.has('utm_source')) return url;
  for (const [k, v] of tags) if (v !== undefined) parsed.searchParams.set(k, v);
  return absolute ? parsed.href : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** A Segment product as a cart item. */
function itemOf(p: Json): Json | undefined {
  const id = str(p.product_id) ?? str(p.sku) ?? str(p.id);
  if (id === undefined) return undefined;
  return { id, name: str(p.name), price: num(p.price), quantity: num(p.quantity), category: str(p.category) };
}

/** Page properties that become our own fields, left out of `props`. */
const PAGE_FIELDS = new Set(['url', 'path', 'title', 'referrer', 'search']);
/** The properties not mapped to a field, or undefined when none are left. */
function rest(properties: Json, mapped: ReadonlySet<string>): Json | undefined {
  const left = Object.fromEntries(Object.entries(properties).filter(([k]) => !mapped.has(k)));
  return Object.keys(left).length ? left : undefined;
}

const clean = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Converts one Segment (or RudderStack) message to Footfall events, following the Segment
 * spec: `track` (e-commerce v2 names become `cart` actions), `page`, `screen`, `identify`,
 * `alias`; `context.page`, `context.campaign` (UTM tags on the URL) and
 * `context.userAgent`/`locale`/`timezone`/`screen` fill the common fields. The id is the
 * `messageId`, or derived from the message's content when it has none, so a re-import is
 * a no-op. Mapping rules: docs/integration.md#segment.
 *
 * @example
 * ```ts
 * segmentToEvents({ type: 'track', event: 'Order Completed', userId: 'u1', messageId: 'm1', timestamp: '2026-11-22T10:00:00Z', properties: { order_id: 'A-1', total: 20, currency: 'EUR' } });
 * // { events: [{ id: 'm1', type: 'cart', action: 'purchase', orderId: 'A-1', value: 20, … }] }
 * ```
 */
export function segmentToEvents(message: unknown): { events: Json[]; note?: string } | { error: string } {
  if (!isObject(message)) return { error: 'not a Segment message: expected a JSON object' };
  const type = message.type;
  const ts = timeOf(message);
  if (ts === undefined) return { error: 'no time: expected timestamp, originalTimestamp, sentAt or receivedAt as ISO 8601 or ms' };
  const context = obj(message.context);
  const page = obj(context.page);
  const properties = obj(message.properties);
  const screen = obj(context.screen);
  const ctx = clean({ ua: str(context.userAgent), lang: str(context.locale), tz: str(context.timezone), sw: num(screen.width), sh: num(screen.height), dpr: num(screen.density) });
  const own = str(message.messageId);
  const id = importId(own !== undefined && own.length <= 64 ? '' : 'seg-', canonicalJson(message), own);
  const common: Json = {
    id,
    ts,
    anonymousId: str(message.anonymousId),
    userId: str(message.userId),
    ...(Object.keys(ctx).length ? { ctx } : {}),
  };
  const pageUrl = str(page.url);
  const campaign = obj(context.campaign);
  const one = (event: Json) => ({ events: [event] });

  switch (type) {
    case 'page': {
      const url = str(properties.url) ?? pageUrl ?? str(properties.path) ?? str(page.path);
      if (url === undefined) return { error: 'page without a URL: expected properties.url, context.page.url or a path' };
      return one({
        ...common, type: 'page', url: withCampaign(url, campaign),
        referrer: str(properties.referrer) ?? str(page.referrer), title: str(properties.title) ?? str(page.title) ?? str(message.name),
        props: rest(properties, PAGE_FIELDS),
      });
    }
    case 'screen': {
      const name = str(message.name) ?? str(properties.name);
      if (name === undefined) return { error: 'screen without a name' };
      return one({ ...common, type: 'page', url: withCampaign(`app://screen/${encodeURIComponent(name)}`, campaign), title: name, props: rest(properties, new Set(['name'])) });
    }
    case 'identify': {
      if (common.userId === undefined) return { events: [], note: 'identify without userId (anonymous traits): nothing to link, skipped' };
      return one({ ...common, type: 'identify', url: pageUrl, traits: isObject(message.traits) ? message.traits : isObject(context.traits) ? context.traits : undefined });
    }
    case 'alias': {
      // docs/integration.md#segment: alias links previousId (as a device) to userId.
      const previousId = str(message.previousId);
      if (previousId === undefined || common.userId === undefined) return { error: 'alias needs previousId and userId' };
      if (previousId === common.userId) return { events: [], note: 'alias of a userId to itself: nothing to link, skipped' };
      return one({ ...common, type: 'identify', anonymousId: previousId });
    }
    case 'track': {
      const name = str(message.event);
      if (name === undefined) return { error: 'track without an event name' };
      const url = withCampaign(pageUrl, campaign);
      const action = CART_EVENTS.get(name);
      if (action) {
        const products = Array.isArray(properties.products) ? properties.products.filter(isObject) : [];
        const items = (products.length ? products : [properties]).map(itemOf).filter((i): i is Json => i !== undefined).map(clean);
        const currency = str(properties.currency)?.toUpperCase();
        return one({
          ...common, type: 'cart', url, action,
          items: items.length ? items : undefined,
          value: num(properties.total) ?? num(properties.revenue) ?? num(properties.value) ?? (action !== 'purchase' && items.length === 1 && num(properties.price) !== undefined ? (num(properties.price) ?? 0) * (num(properties.quantity) ?? 1) : undefined),
          currency,
          orderId: str(properties.order_id) ?? str(properties.orderId),
        });
      }
      // Order Refunded stays a track event (docs/integration.md#segment): revenue is gross.
      return one({ ...common, type: 'track', url, name: name.slice(0, 256), props: rest(properties, new Set()) });
    }
    case 'group':
      return { events: [], note: 'group calls have no Footfall meaning, skipped' };
    default:
      return { error: `unknown Segment type ${JSON.stringify(type)}: expected track, page, screen, identify, alias or group` };
  }
}

/**
 * Streams Segment/RudderStack messages, one JSON object per line (a line may also be a
 * Segment batch `{ "batch": [...] }`), as Footfall events: one `ImportRecord` per message,
 * each event validated like any event; a bad line is reported with its number and why,
 * the rest go on.
 *
 * @example
 * ```ts
 * for await (const r of importSegment(createReadStream('segment.ndjson'))) {
 *   if ('error' in r) console.error(`line ${r.line}: ${r.error}`); else for (const e of r.events) out.write(`${JSON.stringify(e)}\n`);
 * }
 * ```
 */
export async function* importSegment(input: ImportInput): AsyncGenerator<ImportRecord> {
  const lines = splitLines(readableOf(input).setEncoding('utf8') as AsyncIterable<string>);
  let line = 0;
  for await (const text of lines) {
    line++;
    const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (cause) {
      yield { line, error: `not JSON (${(cause as Error).message})` };
      continue;
    }
    const messages = isObject(value) && Array.isArray(value.batch) ? value.batch : [value];
    const events = [];
    const errors: string[] = [];
    const notes: string[] = [];
    for (const [i, message] of messages.entries()) {
      const at = messages.length > 1 ? `batch[${i}]: ` : '';
      const r = segmentToEvents(message);
      if ('error' in r) {
        errors.push(at + r.error);
        continue;
      }
      if (r.note) notes.push(at + r.note);
      for (const raw of r.events) {
        const checked = checkImported(raw);
        if ('error' in checked) errors.push(at + checked.error);
        else events.push(checked.event);
      }
    }
    if (events.length || notes.length || !errors.length) yield { line, events, ...(notes.length ? { note: notes.join('; ') } : {}) };
    if (errors.length) yield { line, error: errors.join('; ') };
  }
}

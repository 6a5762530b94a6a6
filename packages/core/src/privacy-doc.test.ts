/**
 * docs/privacy.md lists every field Footfall collects, why, how long it is kept and how to turn
 * it off (its "What is collected" section). This keeps the list whole: every field of every
 * event type's schema, every `ctx` field the demo shop sends, and the fields the collector
 * adds are named there. A schema's fields are found by asking it: a name is a field of a type
 * when the schema rejects a wrong value in it (names it does not know, it leaves alone); the
 * names asked are every word docs/events.md writes in backticks and every key the demo sends.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '@footfall/node/demo';
import { EVENT_TYPES, eventSchemas, type EventType } from './events.js';
import { problems } from './schema.js';

const read = (page: string) => readFileSync(new URL(`../../../docs/${page}`, import.meta.url), 'utf8');
/** Every name written in backticks (`ctx.ua` names `ctx` and `ua`). */
const backticked = (markdown: string) => new Set([...markdown.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].split(/[^A-Za-z0-9_]+/)).filter(Boolean));

const privacy = read('privacy.md');
const start = privacy.indexOf('## What is collected');
const named = backticked(privacy.slice(start, privacy.indexOf('\n## ', start + 1)));

describe('docs/privacy.md names every field collected', () => {
  it('every field of every event type, every ctx field, every field the collector adds', () => {
    const demo = [...generateDemo({ events: 3000, seed: 3 })];
    const example = new Map<string, Record<string, unknown>>();
    for (const e of demo) if (!example.has(e.type)) example.set(e.type, e as unknown as Record<string, unknown>);
    // The demo shop sends no custom events.
    if (!example.has('track')) example.set('track', { id: 't1', type: 'track', ts: 1, anonymousId: 'a', url: 'https://shop.test/', name: 'signup' });
    expect([...example.keys()].sort()).toEqual([...EVENT_TYPES].sort());

    const candidates = new Set([...backticked(read('events.md')), ...demo.flatMap((e) => Object.keys(e))]);
    const fields = new Map<string, string>();
    for (const type of EVENT_TYPES) {
      const base = example.get(type)!;
      expect(problems(eventSchemas[type as EventType], base), type).toEqual([]);
      for (const name of candidates) {
        if (fields.has(name)) continue;
        const broken = problems(eventSchemas[type as EventType], { ...base, [name]: Symbol('not JSON') });
        if (Object.hasOwn(base, name) || broken.some((p) => p.startsWith(`${name}:`))) fields.set(name, type);
      }
    }
    for (const e of demo) for (const name of Object.keys(e.ctx ?? {})) if (!fields.has(name)) fields.set(name, 'ctx (demo)');
    for (const name of ['agent', 'writeKey', 'receivedAt', 'clientTs']) fields.set(name, 'collector');
    // The probe finds fields only a schema knows: those the demo never sends are found too.
    for (const name of ['firstResponseAt', 'keyword', 'link', 'dead', 'title']) expect(fields.has(name), name).toBe(true);
    expect(fields.has('view_item')).toBe(false); // a value in events.md, not a field
    expect(fields.size).toBeGreaterThan(50);
    expect([...fields].filter(([name]) => !named.has(name)).map(([name, from]) => `${name} (${from})`)).toEqual([]);
  });
});

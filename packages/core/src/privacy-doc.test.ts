/**
 * docs/privacy.md lists every field Footfall collects, why, how long it is kept and how to turn
 * it off (its "What is collected" section). This keeps the list whole: every field of every
 * event type's schema, every `ctx` field the SDK's demo shop sends, and the fields the
 * collector adds are named there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '@footfall/node/demo';
import { EVENT_TYPES, eventSchemas } from './events.js';

const doc = readFileSync(new URL('../../../docs/privacy.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## What is collected'), doc.indexOf('\n## ', doc.indexOf('## What is collected') + 1));
/** Every name written in backticks in the section (`ctx.ua` names `ctx` and `ua`). */
const named = new Set([...section.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].split(/[^A-Za-z0-9_]+/)).filter(Boolean));

describe('docs/privacy.md names every field collected', () => {
  it('every field of every event type, every ctx field, every field the collector adds', () => {
    const fields = new Map<string, string>();
    for (const type of EVENT_TYPES) for (const field of Object.keys(eventSchemas[type].shape)) if (!fields.has(field)) fields.set(field, type);
    for (const e of generateDemo({ events: 3000, seed: 3 })) {
      for (const field of Object.keys(e)) if (!fields.has(field)) fields.set(field, `${e.type} (demo)`);
      for (const field of Object.keys(e.ctx ?? {})) if (!fields.has(field)) fields.set(field, 'ctx (demo)');
    }
    for (const field of ['agent', 'writeKey', 'receivedAt', 'clientTs']) fields.set(field, 'collector');
    expect(fields.size).toBeGreaterThan(50);
    expect([...fields].filter(([field]) => !named.has(field)).map(([field, from]) => `${field} (${from})`)).toEqual([]);
  });
});

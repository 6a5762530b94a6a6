import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, validateEvent } from './events.js';
import { parseEventLine } from './ndjson.js';

const page = { id: 'e1', type: 'page', ts: 1, anonymousId: 'a1', url: 'https://shop.example/' };
/** `levels` nested objects under `x` (the event itself is level 1). */
const nested = (levels: number) => {
  let v: object = {};
  for (let i = 1; i < levels; i++) v = { n: v };
  return v;
};
/** What validateEvent says of the parsed line, as parseEventLine puts it. */
const expected = (line: string) => {
  const r = validateEvent(JSON.parse(line));
  return r.ok ? { ok: true, event: r.value } : { ok: false, code: 'INVALID_EVENT', reason: r.errors.join('; ') };
};

describe('parseEventLine', () => {
  it('answers as validateEvent of the parsed line at the depth and size limits, whether or not the text alone proves them (docs/internals.md#reading-lines)', () => {
    const lines = [
      { ...page, x: nested(LIMITS.depth - 1) },
      { ...page, x: nested(LIMITS.depth) },
      // Brackets inside strings count toward the text's bound but nest nothing.
      { ...page, x: nested(LIMITS.depth - 1), title: '{{{{{{{{[[[[[[[[' },
      // Short numbers count 24 each toward the size bound: long texts under it, and over it.
      { ...page, x: Array.from({ length: 5_000 }, () => 1) },
      { ...page, x: Array.from({ length: 6_000 }, () => 1) },
      { ...page, x: 'a'.repeat(LIMITS.eventBytes - 200) },
      { ...page, x: 'a'.repeat(LIMITS.eventBytes) },
    ].map((v) => JSON.stringify(v));
    for (const line of lines) expect(parseEventLine(line), line.slice(0, 80)).toEqual(expected(line));
    expect(parseEventLine(lines[1])).toMatchObject({ ok: false, reason: expect.stringContaining('nested more than 16 levels') });
    expect(parseEventLine(lines[4])).toMatchObject({ ok: false, reason: expect.stringContaining(`${LIMITS.eventBytes} bytes`) });
    expect(parseEventLine(lines[0])).toMatchObject({ ok: true });
  });

  it('answers as validateEvent of the parsed line for any JSON object beside an event (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 20 }), { maxKeys: 6 }), fc.boolean(), (extra, typed) => {
        const line = JSON.stringify(typed ? { ...extra, ...page } : { ...page, ...extra });
        expect(parseEventLine(line)).toEqual(expected(line));
      }),
      { numRuns: 300 },
    );
  });
});

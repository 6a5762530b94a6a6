import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLineKeys, type LineKeys } from './line-keys.js';

/** What JSON.parse says the placing keys are (strings only). */
function parsedKeys(line: string): LineKeys | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { id: str(v.id), anonymousId: str(v.anonymousId), userId: str(v.userId) };
}

function keysOf(line: string): LineKeys | false {
  const out: LineKeys = { id: undefined, anonymousId: undefined, userId: undefined };
  const b = Buffer.from(line);
  return readLineKeys(b, 0, b.length, out) ? out : false;
}

describe('readLineKeys', () => {
  it('reads the top-level keys of a plain event line', () => {
    expect(keysOf('{"id":"e1","type":"page","ts":1,"anonymousId":"a1","userId":"u1","url":"/"}')).toEqual({ id: 'e1', anonymousId: 'a1', userId: 'u1' });
  });
  it('skips nested objects and arrays, whose keys are not the event’s', () => {
    const line = '{"id":"e1","props":{"userId":"x","id":"y","a":[{"anonymousId":"z"}]},"items":[{"id":"i1"}],"anonymousId":"a1"}';
    expect(keysOf(line)).toEqual({ id: 'e1', anonymousId: 'a1', userId: undefined });
  });
  it('takes the last of repeated keys, as JSON.parse does, including a non-string one', () => {
    expect(keysOf('{"userId":"u1","anonymousId":"a","userId":"u2"}')).toEqual({ id: undefined, anonymousId: 'a', userId: 'u2' });
    expect(keysOf('{"userId":"u1","anonymousId":"a","userId":7}')).toEqual({ id: undefined, anonymousId: 'a', userId: undefined });
  });
  it('leaves escaped keys and escaped placing values to JSON.parse, not other escapes', () => {
    expect(keysOf('{"anonymousId":"a","\\u0075serId":"u1"}')).toBe(false);
    expect(keysOf('{"anonymousId":"a\\u0031"}')).toBe(false);
    expect(keysOf('{"anonymousId":"a","selector":"a[href=\\"/x\\"]"}')).toEqual({ id: undefined, anonymousId: 'a', userId: undefined });
  });
  it('skips a byte-order mark and whitespace between tokens', () => {
    expect(keysOf('\uFEFF { "id" : "e" , "anonymousId" :\t"a" } ')).toEqual({ id: 'e', anonymousId: 'a', userId: undefined });
  });
  it('gives up on what is not one well-formed object', () => {
    for (const line of ['', '[1]', '"x"', '{', '{"id":"e"', '{"id":"e"}x', '{"id" "e"}', '{"id":}', '{"a":{"b":1}']) expect(keysOf(line)).toBe(false);
  });
  it('agrees with JSON.parse on every line JSON can parse (property)', () => {
    const key = fc.constantFrom('id', 'anonymousId', 'userId', 'type', 'props', 'x', 'i\u0064', 'userId ');
    const scalar = fc.oneof(fc.string(), fc.constantFrom('u\u00e9', 'a"b', 'c\\d', '{', '}', '[', ']', ','), fc.integer(), fc.boolean(), fc.constant(null));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map((entries) => ({ entries }))),
    }));
    const render = (v: unknown, space: string): string => {
      if (Array.isArray(v)) return `[${v.map((x) => render(x, space)).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        return `{${(v as { entries: [string, unknown][] }).entries.map(([k, x]) => `${JSON.stringify(k)}${space}:${space}${render(x, space)}`).join(`,${space}`)}}`;
      }
      return JSON.stringify(v);
    };
    const line = fc.tuple(fc.array(fc.tuple(key, value), { maxLength: 8 }), fc.constantFrom('', ' ', '\t'), fc.boolean()).map(([entries, space, escapeKey]) => {
      const text = render({ entries }, space);
      // Sometimes spell a key with a \u escape, as JSON allows.
      return escapeKey ? text.replace('"userId"', '"\\u0075serId"') : text;
    });
    fc.assert(
      fc.property(line, (text) => {
        const got = keysOf(text);
        const want = parsedKeys(text);
        if (got !== false) expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});

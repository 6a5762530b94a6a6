import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineKeyReader, noLineKeys, readLineKeys, type LineKeys } from './line-keys.js';

interface Keys {
  anonymousId: string | undefined;
  userId: string | undefined;
}

/** What JSON.parse says the placing keys are (strings only). */
function parsedKeys(line: string): Keys | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return { anonymousId: str(v.anonymousId), userId: str(v.userId) };
}

const text = (b: Buffer, from: number, to: number) => (from < 0 ? undefined : b.toString('utf8', from, to));
const decoded = (b: Buffer, k: LineKeys): Keys => ({ anonymousId: text(b, k.anonymousFrom, k.anonymousTo), userId: text(b, k.userFrom, k.userTo) });

/** The keys by the walk and by the fast reader (which must agree on lines JSON can parse), or false where the walk gives up. */
function keysOf(line: string): Keys | false {
  const out = noLineKeys();
  const b = Buffer.from(line);
  return readLineKeys(b, 0, b.length, out) ? decoded(b, out) : false;
}
function fastKeysOf(lines: string[]): (Keys | false)[] {
  const b = Buffer.from(lines.join('\n'));
  const reader = lineKeyReader();
  const out = noLineKeys();
  let start = 0;
  return lines.map((line) => {
    const end = start + Buffer.byteLength(line);
    const got = reader.read(b, start, end, out) ? decoded(b, out) : false;
    start = end + 1;
    return got;
  });
}

describe('readLineKeys and lineKeyReader', () => {
  it('read the top-level keys of a plain event line', () => {
    const line = '{"id":"e1","type":"page","ts":1,"anonymousId":"a1","userId":"u1","url":"/"}';
    expect(keysOf(line)).toEqual({ anonymousId: 'a1', userId: 'u1' });
    expect(fastKeysOf([line])).toEqual([{ anonymousId: 'a1', userId: 'u1' }]);
  });
  it('skip nested objects and arrays, whose keys are not the event’s', () => {
    const line = '{"id":"e1","props":{"userId":"x","id":"y","a":[{"anonymousId":"z"}]},"items":[{"id":"i1"}],"anonymousId":"a1"}';
    expect(keysOf(line)).toEqual({ anonymousId: 'a1', userId: undefined });
    expect(fastKeysOf([line, '{"anonymousId":"b","props":{"userId":"x"}}'])).toEqual([{ anonymousId: 'a1', userId: undefined }, { anonymousId: 'b', userId: undefined }]);
  });
  it('take the last of repeated keys, as JSON.parse does, including a non-string one', () => {
    const lines = ['{"userId":"u1","anonymousId":"a","userId":"u2"}', '{"userId":"u1","anonymousId":"a","userId":7}'];
    const want = [{ anonymousId: 'a', userId: 'u2' }, { anonymousId: 'a', userId: undefined }];
    expect(lines.map(keysOf)).toEqual(want);
    expect(fastKeysOf(lines)).toEqual(want);
  });
  it('tell a key from a string value that spells it', () => {
    const lines = ['{"title":"userId","anonymousId":"a"}', '{"x":"anonymousId" ,"userId" : "u"}'];
    const want = [{ anonymousId: 'a', userId: undefined }, { anonymousId: undefined, userId: 'u' }];
    expect(lines.map(keysOf)).toEqual(want);
    expect(fastKeysOf(lines)).toEqual(want);
  });
  it('leave escaped keys and escaped placing values to JSON.parse, not other escapes', () => {
    expect(keysOf('{"anonymousId":"a","\\u0075serId":"u1"}')).toBe(false);
    expect(keysOf('{"anonymousId":"a\\u0031"}')).toBe(false);
    expect(keysOf('{"anonymousId":"a","selector":"a[href=\\"/x\\"]"}')).toEqual({ anonymousId: 'a', userId: undefined });
    expect(fastKeysOf(['{"anonymousId":"a","\\u0075serId":"u1"}', '{"anonymousId":"b"}'])).toEqual([false, { anonymousId: 'b', userId: undefined }]);
  });
  it('skip a byte-order mark and whitespace between tokens', () => {
    const line = '\uFEFF { "id" : "e" , "anonymousId" :\t"a" } ';
    expect(keysOf(line)).toEqual({ anonymousId: 'a', userId: undefined });
    expect(fastKeysOf([line])).toEqual([{ anonymousId: 'a', userId: undefined }]);
  });
  it('the walk gives up on what is not one well-formed object', () => {
    for (const line of ['', '[1]', '"x"', '{', '{"id":"e"', '{"id":"e"}x', '{"id" "e"}', '{"id":}', '{"a":{"b":1}']) expect(keysOf(line)).toBe(false);
  });
  it('agree with JSON.parse on every line JSON can parse, read one by one or many to a buffer (property)', () => {
    const key = fc.constantFrom('id', 'anonymousId', 'userId', 'type', 'props', 'x', 'i\u0064', 'userId ');
    const scalar = fc.oneof(fc.string(), fc.constantFrom('u\u00e9', 'a"b', 'c\\d', '{', '}', '[', ']', ',', 'userId', 'anonymousId', '"userId":'), fc.integer(), fc.boolean(), fc.constant(null));
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
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        const fast = fastKeysOf(lines);
        lines.forEach((text, k) => {
          const want = parsedKeys(text);
          const got = keysOf(text);
          if (got !== false) expect(got).toEqual(want);
          if (fast[k] !== false) expect(fast[k]).toEqual(want);
        });
      }),
      { numRuns: 800 },
    );
  }, 60_000);
});

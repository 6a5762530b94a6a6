import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { generateDemo } from '@footfall/node';
import { eventSchemas, LIMITS, type EventType } from './events.js';
import { array, boolean, isValid, jsonObject, number, object, oneOf, optional, problems, string, type Schema } from './schema.js';

/** What `check` alone says: the reference the `valid` fast path must agree with. */
const checkPasses = (schema: Schema<unknown>, value: unknown) => {
  const issues: string[] = [];
  schema.check(value, '', issues);
  return issues.length === 0;
};

const demo = [...generateDemo({ events: 400, seed: 11 })] as unknown as Record<string, unknown>[];
const keysOf = (o: Record<string, unknown>) => Object.keys(o);
const odd = fc.oneof(
  fc.anything(),
  fc.constantFrom(undefined, null, '', 'x'.repeat(3000), -1, 1.5, NaN, Infinity, 1e300, [], {}, true),
  fc.string(), fc.integer(), fc.double(),
);

/** A demo event with up to three fields (top level or in ctx/props/items) replaced or deleted. */
const mutated = fc.tuple(fc.nat(demo.length - 1), fc.array(fc.tuple(fc.nat(), fc.boolean(), odd, fc.nat()), { maxLength: 3 })).map(([at, edits]) => {
  const e = structuredClone(demo[at]);
  for (const [k, del, value, nested] of edits) {
    let target: Record<string, unknown> = e;
    const inner = ['ctx', 'props', 'items'].filter((key) => typeof e[key] === 'object' && e[key] !== null);
    if (nested % 3 === 0 && inner.length) {
      const picked = e[inner[nested % inner.length]] as Record<string, unknown> | Record<string, unknown>[];
      target = Array.isArray(picked) ? (picked[0] ?? {}) : picked;
    }
    // an earlier edit may have made ctx, props or an item a primitive: nothing to edit inside it
    if (typeof target !== 'object' || target === null) continue;
    const keys = keysOf(target);
    if (!keys.length) continue;
    const key = keys[k % keys.length];
    if (del) delete target[key];
    else target[key] = value;
  }
  return e;
});

describe('schema fast path (valid)', () => {
  it('agrees with check on every demo event and on mutated ones', () => {
    for (const e of demo) expect(isValid(eventSchemas[e.type as EventType], e)).toBe(true);
    fc.assert(
      fc.property(mutated, (e) => {
        const schema = Object.hasOwn(eventSchemas, e.type as string) ? eventSchemas[e.type as EventType] : eventSchemas.page;
        expect(isValid(schema, e)).toBe(checkPasses(schema, e));
        expect(problems(schema, e).length === 0).toBe(checkPasses(schema, e));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with check on arbitrary values for every kind of schema', () => {
    const schemas: Schema<unknown>[] = [
      string(5), string(5, 2), number(), number({ integer: true, min: 0 }), number({ min: 0, max: 1 }), boolean(),
      oneOf(['a', 'b', 1] as const), optional(string(3)), array(number(), { min: 1, max: 3 }), jsonObject(40),
      object({ a: string(3), b: optional(number({ integer: true })), c: optional(array(object({ d: boolean() }))) }),
      // a schema without a fast path of its own, nested: check is the fallback
      object({ custom: { check: (v, p, issues) => { if (v !== 7) issues.push(`${p}: not 7`); } } }),
    ];
    fc.assert(
      fc.property(fc.nat(schemas.length - 1), fc.oneof(odd, fc.dictionary(fc.constantFrom('a', 'b', 'c', 'custom'), odd), fc.record({ a: fc.string({ maxLength: 4 }), c: fc.array(fc.record({ d: fc.oneof(fc.boolean(), odd) }), { maxLength: 4 }) })), (i, v) => {
        expect(isValid(schemas[i], v)).toBe(checkPasses(schemas[i], v));
      }),
      { numRuns: 5000 },
    );
  });

  it('jsonObject counts UTF-8 bytes only where the length alone cannot decide', () => {
    const schema = jsonObject(LIMITS.propsBytes);
    const near = (s: string) => ({ k: s });
    for (const value of [near('a'.repeat(8180)), near('a'.repeat(8200)), near('é'.repeat(4080)), near('é'.repeat(4100)), near('😀'.repeat(2040)), near('😀'.repeat(2050)), near('\ud800'.repeat(1000))]) {
      expect(isValid(schema, value)).toBe(checkPasses(schema, value));
    }
  });
});

describe('jsonBounds (issue 10, 3)', () => {
  it('passes what is within both bounds, names the first bound passed, and never recurses past maxDepth', async () => {
    const { jsonBounds } = await import('./schema.js');
    expect(jsonBounds({ a: [[1]] }, 3, 100)).toBeUndefined();
    expect(jsonBounds({ a: [[[1]]] }, 3, 100)).toBe('nested more than 3 levels deep');
    expect(jsonBounds({ a: 'x'.repeat(200) }, 3, 100)).toBe('more than 100 bytes as JSON');
    // 100,000 levels, built without recursion: answered from the first 16.
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonBounds(deep, 16, 1 << 20)).toBe('nested more than 16 levels deep');
    // A wide value stops once past the budget.
    expect(jsonBounds(Array.from({ length: 1_000_000 }, () => 1), 16, 1000)).toBe('more than 1000 bytes as JSON');
  });
});

describe('string wellFormed', () => {
  it('refuses lone surrogates anywhere and keeps whole pairs, in check and valid alike', () => {
    const s = string(100, 1, { wellFormed: true });
    const lone = ['\ud800', 'a\udc00', 'x\ud83d', '\ude00y', '😀\ud800'];
    const whole = ['a', '😀', 'é😀é', 'e05a4507-8c50-45c3-9688-5147dff5fe62'];
    for (const v of lone) expect([isValid(s, v), checkPasses(s, v)], JSON.stringify(v)).toEqual([false, false]);
    for (const v of whole) expect([isValid(s, v), checkPasses(s, v)], v).toEqual([true, true]);
  });
});

describe('compiled fast path (docs/internals.md#validation)', () => {
  it('agrees with the loop a browser uses instead (no code compiled under a Content-Security-Policy)', async () => {
    const compiled = await import('./schema.js');
    vi.resetModules();
    // As in a browser: no process.versions.node (nor Deno, nor Bun).
    vi.stubGlobal('process', { ...process, versions: { ...process.versions, node: undefined } });
    let page: typeof compiled;
    try {
      page = await import('./schema.js');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(page.object).not.toBe(compiled.object);
    const shape = (k: typeof compiled) => k.object({ id: k.string(8, 1), n: k.optional(k.number({ integer: true })), ctx: k.optional(k.object({ ua: k.optional(k.string(4)) })), tags: k.optional(k.array(k.string(3))) });
    const fast = shape(compiled);
    const loop = shape(page);
    expect(String(fast.valid)).not.toBe(String(loop.valid));
    fc.assert(
      fc.property(fc.oneof(odd, fc.record({ id: fc.oneof(fc.string({ maxLength: 9 }), odd), n: odd, ctx: fc.oneof(odd, fc.record({ ua: odd })), tags: fc.oneof(odd, fc.array(fc.string({ maxLength: 4 }))) }, { requiredKeys: [] })), (v) => {
        expect(fast.valid!(v)).toBe(loop.valid!(v));
        expect(fast.valid!(v)).toBe(checkPasses(fast, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads keys named like code as plain keys', () => {
    const schema = object({ 'a"b': string(2), '\u2028x': optional(number()), 'return false; //': optional(boolean()), __proto__x: optional(string(1)) });
    expect(schema.valid!({ 'a"b': 'ok' })).toBe(true);
    expect(schema.valid!({ 'a"b': 'ok', 'return false; //': 1 })).toBe(false);
    expect(schema.valid!({ 'a"b': 'ok', '\u2028x': 2, 'return false; //': true })).toBe(true);
    expect(schema.valid!({})).toBe(false);
  });
});

/**
 * A tiny schema kit: each schema both checks a value at run time and carries its
 * TypeScript type, so the event types in `events.ts` are derived from the same
 * definitions that validate input (one source of truth, no hand-kept duplicate).
 */

/** A schema for values of type `T`. */
export interface Schema<T> {
  /** Phantom: only carries the type. */
  readonly _type?: T;
  /** Appends a `path: message` line to `issues` for every problem found. */
  check(value: unknown, path: string, issues: string[]): void;
  /**
   * Optional fast path: true exactly when `check` would find no problem, without building
   * paths or messages (most input is valid; `check` then only runs to explain a failure).
   */
  valid?(value: unknown): boolean;
}

/** Whether a value passes a schema: its `valid` fast path, else `check` with no problem. */
export function isValid(schema: Schema<unknown>, value: unknown): boolean {
  if (schema.valid) return schema.valid(value);
  const issues: string[] = [];
  schema.check(value, '', issues);
  return issues.length === 0;
}
/** A schema's fast path as one function (`isValid` bound to it); `orUndefined` also passes `undefined`. */
function validOf(schema: Schema<unknown>, orUndefined = false): (value: unknown) => boolean {
  const valid = schema.valid ?? ((value: unknown) => isValid(schema, value));
  return orUndefined ? (value) => value === undefined || valid(value) : valid;
}

/** A schema whose key may be absent from its parent object. */
export interface OptionalSchema<T> extends Schema<T> {
  readonly optional: true;
}
/** The TypeScript type a schema checks. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The object type of a shape: optional schemas become optional keys. */
export type InferShape<S extends Shape> = Simplify<
  { [K in RequiredKeys<S>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

/** Describes a received value briefly for error messages: `"12"`, `null`, `an array`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const at = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** A UTF-16 surrogate without its other half (one step per character: linear). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** `String.prototype.isWellFormed` (ES2024) where the runtime has it: native, and instant on one-byte strings, where the regex costs microseconds per id. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;
/** Whether a string holds a lone surrogate. */
const hasLoneSurrogate = (text: string): boolean => (isWellFormed ? !isWellFormed.call(text) : LONE_SURROGATE.test(text));

/**
 * A string of `min..max` characters (`max` from docs/events.md). `wellFormed` also refuses lone
 * surrogates: stores keep text as UTF-8, where each becomes U+FFFD, so two different ids
 * would become one (docs/events.md, "Limits at a glance").
 */
export function string(max: number, min = 0, options: { wellFormed?: boolean } = {}): Schema<string> {
  const wellFormed = options.wellFormed ?? false;
  return {
    check(value, path, issues) {
      if (typeof value !== 'string') issues.push(`${path}: expected string, got ${describe(value)}`);
      else if (value.length > max) issues.push(`${path}: expected at most ${max} characters, got ${value.length}`);
      else if (value.length < min) issues.push(`${path}: expected at least ${min} character${min === 1 ? '' : 's'}, got ${value.length}`);
      else if (wellFormed && hasLoneSurrogate(value)) issues.push(`${path}: expected well-formed Unicode, got a lone surrogate (half of a UTF-16 pair): send whole characters`);
    },
    valid: (value) => typeof value === 'string' && value.length <= max && value.length >= min && !(wellFormed && hasLoneSurrogate(value)),
  };
}

/** Counted for any number, `true`, `false` or `null`: the longest JSON text of a number (`-1.2345678901234567e-308`). */
const SCALAR_CHARS = 24;

/**
 * The characters of `v` as JSON (each string character counts as one; every scalar as
 * `SCALAR_CHARS`), or -1 when it nests deeper than `maxDepth`; stops adding once past
 * `budget`. Recursion is bounded by `maxDepth`, so no input can overflow the stack.
 */
function measure(v: unknown, depth: number, maxDepth: number, budget: number): number {
  if (typeof v === 'string') return v.length + 2;
  if (typeof v !== 'object' || v === null) return SCALAR_CHARS;
  if (depth >= maxDepth) return -1;
  let chars = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && chars <= budget; i++) {
      const n = measure(v[i], depth + 1, maxDepth, budget - chars);
      if (n < 0) return n;
      chars += n + 1;
    }
  } else {
    for (const k in v) {
      const n = measure((v as Record<string, unknown>)[k], depth + 1, maxDepth, budget - chars);
      if (n < 0) return n;
      chars += n + k.length + 4;
      if (chars > budget) break;
    }
  }
  return chars;
}

/**
 * Why a JSON value is too deep or too large, or undefined when it is within both bounds.
 * Size counts as `JSON.stringify` would, each string character as one byte and each number,
 * boolean or null at its longest (24); it stops at the first bound passed, so a hostile value
 * costs at most about `maxBytes` steps, and its recursion is bounded by `maxDepth`.
 *
 * @example
 * ```ts
 * jsonBounds({ a: [[[1]]] }, 3, 1000); // 'nested more than 3 levels deep'
 * ```
 */
export function jsonBounds(value: unknown, maxDepth: number, maxBytes: number): string | undefined {
  const n = measure(value, 0, maxDepth, maxBytes);
  if (n < 0) return `nested more than ${maxDepth} levels deep`;
  if (n > maxBytes) return `more than ${maxBytes} bytes as JSON`;
  return undefined;
}

/** A finite number within `[min, max]`; `integer` requires a whole number. */
export function number(options: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> {
  const { min = -Infinity, max = Infinity, integer = false } = options;
  return {
    check(value, path, issues) {
      if (typeof value !== 'number' || !Number.isFinite(value)) issues.push(`${path}: expected ${integer ? 'integer' : 'number'}, got ${describe(value)}`);
      else if (integer && !Number.isInteger(value)) issues.push(`${path}: expected integer, got ${value}`);
      else if (value < min || value > max) issues.push(`${path}: expected ${min === -Infinity ? '' : `${min} ≤ `}value${max === Infinity ? '' : ` ≤ ${max}`}, got ${value}`);
    },
    valid: (value) => typeof value === 'number' && Number.isFinite(value) && (!integer || Number.isInteger(value)) && value >= min && value <= max,
  };
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  return {
    check(value, path, issues) {
      if (typeof value !== 'boolean') issues.push(`${path}: expected boolean, got ${describe(value)}`);
    },
    valid: (value) => typeof value === 'boolean',
  };
}

/** Exactly one of the listed strings (or numbers). */
export function oneOf<const T extends readonly (string | number)[]>(values: T): Schema<T[number]> & { readonly values: T } {
  return {
    values,
    check(value, path, issues) {
      if (!values.includes(value as T[number])) issues.push(`${path}: expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`);
    },
    valid: (value) => values.includes(value as T[number]),
  };
}

/** Marks a schema's key as optional in its parent object (`undefined` also passes). */
export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return {
    optional: true,
    check(value, path, issues) {
      if (value !== undefined) schema.check(value, path, issues);
    },
    valid: validOf(schema, true),
  };
}

/** An array of `min..max` items, each checked by `item`. */
export function array<T>(item: Schema<T>, options: { min?: number; max?: number } = {}): Schema<T[]> {
  const { min = 0, max = Infinity } = options;
  const itemValid = validOf(item);
  return {
    check(value, path, issues) {
      if (!Array.isArray(value)) return void issues.push(`${path}: expected array, got ${describe(value)}`);
      if (value.length < min) issues.push(`${path}: expected at least ${min} item${min === 1 ? '' : 's'}, got ${value.length}`);
      if (value.length > max) issues.push(`${path}: expected at most ${max} items, got ${value.length}`);
      value.forEach((v, i) => item.check(v, at(path, i), issues));
    },
    valid(value) {
      if (!Array.isArray(value) || value.length < min || value.length > max) return false;
      for (let i = 0; i < value.length; i++) if (!itemValid(value[i])) return false;
      return true;
    },
  };
}

/** A JSON value: what `JSON.parse` can return. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A plain object of JSON values. */
export type JsonObject = { [key: string]: Json };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plain object of JSON values whose `JSON.stringify` is at most `maxBytes` UTF-8 bytes. */
export function jsonObject(maxBytes: number): Schema<JsonObject> {
  return {
    check(value, path, issues) {
      if (!isPlainObject(value)) return void issues.push(`${path}: expected object, got ${describe(value)}`);
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch {
        return void issues.push(`${path}: expected JSON values only (no cycles, BigInt or functions)`);
      }
      const bytes = utf8Length(text);
      if (bytes > maxBytes) issues.push(`${path}: expected at most ${maxBytes} bytes as JSON, got ${bytes}`);
    },
    valid(value) {
      if (!isPlainObject(value)) return false;
      let text: string;
      try {
        text = JSON.stringify(value);
      } catch {
        return false;
      }
      // UTF-8 needs 1 to 3 bytes per UTF-16 unit: only the lengths in between need a count.
      if (text.length > maxBytes) return false;
      return text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes;
    },
  };
}

/** UTF-8 byte length of a string without allocating (works in every runtime). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Whether this runtime may compile fast paths (`compiledValid`): a server runtime (Node.js, Deno,
 * Bun). Not a browser's page or worker, where a Content-Security-Policy without 'unsafe-eval'
 * would refuse it and report a violation to the site.
 */
const runtime = globalThis as { process?: { versions?: { node?: unknown } }; Deno?: unknown; Bun?: unknown };
const mayCompile = typeof runtime.process?.versions?.node === 'string' || runtime.Deno !== undefined || runtime.Bun !== undefined;

/**
 * An object shape's fast path compiled to one function that reads each key by name
 * (docs/internals.md#validation), or undefined where code cannot be compiled. The generated text holds only
 * the shape's own keys (from this package's source, quoted by `JSON.stringify`), never data.
 * Reading by name lets the engine cache where each key lies in the events of a type and call
 * each key's check directly, several times faster than one loop over the keys.
 */
function compiledValid(keys: readonly string[], checks: readonly ((value: unknown) => boolean)[], required: readonly boolean[]): ((value: unknown) => boolean) | undefined {
  if (!mayCompile) return undefined;
  const body = keys.map((key, i) => `v = o[${JSON.stringify(key)}]; if (v === undefined ? ${required[i]} : !c[${i}](v)) return false;`).join('\n');
  try {
    const make = new Function('c', `return function valid(o) {\nif (typeof o !== 'object' || o === null || Array.isArray(o)) return false;\nlet v;\n${body}\nreturn true;\n};`) as (c: readonly ((value: unknown) => boolean)[]) => (value: unknown) => boolean;
    return make(checks);
  } catch {
    return undefined;
  }
}

/**
 * An object with the given keys. Keys not in the shape are kept, not rejected:
 * docs/events.md lets fields be added.
 */
export function object<S extends Shape>(shape: S): Schema<InferShape<S>> & { readonly shape: S } {
  const entries = Object.entries(shape);
  const keys = entries.map(([key]) => key);
  // Each key's fast path as one call (an absent key is decided by `required` before it).
  const checks = entries.map(([, schema]) => validOf(schema));
  const required = entries.map(([, schema]) => !('optional' in schema));
  const compiled = compiledValid(keys, checks, required);
  return {
    shape,
    check(value, path, issues) {
      if (!isPlainObject(value)) return void issues.push(`${path || 'value'}: expected object, got ${describe(value)}`);
      for (const [key, schema] of entries) {
        const v = value[key];
        if (v === undefined && !('optional' in schema)) issues.push(`${at(path, key)}: required, got nothing`);
        else schema.check(v, at(path, key), issues);
      }
    },
    valid: compiled ?? function valid(value) {
      if (!isPlainObject(value)) return false;
      for (let i = 0; i < keys.length; i++) {
        const v = value[keys[i]];
        if (v === undefined ? required[i] : !checks[i](v)) return false;
      }
      return true;
    },
  };
}

/** Runs a schema and returns the problems found (empty when the value is valid). */
export function problems(schema: Schema<unknown>, value: unknown, path = ''): string[] {
  if (schema.valid?.(value)) return [];
  const issues: string[] = [];
  schema.check(value, path, issues);
  return issues;
}

/**
 * Null-prototype records for state keyed by data (campaign names, product ids, paths): no
 * key, however named (`constructor`, `__proto__`), reads or writes anything inherited, and
 * the record stays plain JSON.
 */

/** A JSON-serializable record keyed by data. */
export type Dict<T> = Record<string, T>;

/** A new empty record without a prototype. */
export function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

/** The value at `key`, created by `init` when absent. */
export function entry<T>(d: Dict<T>, key: string, init: () => T): T {
  let v = Object.hasOwn(d, key) ? d[key] : undefined;
  if (v === undefined) d[key] = v = init();
  return v;
}

/** Adds `n` to the count at `key`. */
export function bump(d: Dict<number>, key: string, n = 1): void {
  d[key] = (Object.hasOwn(d, key) ? d[key] : 0) + n;
}

/** Folds every own entry of `from` (any record, e.g. parsed JSON) into `into` with `fold(existing | undefined, incoming)`. */
export function foldInto<T>(into: Dict<T>, from: Readonly<Dict<T>>, fold: (mine: T | undefined, theirs: T) => T): void {
  for (const k of Object.keys(from)) into[k] = fold(Object.hasOwn(into, k) ? into[k] : undefined, from[k]);
}

/** A shallow copy of a record into a null-prototype object. */
export function copyDict<T>(from: Readonly<Dict<T>>): Dict<T> {
  const out = dict<T>();
  for (const k of Object.keys(from)) out[k] = from[k];
  return out;
}

/**
 * A deep copy of JSON-like data in which every object is null-prototype: what `merge` folds
 * in (a state from a worker or a file has plain objects, whose inherited members a data key
 * would hit) and what `result` closes open sessions on.
 */
export function cloneState<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneState) as T;
  if (value === null || typeof value !== 'object') return value;
  const out = dict<unknown>();
  for (const k of Object.keys(value)) out[k] = cloneState((value as Record<string, unknown>)[k]);
  return out as T;
}

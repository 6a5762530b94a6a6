/**
 * Maps keyed by data (docs/core.md, "Hostile input"). Person ids, paths, selectors and names
 * come from whoever sends events, so they may be `__proto__`, `constructor` or `toString`: on
 * a plain object those read inherited members or set the prototype. Every data-keyed record
 * of an analyzer's state is a null-prototype object instead (still plain JSON), and every copy
 * of a state keeps that.
 */

/** An empty record keyed by data: a null-prototype object. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A shallow copy of a record into a null-prototype object. */
export function copyDict<T>(from: Readonly<Record<string, T>>): Record<string, T> {
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

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

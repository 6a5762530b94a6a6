/** Deduplication by event `id`, the dedupe key end to end (contract `events.md`). */

/** Remembers the ids seen so far. */
export interface Dedupe {
  /** True the first time an id is seen, false for every repeat. */
  first(id: string): boolean;
  /** Distinct ids seen. */
  readonly size: number;
}

/**
 * Creates an id set for deduplication. Memory grows with distinct ids.
 *
 * @example
 * ```ts
 * const seen = createDedupe();
 * events.filter((e) => seen.first(e.id));
 * ```
 */
export function createDedupe(): Dedupe {
  const ids = new Set<string>();
  return {
    first(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      return true;
    },
    get size() {
      return ids.size;
    },
  };
}

/**
 * The ids stored lately (bounded, first stored forgotten first): a retry of an acknowledged
 * batch is answered without writing its events again. Stores still dedupe on read,
 * so forgetting an id only costs a duplicate row, never a doubled count.
 */
export interface RecentIds {
  has(id: string): boolean;
  add(ids: Iterable<string>): void;
}

export function createRecentIds(max: number): RecentIds {
  const seen = new Set<string>();
  return {
    has: (id) => seen.has(id),
    add(ids) {
      for (const id of ids) seen.add(id);
      if (seen.size > max) {
        let drop = seen.size - max;
        for (const id of seen) {
          if (drop-- <= 0) break;
          seen.delete(id);
        }
      }
    },
  };
}

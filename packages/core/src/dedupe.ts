/** Deduplication by event `id`, the dedupe key end to end (docs/events.md#how-footfall-reads-events). */
import { fnv1a } from './lib/fnv.js';

/** Remembers the ids seen so far. */
export interface Dedupe {
  /** True the first time an id is seen, false for every repeat. */
  first(id: string): boolean;
  /** Distinct ids seen. */
  readonly size: number;
}

/** Two independent 32-bit hashes of a string (FNV-1a and a murmur-style mix, each finalized): a 64-bit fingerprint. */
function fingerprint(id: string): [number, number] {
  let a = fnv1a(id);
  let b = 0x9747b28c ^ id.length;
  for (let i = 0; i < id.length; i++) {
    b = Math.imul(b ^ id.charCodeAt(i), 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0 || 1];
}

/**
 * Creates an id set for deduplication. It keeps a 64-bit fingerprint per distinct id in
 * an open-addressing table (16–32 bytes per id instead of the id string), so a stream of
 * millions of events dedupes in tens of megabytes. Two different ids share a fingerprint
 * with probability about n² / 2⁶⁵ (≈ 3 × 10⁻⁸ for a million ids), which would drop one.
 *
 * @example
 * ```ts
 * const seen = idSet();
 * events.filter((e) => seen.first(e.id));
 * ```
 */
export function idSet(): Dedupe {
  let capacity = 1 << 12;
  let hi = new Uint32Array(capacity);
  let lo = new Uint32Array(capacity);
  let size = 0;
  /** Slot of the fingerprint, or of the empty slot where it belongs. */
  const slot = (h: number, l: number, his: Uint32Array, los: Uint32Array): number => {
    const mask = his.length - 1;
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & mask;
    while (los[i] !== 0 && (his[i] !== h || los[i] !== l)) i = (i + 1) & mask;
    return i;
  };
  const grow = () => {
    const oldHi = hi;
    const oldLo = lo;
    capacity *= 2;
    hi = new Uint32Array(capacity);
    lo = new Uint32Array(capacity);
    for (let i = 0; i < oldLo.length; i++) {
      if (oldLo[i] === 0) continue;
      const j = slot(oldHi[i], oldLo[i], hi, lo);
      hi[j] = oldHi[i];
      lo[j] = oldLo[i];
    }
  };
  return {
    first(id) {
      const [h, l] = fingerprint(id);
      const i = slot(h, l, hi, lo);
      if (lo[i] !== 0) return false;
      hi[i] = h;
      lo[i] = l;
      if (++size * 2 > capacity) grow();
      return true;
    },
    get size() {
      return size;
    },
  };
}

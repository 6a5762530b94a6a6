/** Deduplication by event `id`, the dedupe key end to end (docs/events.md#how-footfall-reads-events). */
import { FNV_BASIS, FNV_PRIME } from './lib/fnv.js';

/** Remembers the ids seen so far. */
export interface Dedupe {
  /** True the first time an id is seen, false for every repeat. */
  first(id: string): boolean;
  /**
   * `first` for `ids[0..count)` in order, into `out` (1 the first time an id is seen, else 0; an
   * id repeated within the call counts once). Faster than one `first` at a time amid other work:
   * the table lookups, each likely a cache miss in a large table, run back to back, where the
   * processor overlaps them.
   *
   * @example
   * ```ts
   * const fresh = new Uint8Array(3);
   * idSet().firstOfEach(['e1', 'e2', 'e1'], 3, fresh); // fresh → [1, 1, 0]
   * ```
   */
  firstOfEach(ids: readonly string[], count: number, out: Uint8Array): void;
  /** True when `id` was seen before; does not remember it. */
  has(id: string): boolean;
  /** Distinct ids seen. */
  readonly size: number;
  /**
   * The fingerprints held, as the set's own table (read-only; transferable to another thread):
   * `idTablesOverlap` tells whether two sets share an id without rebuilding either.
   */
  table(): Uint32Array;
}

/** The slot where fingerprint `(h, l)` starts looking, in a table of `mask + 1` slots. */
const home = (h: number, l: number, mask: number): number => (h ^ Math.imul(l, 0x9e3779b1)) & mask;

/** Slot of fingerprint `(h, l)` in table `t`, or of the empty slot where it belongs. */
function slot(h: number, l: number, t: Uint32Array): number {
  const mask = (t.length >>> 1) - 1;
  let i = home(h, l, mask);
  while (t[2 * i + 1] !== 0 && (t[2 * i] !== h || t[2 * i + 1] !== l)) i = (i + 1) & mask;
  return i;
}

/**
 * Whether any two of the tables (`Dedupe.table()` of sets filled apart, e.g. one per worker
 * thread) hold the same fingerprint: whether one id was seen by two of the sets.
 *
 * @example
 * ```ts
 * const a = idSet(), b = idSet();
 * a.first('e1'); b.first('e1');
 * idTablesOverlap([a.table(), b.table()]); // true
 * ```
 */
export function idTablesOverlap(tables: readonly Uint32Array[]): boolean {
  for (let x = 0; x < tables.length; x++) {
    for (let y = x + 1; y < tables.length; y++) {
      // Probe the smaller table's fingerprints in the larger one.
      const [small, large] = tables[x].length <= tables[y].length ? [tables[x], tables[y]] : [tables[y], tables[x]];
      for (let i = 0; i < small.length; i += 2) {
        if (small[i + 1] !== 0 && large[2 * slot(small[i], small[i + 1], large) + 1] !== 0) return true;
      }
    }
  }
  return false;
}

/**
 * Two independent 32-bit hashes of a string, a 64-bit fingerprint, written to `out`: an
 * FNV-style and a murmur-style multiply-xorshift, both over the string's UTF-16 units taken
 * two at a time as one 32-bit word (half the steps of one unit at a time), each finalized.
 */
function fingerprint(id: string, out: Uint32Array, seedA = 0, seedB = 0): void {
  const n = id.length;
  let a = FNV_BASIS ^ n ^ seedA;
  let b = 0x9747b28c ^ n ^ seedB;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const w = id.charCodeAt(i) | (id.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ w, FNV_PRIME);
    a ^= a >>> 15;
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 13;
  }
  if (i < n) {
    const w = id.charCodeAt(i);
    a = Math.imul(a ^ w, FNV_PRIME);
    a ^= a >>> 15;
    b = Math.imul(b ^ w, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b = Math.imul(b ^ (b >>> 15), 0xc2b2ae35);
  b ^= b >>> 16;
  out[0] = a;
  out[1] = b || 1;
}

/**
 * Creates an id set for deduplication. It keeps a 64-bit fingerprint per distinct id in
 * an open-addressing table (16–32 bytes per id instead of the id string), so a stream of
 * millions of events dedupes in tens of megabytes. Two different ids share a fingerprint
 * with probability about n² / 2⁶⁵ (≈ 3 × 10⁻⁸ for a million ids), which would drop one.
 *
 * `expected`, the number of ids you expect (a guess is fine), sizes the table up front so that
 * it need not be rebuilt as it fills (each rebuild moves every fingerprint); it holds more if
 * asked. @default 2,048
 *
 * @example
 * ```ts
 * const seen = idSet();
 * events.filter((e) => seen.first(e.id));
 * ```
 */
export function idSet(expected = 0): Dedupe {
  // Slot i holds its fingerprint at [2i] (high) and [2i + 1] (low, never 0; 0 marks an empty slot):
  // both halves share a cache line. At most half the slots are filled (`grow`), so `expected` ids need twice as many.
  let slots = 1 << 12;
  while (slots < 2 * expected && slots < 1 << 24) slots *= 2;
  let table = new Uint32Array(2 * slots);
  let size = 0;
  const print = new Uint32Array(2);
  // firstOfEach's fingerprints: [2k] and [2k + 1] of ids[k].
  let prints = new Uint32Array(2 * 64);
  const grow = () => {
    const old = table;
    table = new Uint32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const j = slot(old[i], old[i + 1], table);
      table[2 * j] = old[i];
      table[2 * j + 1] = old[i + 1];
    }
  };
  /** Adds fingerprint `(h, l)`; false when it was there already. */
  const insert = (h: number, l: number): boolean => {
    const i = slot(h, l, table);
    if (table[2 * i + 1] !== 0) return false;
    table[2 * i] = h;
    table[2 * i + 1] = l;
    if (++size * 4 > table.length) grow();
    return true;
  };
  return {
    first(id) {
      fingerprint(id, print);
      return insert(print[0], print[1]);
    },
    firstOfEach(ids, count, out) {
      if (prints.length < 2 * count) prints = new Uint32Array(2 * count);
      for (let k = 0; k < count; k++) {
        fingerprint(ids[k], print);
        prints[2 * k] = print[0];
        prints[2 * k + 1] = print[1];
      }
      for (let k = 0; k < count; k++) out[k] = insert(prints[2 * k], prints[2 * k + 1]) ? 1 : 0;
    },
    has(id) {
      fingerprint(id, print);
      return table[2 * slot(print[0], print[1], table) + 1] !== 0;
    },
    get size() {
      return size;
    },
    table: () => table,
  };
}

/** The last ids added, to be asked whether an id is among them (`recentIdWindow`). */
export interface RecentIdWindow {
  /** Whether `id` is among the last `max` ids added (and not deleted since). */
  has(id: string): boolean;
  /** Adds `id` unless it is there, forgetting the id added longest ago when `max` are there. */
  add(id: string): void;
  /** Forgets `id`. */
  delete(id: string): void;
}

/** Slots one lookup may look at before it gives up: a bound on the work of any id, however chosen. */
const MAX_PROBES = 64;
/** The low half of a deleted slot (never a fingerprint's: `fingerprint` is remapped off it). */
const DELETED = 0xffffffff;

/**
 * Creates a window over the last `max` ids added: a 64-bit fingerprint per id (as `idSet`) in an
 * open-addressing table four times the window, and a ring of the same fingerprints in the order
 * they came, whose oldest is forgotten when a new one comes. A few megabytes for 200,000 ids,
 * about one cache miss per lookup, where a `Set` of the id strings and its churn cost several.
 * Made for ids a client chooses: the fingerprints are seeded per window with random bits (crypto),
 * so ids cannot be picked to share slots, and a lookup gives up after 64 slots (the id then counts
 * as not there), so no id costs more than that. It may thus forget an id early, never remember a
 * wrong one, but as `idSet`, two ids with one fingerprint (probability about n² / 2⁶⁵) are taken
 * for one.
 *
 * @example
 * ```ts
 * const recent = recentIdWindow(2);
 * recent.add('a'); recent.add('b'); recent.add('c');
 * recent.has('a'); // false: forgotten, the window holds the last 2
 * ```
 */
export function recentIdWindow(max: number, seed: readonly [number, number] = randomSeed()): RecentIdWindow {
  const window = Math.max(0, Math.floor(max));
  let slots = 16;
  while (slots < 4 * window && slots < 1 << 26) slots *= 2;
  const mask = slots - 1;
  let table = new Uint32Array(2 * slots);
  const ring = new Uint32Array(2 * Math.max(1, window));
  let next = 0;
  let deleted = 0;
  const print = new Uint32Array(2);
  const [seedA, seedB] = seed;
  const printOf = (id: string) => {
    fingerprint(id, print, seedA, seedB);
    if (print[1] === DELETED) print[1] = 1;
  };
  /** The slot holding `(h, l)`, or -1. */
  const find = (h: number, l: number): number => {
    let i = home(h, l, mask);
    for (let p = 0; p < MAX_PROBES; p++, i = (i + 1) & mask) {
      const low = table[2 * i + 1];
      if (low === 0) return -1;
      if (low === l && table[2 * i] === h) return i;
    }
    return -1;
  };
  const remove = (h: number, l: number) => {
    const i = find(h, l);
    if (i < 0) return;
    table[2 * i + 1] = DELETED;
    // Too many deleted slots lengthen every lookup: the live ones are placed anew.
    if (++deleted > window) rebuild();
  };
  const rebuild = () => {
    const old = table;
    table = new Uint32Array(2 * slots);
    deleted = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0 && old[i + 1] !== DELETED) place(old[i], old[i + 1]);
  };
  /** Puts `(h, l)` in the first free slot of its run; false when there is none within reach. */
  const place = (h: number, l: number): boolean => {
    let i = home(h, l, mask);
    for (let p = 0; p < MAX_PROBES; p++, i = (i + 1) & mask) {
      const low = table[2 * i + 1];
      if (low === 0 || low === DELETED) {
        if (low === DELETED) deleted--;
        table[2 * i] = h;
        table[2 * i + 1] = l;
        return true;
      }
    }
    return false;
  };
  return {
    has(id) {
      if (window === 0) return false;
      printOf(id);
      return find(print[0], print[1]) >= 0;
    },
    add(id) {
      if (window === 0) return;
      printOf(id);
      const h = print[0];
      const l = print[1];
      if (find(h, l) >= 0) return;
      // The oldest leaves the window (if it was deleted already, or added again since, nothing or the newer copy goes: harmless).
      if (ring[2 * next + 1] !== 0) remove(ring[2 * next], ring[2 * next + 1]);
      ring[2 * next] = h;
      ring[2 * next + 1] = l;
      next = next + 1 === window ? 0 : next + 1;
      place(h, l);
    },
    delete(id) {
      if (window === 0) return;
      printOf(id);
      remove(print[0], print[1]);
    },
  };
}

/** Two random 32-bit words (Web Crypto, in every runtime the core runs in). */
function randomSeed(): [number, number] {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return [words[0], words[1]];
}

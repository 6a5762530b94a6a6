/** A seeded pseudo-random source (mulberry32): the demo never calls Math.random. */

/** Draws from one seeded sequence. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element by weight: `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Log-normal with the given median and spread (σ of the log). */
  logNormal(median: number, sigma: number): number;
  /** A UUID v4 string drawn from this sequence. */
  uuid(): string;
}

const HEX = '0123456789abcdef';

/** mulberry32: a tiny, fast 32-bit generator, good enough for simulated data. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0 || 0x9e3779b9;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => u32() / 4294967296;
  const hex = (n: number, width: number) => {
    let out = '';
    for (let shift = (width - 1) * 4; shift >= 0; shift -= 4) out += HEX[(n >>> shift) & 15];
    return out;
  };
  const r: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) if ((x -= w) < 0) return item;
      return items[items.length - 1][0];
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    logNormal(median, sigma) {
      // Box–Muller
      const u = 1 - next();
      const v = next();
      return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    },
    uuid() {
      const a1 = u32(), a2 = u32(), a3 = u32(), a4 = u32();
      return `${hex(a1, 8)}-${hex(a2 >>> 16, 4)}-4${hex(a2 & 0xfff, 3)}-${hex(0x8000 | (a3 >>> 18), 4)}-${hex(a3 & 0xffff, 4)}${hex(a4, 8)}`;
    },
  };
  return r;
}

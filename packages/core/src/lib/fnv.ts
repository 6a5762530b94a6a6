/**
 * FNV-1a, 32 bits, over a string's UTF-16 code units: the one string hash of the project
 * (dedupe fingerprints, person slices). Stable across runs, processes and platforms.
 *
 * @example
 * ```ts
 * fnv1a(''); // 0x811c9dc5 (the offset basis)
 * ```
 */
export function fnv1a(text: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h >>> 0;
}

/** FNV-1a's offset basis: the hash before any code unit (finish with `>>> 0`). */
export const FNV_BASIS = 0x811c9dc5;

/** One FNV-1a step: `h` after the code unit `c`, for loops that hash along with other work. */
export const fnvStep = (h: number, c: number): number => Math.imul(h ^ c, 0x01000193);

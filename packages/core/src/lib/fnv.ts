/**
 * FNV-1a, 32 bits, over a string's UTF-16 code units: the person slices' hash (dedupe's
 * fingerprint steps by FNV's prime too, over two units at a time). Stable across runs,
 * processes and platforms.
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

/** FNV's 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/** One FNV-1a step: `h` after the code unit `c`, for loops that hash along with other work. */
export const fnvStep = (h: number, c: number): number => Math.imul(h ^ c, FNV_PRIME);

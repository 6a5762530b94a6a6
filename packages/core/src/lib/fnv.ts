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
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Masks visible text before it leaves the page: e-mail addresses and long digit runs
 * (card, phone, account numbers: 6+ digits, spaces, dots or dashes between them allowed)
 * become `***`; whitespace is collapsed and the result cut to 64 characters.
 *
 * @example
 * ```ts
 * maskText('Mail ann@example.com or call 555 123 4567'); // 'Mail *** or call ***'
 * ```
 */
export function maskText(text: string | null | undefined): string {
  return (text || '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[^\s@]+@[^\s@]+/g, '***')
    .replace(/\d(?:[ .-]?\d){5,}/g, '***')
    .slice(0, 64);
}

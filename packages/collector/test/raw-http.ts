import { exchange, type FuzzAnswer } from '../../../scripts/fuzz-requests.mjs';

/** One raw HTTP exchange over a fresh TCP connection to 127.0.0.1 (tests only): the fuzzer's `exchange`. */
export type RawAnswer = FuzzAnswer;

/** Sends `data` (latin1 text or bytes), then `keepSending()`'s chunks while it returns some; resolves with the answer. */
export function rawRequest(port: number, data: string | Uint8Array, options: { waitMs?: number; keepSending?: () => string | undefined } = {}): Promise<RawAnswer> {
  return exchange(port, typeof data === 'string' ? Buffer.from(data, 'latin1') : data, options.waitMs ?? 3000, options.keepSending);
}

/** Every error code Footfall throws. Each names what went wrong; the message says what to do. */
export type FootfallErrorCode =
  | 'INVALID_EVENT'
  | 'INVALID_ENVELOPE'
  | 'INVALID_OPTION'
  | 'INVALID_STEP'
  | 'INPUT_UNREADABLE'
  | 'MERGE_MISMATCH'
  | 'STORE_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'QUEUE_FULL'
  | 'INVALID_REQUEST'
  | 'REQUEST_TIMEOUT'
  | 'INTERNAL_ERROR';

/**
 * The one error class of Footfall. `code` is stable and machine-readable; `message`
 * says what happened and what to do about it; `cause` keeps the underlying error.
 *
 * @example
 * ```ts
 * try { parseStep('pgae:/x'); } catch (e) {
 *   if (e instanceof FootfallError && e.code === 'INVALID_STEP') console.error(e.message);
 * }
 * ```
 */
export class FootfallError extends Error {
  override readonly name = 'FootfallError';
  readonly code: FootfallErrorCode;
  /** Problems with their paths, when the error is about input (`events[3].x: expected number, got "12"`). */
  readonly details: readonly string[];

  constructor(code: FootfallErrorCode, message: string, options: { cause?: unknown; details?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? [];
  }
}

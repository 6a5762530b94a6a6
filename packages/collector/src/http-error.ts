import { FootfallError, type FootfallErrorCode } from '@footfall/core';

/** A JSON error answer: `{ error: { code, message, details } }` with the given status. */
export function errorResponse(status: number, error: FootfallError, headers: HeadersInit = {}): Response {
  const body = { error: { code: error.code, message: error.message, details: error.details } };
  return Response.json(body, { status, headers });
}

/** A FootfallError tied to the HTTP status the collector answers with. */
export class HttpFailure extends FootfallError {
  readonly status: number;
  /** Extra response headers (`Retry-After`). */
  readonly headers: Record<string, string>;
  constructor(status: number, code: FootfallErrorCode, message: string, options: { cause?: unknown; details?: readonly string[]; headers?: Record<string, string> } = {}) {
    super(code, message, options);
    this.status = status;
    this.headers = options.headers ?? {};
  }
}

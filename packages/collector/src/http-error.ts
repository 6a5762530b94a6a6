import { FootfallError, type FootfallErrorCode } from '@footfall/core';
import { jsonAnswer } from './answers.js';

/**
 * The error each error answer was made from, by answer: the server adapter logs it beside a
 * 5xx status (docs/collector.md, "Limits and hardening"), without parsing the body again.
 */
const failures = new WeakMap<Response, FootfallError>();

/** A JSON error answer: `{ error: { code, message, details } }` with the given status. */
export function errorResponse(status: number, error: FootfallError, headers: HeadersInit = {}): Response {
  const body = { error: { code: error.code, message: error.message, details: error.details } };
  const response = jsonAnswer(body, { status, headers });
  failures.set(response, error);
  return response;
}

/** The error an answer made by `errorResponse` carries, if any. */
export function failureOf(response: Response): FootfallError | undefined {
  return failures.get(response);
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

/** One line for a log: the error's code and message, then each cause's message. */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    parts.push(typeof code === 'string' ? `${code}: ${message}` : message);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' <- ').replace(/[\r\n]+/g, ' ');
}

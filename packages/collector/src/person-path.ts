import { FootfallError, LIMITS } from '@footfall/core';

/**
 * The id in `/v1/persons/:id` (`GET` reads the profile, `DELETE` erases): percent-decoded and
 * 1 to 128 characters (docs/collector.md). Throws `FootfallError` `INVALID_OPTION` (answered
 * 400) for anything else.
 *
 * @example
 * ```ts
 * personIdOfPath('/v1/persons/user%2042'); // 'user 42'
 * ```
 */
export function personIdOfPath(pathname: string): string {
  const raw = pathname.slice('/v1/persons/'.length);
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new FootfallError('INVALID_OPTION', `"${raw.slice(0, 200)}" is not a percent-encoded id: encode the id with encodeURIComponent`);
  }
  if (!id || id.length > LIMITS.personId) throw new FootfallError('INVALID_OPTION', `a person id is 1 to ${LIMITS.personId} characters: got ${id.length}`);
  return id;
}

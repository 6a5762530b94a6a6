import { FootfallError } from '@footfall/core';
import { errorResponse } from './http-error.js';
import { personIdOfPath } from './person-path.js';
import { hasBearerToken } from './read-token.js';
import type { ForgetResult, Store } from './store.js';

/** Options of the erasure endpoint. */
export interface ForgetApiOptions {
  store: Store;
  /** The token `DELETE /v1/persons/:id` must carry (`Authorization: Bearer`); unset turns erasure over HTTP off. @default undefined */
  adminToken?: string;
  /** The read token, named in the 403 a read token gets. */
  readToken?: string;
  /** Called after an erasure (the batch handler's dedupe cache forgets the events). @default none */
  onForget?: (result: ForgetResult) => void;
}

/**
 * `DELETE /v1/persons/:id`: erases every event of the person with that id (any of their ids)
 * from the store, files included, and answers `200 { person, removed }` once it is done
 * (docs/privacy.md#erasure). Only the admin token may: 401 without a valid token, 403 with the
 * read token or when no admin token is configured, 400 for an id that cannot be one.
 *
 * @example
 * ```ts
 * const forget = createForgetApi({ store, adminToken: process.env.FOOTFALL_ADMIN_TOKEN });
 * await forget(new Request('http://x/v1/persons/user-7', { method: 'DELETE', headers: { authorization: 'Bearer <admin token>' } }));
 * ```
 */
export function createForgetApi(options: ForgetApiOptions): (request: Request) => Promise<Response> {
  const { store, adminToken, readToken } = options;
  return async (request) => {
    if (!adminToken) {
      return errorResponse(403, new FootfallError('UNAUTHORIZED', 'erasure over HTTP is off on this collector: start it with --admin-token (FOOTFALL_ADMIN_TOKEN), or run `footfall forget STORE --person ID`'));
    }
    if (!hasBearerToken(request, adminToken)) {
      if (readToken && hasBearerToken(request, readToken)) {
        return errorResponse(403, new FootfallError('UNAUTHORIZED', 'the read token cannot erase: send Authorization: Bearer <FOOTFALL_ADMIN_TOKEN>'));
      }
      return errorResponse(401, new FootfallError('UNAUTHORIZED', 'erasure needs the admin token: send Authorization: Bearer <FOOTFALL_ADMIN_TOKEN>'), { 'www-authenticate': 'Bearer' });
    }
    let id: string;
    try {
      id = personIdOfPath(new URL(request.url).pathname);
    } catch (error) {
      return errorResponse(400, error as FootfallError);
    }
    try {
      const result = await store.forget(id);
      options.onForget?.(result);
      return Response.json({ person: result.person, removed: result.removed }, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      const e = error instanceof FootfallError ? error : new FootfallError('STORE_FAILED', `the erasure failed: ${(error as Error).message}`, { cause: error });
      return errorResponse(e.code === 'STORE_FAILED' ? 503 : 400, e);
    }
  };
}

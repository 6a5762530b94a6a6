import { FootfallError } from '@footfall/core';
import { errorResponse } from './http-error.js';
import { personIdOfPath } from './person-path.js';

/**
 * `GET /v1/persons/:id`: a person's profile from any of their ids, the `footfall person --json`
 * document (docs/collector.md, "Query API"). It is the `person` query (`/v1/person?id=…`, which
 * resolves the id to the stitched person first) with the id taken from the path; the other
 * query parameters (`events`, `from`, `to`, `channel`, `device`) pass through. 404 when no
 * stored event names the id, 400 for an id that cannot be one, 401 without the read token.
 *
 * @example
 * ```ts
 * const profile = createPersonApi(createQueryApi({ store, readToken: 'secret' }));
 * await profile(new Request('http://x/v1/persons/user-42', { headers: { authorization: 'Bearer secret' } }));
 * ```
 */
export function createPersonApi(query: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    let id: string;
    try {
      id = personIdOfPath(url.pathname);
    } catch (error) {
      return errorResponse(400, error as FootfallError);
    }
    url.pathname = '/v1/person';
    url.searchParams.set('id', id);
    const answer = await query(new Request(url, { headers: request.headers }));
    if (!answer.ok) return answer;
    const profile: unknown = await answer.json();
    if (profile === null) return errorResponse(404, new FootfallError('INVALID_OPTION', `no stored event names the person "${id.slice(0, 200)}": pass a user id or an anonymous id the collector has seen`));
    return Response.json(profile, { headers: { 'cache-control': 'no-store' } });
  };
}

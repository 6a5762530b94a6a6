/** Whether the request carries `Authorization: Bearer <token>` (or `?token=` for EventSource), compared in constant time. */
export function hasReadToken(request: Request, token: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : new URL(request.url).searchParams.get('token') ?? '';
  return sameToken(given, token);
}

/** Whether the request carries `Authorization: Bearer <token>` (the header only: a token in a URL ends up in logs), compared in constant time. */
export function hasBearerToken(request: Request, token: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  return header.toLowerCase().startsWith('bearer ') && sameToken(header.slice(7).trim(), token);
}

/** Compares two secrets in time that depends on their lengths only (tokens, server keys). */
export function sameToken(given: string, token: string): boolean {
  if (given.length !== token.length) return false;
  let diff = 0;
  for (let i = 0; i < token.length; i++) diff |= given.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}

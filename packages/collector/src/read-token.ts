/** Whether the request carries `Authorization: Bearer <token>` (or `?token=` for EventSource), compared in constant time. */
export function hasReadToken(request: Request, token: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  const given = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : new URL(request.url).searchParams.get('token') ?? '';
  if (given.length !== token.length) return false;
  let diff = 0;
  for (let i = 0; i < token.length; i++) diff |= given.charCodeAt(i) ^ token.charCodeAt(i);
  return diff === 0;
}

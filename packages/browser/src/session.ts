/**
 * Identity and sessions without cookies: `anonymousId` and the session live in
 * localStorage, shared by every tab of the site. A session ends after the core's
 * session gap without events (30 minutes, docs/metrics.md#identity-and-sessions: the
 * SDK imports the core's constant, so the two cannot drift); before starting a new one
 * the shared state is read again, so two tabs never disagree on the session id.
 */
import { DEFAULT_SESSION_GAP_MS } from '../../core/src/sessions.js';
import { load, save } from './lib/storage.js';
import { uuid } from './lib/util.js';

/** The browser's anonymous id, made once and kept. */
export function anonymousId(): string {
  let id = load('aid');
  if (!id) save('aid', (id = uuid()));
  return id;
}

/** The session id for an event at `ts`: the shared one if it is still alive, else a new one. */
export function sessionId(ts: number): string {
  const [id, last] = (load('sid') || '').split(' ');
  const alive = id && ts - +last < DEFAULT_SESSION_GAP_MS;
  const sid = alive ? id : uuid();
  save('sid', sid + ' ' + (alive ? Math.max(ts, +last) : ts));
  return sid;
}

/** The known user id, after identify. */
export function userId(): string | undefined {
  return load('uid') || undefined;
}

/** Stores the user id (identify). */
export function setUserId(id: string): void {
  save('uid', id);
}

/** Forgets user id, anonymous id and session (reset, e.g. at logout). */
export function resetIdentity(): void {
  save('aid', null);
  save('sid', null);
  save('uid', null);
}

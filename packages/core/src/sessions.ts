/**
 * Sessions (docs/metrics.md#identity-and-sessions): the client `sessionId` when present; otherwise a
 * new session when the gap since the person's previous event is ≥ 30 min, or when the
 * session has run 24 h (PostHog's rule).
 */

/** How sessions are cut when the client sent no `sessionId`. */
export interface SessionOptions {
  /** A gap of at least this many ms since the person's previous event starts a new session. @default 1_800_000 (30 min) */
  sessionGapMs?: number;
  /** A session that has run this many ms is cut, even without a gap. @default 86_400_000 (24 h) */
  sessionMaxMs?: number;
}

/** A gap this long (30 min) since the person's previous event starts a new session. */
export const DEFAULT_SESSION_GAP_MS = 30 * 60 * 1000;
/** A session that has run this long (24 h) is cut. */
export const DEFAULT_SESSION_MAX_MS = 24 * 60 * 60 * 1000;

/** One person's current session. */
export interface SessionState {
  /** Session key, unique across persons. */
  key: string;
  /** Time of the session's first event. */
  start: number;
  /** Time of the person's latest event. */
  last: number;
  /** True for the first event of the session (set by `assign`). */
  isNew: boolean;
}

/** Assigns each person's events, fed in time order, to sessions. */
export interface Sessionizer {
  /**
   * The session of a person's next event. Events must come in `ts` order within the
   * person; an event earlier than the person's previous one joins the current session.
   * The returned state is the person's, reused across calls.
   */
  assign(person: string, ts: number, sessionId?: string): SessionState;
  /**
   * The key of the person's current session when an event at `ts` would continue it (the
   * gap since the person's previous event and the session's age both below their limits),
   * else `undefined`. For events sent without a browser: they join a session, never start
   * one, and do not keep it open (the session's last event stays where it was).
   */
  attach(person: string, ts: number): string | undefined;
  /** Persons seen. */
  readonly persons: number;
}

/**
 * The session key for a client session id: scoped to the person, so it never collides across persons.
 *
 * @example
 * ```ts
 * clientSessionKey('u1', 's-42'); // 'u1@s-42'
 * ```
 */
export const clientSessionKey = (person: string, sessionId: string): string => `${person}@${sessionId}`;
/**
 * The session key for the n-th session the core cut for a person (1-based).
 *
 * @example
 * ```ts
 * cutSessionKey('u1', 2); // 'u1#2'
 * ```
 */
export const cutSessionKey = (person: string, n: number): string => `${person}#${n}`;

/**
 * Creates a sessionizer. Memory is one small record per person.
 *
 * - With a client `sessionId`, the session is that id scoped to the person
 *   (`person@sessionId`); neither the gap nor the 24 h cap applies.
 * - Without one, the event continues the person's current session unless the gap since
 *   the previous event is ≥ `sessionGapMs` (exactly 30:00 splits) or the session started
 *   ≥ `sessionMaxMs` ago; a new session is keyed `person#n`.
 *
 * @example
 * ```ts
 * const s = sessionCutter();
 * s.assign('u1', 0).key;          // 'u1#1'
 * s.assign('u1', 29 * 60_000).key; // 'u1#1' (gap 29 min)
 * s.assign('u1', 59 * 60_000).key; // 'u1#2' (gap exactly 30 min)
 * ```
 */
export function sessionCutter(options: SessionOptions = {}): Sessionizer {
  const gap = options.sessionGapMs ?? DEFAULT_SESSION_GAP_MS;
  const max = options.sessionMaxMs ?? DEFAULT_SESSION_MAX_MS;
  // `sid`: the client session id of the current session (undefined for a cut one), so that a
  // repeat of it is recognized without building its key.
  const byPerson = new Map<string, SessionState & { cuts: number; sid: string | undefined }>();
  return {
    assign(person, ts, sessionId) {
      let s = byPerson.get(person);
      if (s === undefined) {
        const key = sessionId ? clientSessionKey(person, sessionId) : cutSessionKey(person, 1);
        s = { key, start: ts, last: ts, isNew: true, cuts: sessionId ? 0 : 1, sid: sessionId || undefined };
        byPerson.set(person, s);
        return s;
      }
      const at = Math.max(ts, s.last);
      if (sessionId) {
        s.isNew = sessionId !== s.sid;
        if (s.isNew) (s.key = clientSessionKey(person, sessionId)), (s.sid = sessionId), (s.start = at);
      } else {
        s.isNew = at - s.last >= gap || at - s.start >= max;
        if (s.isNew) (s.key = cutSessionKey(person, ++s.cuts)), (s.sid = undefined), (s.start = at);
      }
      s.last = at;
      return s;
    },
    attach(person, ts) {
      const s = byPerson.get(person);
      if (s === undefined) return undefined;
      const at = Math.max(ts, s.last);
      return at - s.last >= gap || at - s.start >= max ? undefined : s.key;
    },
    get persons() {
      return byPerson.size;
    },
  };
}

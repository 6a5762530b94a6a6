import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SESSION_GAP_MS as SESSION_TIMEOUT_MS } from '@footfall/core';
import { anonymousId, resetIdentity, sessionId, setUserId, userId } from './session.js';
import { freshDevice } from '../test/fakes.js';

beforeEach(freshDevice);
afterEach(() => vi.unstubAllGlobals());

describe('identity and sessions', () => {
  it('keeps one anonymous id in localStorage, without cookies', () => {
    const a = anonymousId();
    expect(anonymousId()).toBe(a);
    expect(localStorage.getItem('footfall.aid')).toBe(a);
    expect(document.cookie).toBe('');
  });
  it('keeps the session while active and starts a new one after 30 minutes without events', () => {
    const t = 1_700_000_000_000;
    const s = sessionId(t);
    expect(sessionId(t + SESSION_TIMEOUT_MS - 1)).toBe(s);
    expect(sessionId(t + 2 * SESSION_TIMEOUT_MS - 2)).toBe(s); // activity extended it
    expect(sessionId(t + 3 * SESSION_TIMEOUT_MS)).not.toBe(s);
  });
  it('re-reads shared state first, so a session another tab started is adopted', () => {
    const t = 1_700_000_000_000;
    sessionId(t);
    localStorage.setItem('footfall.sid', 'from-other-tab ' + (t + SESSION_TIMEOUT_MS + 5));
    expect(sessionId(t + SESSION_TIMEOUT_MS + 10)).toBe('from-other-tab');
  });
  it('reset forgets user, anonymous id and session', () => {
    const a = anonymousId();
    const s = sessionId(Date.now());
    setUserId('u1');
    expect(userId()).toBe('u1');
    resetIdentity();
    expect(userId()).toBeUndefined();
    expect(anonymousId()).not.toBe(a);
    expect(sessionId(Date.now())).not.toBe(s);
  });
});

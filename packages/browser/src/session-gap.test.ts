// The SDK cuts its sessionId after the core's session gap (docs/core.md, "Session rules"):
// the SDK does not import the core at run time, so this test keeps the copy from drifting.
import { DEFAULT_SESSION_GAP_MS } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { SESSION_TIMEOUT_MS } from './session.js';

describe('session gap', () => {
  it('is the core’s 30 minutes', () => {
    expect(SESSION_TIMEOUT_MS).toBe(DEFAULT_SESSION_GAP_MS);
    expect(SESSION_TIMEOUT_MS).toBe(30 * 60 * 1000);
  });
});

import { describe, expect, it } from 'vitest';
import { checkEnvelope, validateEvent } from './events.js';

const page = { id: 'e1', type: 'page', ts: 1732280000000, anonymousId: 'a1', url: 'https://shop.test/' };

describe('validateEvent', () => {
  it('accepts a minimal page view and keeps unknown fields', () => {
    const r = validateEvent({ ...page, extra: 42 });
    expect(r.ok).toBe(true);
    expect(r.ok && (r.value as unknown as { extra: number }).extra).toBe(42);
  });
  it('reports a wrong type with its path', () => {
    const r = validateEvent({ ...page, type: 'click', selector: '#b', tag: 'button', x: '12', y: 1, rx: 0.5, ry: 0.5, vw: 1, vh: 1, dh: 1 }, 'events[3]');
    expect(r).toEqual({ ok: false, errors: ['events[3].x: expected number, got "12"'] });
  });
});

describe('checkEnvelope', () => {
  it('keeps valid events beside rejected ones', () => {
    const r = checkEnvelope({ v: 1, sentAt: 1, writeKey: 'k', events: [page, { ...page, ts: -1 }] });
    expect(r.accepted).toHaveLength(1);
    expect(r.rejected).toEqual([{ index: 1, errors: ['events[1].ts: expected 0 ≤ value, got -1'] }]);
  });
});

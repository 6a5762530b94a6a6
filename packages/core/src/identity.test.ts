import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityLinks, personHashOfBytes, personSlice } from './identity.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('personHashOfBytes', () => {
  it("is personSlice's hash for ASCII ids, read from the bytes anywhere in a buffer (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'binary-ascii', maxLength: 8 }), fc.integer({ min: 1, max: 16 }), (id, before, count) => {
        const b = utf8(`${before}${id}"`);
        expect(personHashOfBytes(b, before.length, before.length + id.length) % count).toBe(personSlice(id, count));
      }),
    );
  });

  it('gives -1 when a byte is not ASCII, for the caller to decode the id', () => {
    const b = utf8('gerät-2');
    expect(personHashOfBytes(b, 0, b.length)).toBe(-1);
    expect(personHashOfBytes(b, 0, 3) % 7).toBe(personSlice('ger', 7));
  });
});

describe('identityLinks personOf', () => {
  it('answers a run of one device from memory, and sees a link learned in between', () => {
    const ids = identityLinks();
    const e = (anonymousId: string, userId?: string) => ({ id: 'e', type: 'page' as const, ts: 1, anonymousId, url: '/', ...(userId ? { userId } : {}) });
    expect(ids.personOf(e('a1'))).toBe('a1');
    expect(ids.personOf(e('a1'))).toBe('a1');
    ids.learn(e('a1', 'u1'));
    expect(ids.personOf(e('a1'))).toBe('u1');
    expect(ids.personOf(e('a1', 'u2'))).toBe('u2');
    expect(ids.personOf(e('a2'))).toBe('a2');
    expect(ids.personOf(e('a1'))).toBe('u1');
    expect(ids.personOf({ id: 'x', type: 'adstats', ts: 1 } as never)).toBe('');
    expect(ids.personOf(e(''))).toBe('');
  });
});

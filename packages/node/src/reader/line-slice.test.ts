import { identityLinks, personSlice } from '@footfall/core';
import { describe, expect, it } from 'vitest';
import { lineKeyReader, noLineKeys } from './line-keys.js';
import { lineSlicer } from './line-slice.js';

describe('lineSlicer', () => {
  it('gives each line the slice of its stitched person, as personSlice of the parsed event does', () => {
    const identity = identityLinks();
    identity.link('dev-1', 'user-1');
    identity.link('gerät-2', 'user-2');
    const lines: [object, string | undefined][] = [
      [{ anonymousId: 'dev-1' }, 'user-1'],
      [{ anonymousId: 'gerät-2' }, 'user-2'],
      [{ anonymousId: 'dev-3' }, 'dev-3'],
      [{ anonymousId: 'gerät-4' }, 'gerät-4'],
      [{ anonymousId: 'dev-1', userId: 'user-9' }, 'user-9'],
      [{ userId: 'ünïcode' }, 'ünïcode'],
      [{ anonymousId: 'dev-5', userId: '' }, 'dev-5'],
      [{ userId: '' }, ''],
      [{ id: 'x' }, undefined],
    ];
    for (const count of [2, 3, 4]) {
      const slice = lineSlicer(identity, count);
      const reader = lineKeyReader();
      const keys = noLineKeys();
      for (const [event, person] of lines) {
        const b = Buffer.from(JSON.stringify({ id: 'e', type: 'page', ts: 1, ...event }));
        expect(reader.read(b, 0, b.length, keys)).toBe(true);
        expect(slice.line(b, keys), JSON.stringify(event)).toBe(person === undefined ? 0 : personSlice(person, count));
      }
    }
  });
});

describe('lineSlicer of a run of one device', () => {
  it('gives each line its own slice when the buffer the last line was in is overwritten, and follows links', () => {
    const identity = identityLinks();
    identity.link('dev-linked', 'user-1');
    const slice = lineSlicer(identity, 7);
    const reader = lineKeyReader();
    const keys = noLineKeys();
    const place = (b: Buffer) => (reader.read(b, 0, b.length, keys), slice.line(b, keys));
    const line = (anonymousId: string, userId?: string) => Buffer.from(JSON.stringify({ id: 'e', type: 'page', ts: 1, anonymousId, ...(userId ? { userId } : {}), url: '/' }));
    const b = line('dev-a');
    expect(place(b)).toBe(personSlice('dev-a', 7));
    // The same memory, read into again with another device (a new Buffer over it, as each read has): the remembered id is a copy, so no stale answer.
    line('dev-b').copy(b);
    expect(place(Buffer.from(b.buffer, b.byteOffset, b.length))).toBe(personSlice('dev-b', 7));
    expect(place(line('dev-b'))).toBe(personSlice('dev-b', 7));
    expect(place(line('dev-linked'))).toBe(personSlice('user-1', 7));
    expect(place(line('dev-linked'))).toBe(personSlice('user-1', 7));
    expect(place(line('dev-b', 'user-2'))).toBe(personSlice('user-2', 7));
    expect(place(line('dev-b'))).toBe(personSlice('dev-b', 7));
    expect(place(line('x'.repeat(300)))).toBe(personSlice('x'.repeat(300), 7));
    expect(place(line('x'.repeat(300)))).toBe(personSlice('x'.repeat(300), 7));
  });
});

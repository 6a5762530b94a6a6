import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueue, keyOf, type Entry } from './queue.js';
import { freshDevice } from '../test/fakes.js';
import type { Ev, Stats } from './types.js';

const ev = (i: number): Ev => ({ id: 'e' + i, type: 'track', name: 'n', ts: 1_700_000_000_000 + i, anonymousId: 'a', url: 'https://x.test/' });
const entries = (from: number, to: number): Entry[] => Array.from({ length: to - from }, (_, k) => [keyOf(ev(from + k)), ev(from + k)]);
const stats = (): Stats => ({ sent: 0, dropped: 0, evicted: 0 });

beforeEach(freshDevice);
afterEach(() => vi.unstubAllGlobals());

/** An indexedDB whose connections fail `failures` times with `name` before working. */
function flakyIndexedDB(failures: number, name: string) {
  const real = indexedDB;
  let opens = 0;
  return {
    opens: () => opens,
    factory: {
      open(db: string) {
        const req = real.open(db);
        if (opens++ < failures) {
          req.addEventListener('success', () => {
            req.result.transaction = () => {
              throw new DOMException('Connection to Indexed Database server lost. Refresh the page to try again', name);
            };
          });
        }
        return req;
      },
    },
  };
}

describe('the IndexedDB queue', () => {
  it('keeps events in the order they were queued (not by their ts) until deleted', async () => {
    const q = createQueue(100, stats());
    await q.add(entries(5, 10));
    await q.add(entries(0, 5));
    const first = await q.peek(3);
    expect(first.map((e) => e[1].id)).toEqual(['e5', 'e6', 'e7']);
    await q.del(first.map((e) => e[0]));
    expect((await q.peek(100)).map((e) => e[1].id)).toEqual(['e8', 'e9', 'e0', 'e1', 'e2', 'e3', 'e4']);
  });

  it('is shared by queues on the same database (tabs)', async () => {
    await createQueue(100, stats()).add(entries(0, 3));
    expect(await createQueue(100, stats()).peek(10)).toHaveLength(3);
  });

  it('evicts the oldest events over the cap and counts them', async () => {
    const s = stats();
    const q = createQueue(5, s);
    await q.add(entries(0, 4));
    await q.add(entries(4, 8));
    expect((await q.peek(10)).map((e) => e[1].id)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7']);
    expect(s.evicted).toBe(3);
  });

  it('reopens the database after "Connection to Indexed Database server lost"', async () => {
    const real = indexedDB;
    const flaky = flakyIndexedDB(1, 'UnknownError');
    vi.stubGlobal('indexedDB', flaky.factory);
    const q = createQueue(100, stats());
    await q.add(entries(0, 2));
    expect(flaky.opens()).toBe(2);
    expect(await q.peek(10)).toHaveLength(2);
    vi.stubGlobal('indexedDB', real);
    expect(await createQueue(100, stats()).peek(10)).toHaveLength(2); // it really is in IndexedDB
  });

  it('falls back to memory when IndexedDB keeps failing or is missing (private modes)', async () => {
    vi.stubGlobal('indexedDB', flakyIndexedDB(99, 'InvalidStateError').factory);
    const q = createQueue(3, stats());
    await q.add(entries(0, 5));
    expect((await q.peek(10)).map((e) => e[1].id)).toEqual(['e2', 'e3', 'e4']);
    vi.stubGlobal('indexedDB', undefined);
    const m = createQueue(10, stats());
    const two = entries(0, 2);
    await m.add(two);
    await m.del([two[0][0]]);
    expect((await m.peek(10)).map((e) => e[1].id)).toEqual(['e1']);
  });
});

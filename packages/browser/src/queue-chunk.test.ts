import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDevice } from '../test/fakes.js';
import type { Queue } from './queue.js';
import type { Ev, Stats } from './types.js';

// The `queue` chunk as the script tag gets it: this test decides how (and whether) it loads.
let chunk: () => Promise<unknown> = async () => undefined;
vi.mock('./lib/chunk.js', () => ({ loadChunk: () => chunk() }));

const { createQueue } = await import('./queue-chunk.js');
const { keyOf, createQueue: idbQueue, OPEN_TIMEOUT_MS } = await import('./queue.js');
const chunkModule = await import('./chunks/queue.js');

const ev = (i: number): Ev => ({ id: 'e' + i, type: 'track', name: 'n', ts: 1_700_000_000_000 + i, anonymousId: 'a', url: 'https://x.test/' });
const stats = (): Stats => ({ sent: 0, dropped: 0, evicted: 0 });
const ids = async (q: Queue) => (await q.peek(10)).map((e) => e[1].id);

beforeEach(freshDevice);
afterEach(() => vi.useRealTimers());

describe("the script tag's queue (docs/sdk.md#lazy-chunks)", () => {
  it('is the IndexedDB queue once the queue chunk has loaded', async () => {
    chunk = async () => chunkModule;
    const q = createQueue(100, stats());
    expect(await q.add([[keyOf(ev(0)), ev(0)], [keyOf(ev(1)), ev(1)]])).toBe(true); // committed to IndexedDB
    expect(await ids(q)).toEqual(['e0', 'e1']);
    expect(await ids(idbQueue(100, stats()))).toEqual(['e0', 'e1']); // another tab sees them
    await q.del([(await q.peek(1))[0][0]]);
    expect(await ids(q)).toEqual(['e1']);
  });

  it('lives in memory for the page when the chunk does not load (404, blocked, offline): nothing lost, evictions counted', async () => {
    chunk = async () => undefined;
    const s = stats();
    const q = createQueue(2, s);
    expect(await q.add([0, 1, 2].map((i): [string, Ev] => [keyOf(ev(i)), ev(i)]))).toBe(false); // not durable: the exit copy keeps it
    expect(await ids(q)).toEqual(['e1', 'e2']);
    expect(s.evicted).toBe(1);
    expect(await ids(idbQueue(100, stats()))).toEqual([]); // nothing went to IndexedDB
  });

  it(`gives the chunk ${OPEN_TIMEOUT_MS} ms from the first use, then uses memory`, async () => {
    vi.useFakeTimers();
    chunk = () => new Promise(() => undefined); // never answers
    const q = createQueue(100, stats());
    const added = q.add([[keyOf(ev(0)), ev(0)]]);
    await vi.advanceTimersByTimeAsync(OPEN_TIMEOUT_MS);
    expect(await added).toBe(false);
    expect(await ids(q)).toEqual(['e0']);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { createLiveStream, type LiveStream } from './live.js';
import { serveNode, type RunningServer } from './node-server.js';
import type { StoredEvent } from './store.js';

let running: RunningServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await running?.close();
  running = undefined;
});

/** An SSE client over a raw socket: `read` false never reads (a stalled reader). */
function subscribe(port: number, read: boolean): { bytes: () => number; ids: () => number; closed: () => boolean } {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let bytes = 0;
  let ids = 0;
  let closed = false;
  socket.on('close', () => { closed = true; });
  socket.on('error', () => { closed = true; });
  socket.write('GET /v1/live HTTP/1.1\r\nHost: x\r\n\r\n');
  if (read) socket.on('data', (c: Buffer) => { bytes += c.length; ids += c.toString('latin1').split('\nid: ').length - 1; });
  else socket.pause();
  return { bytes: () => bytes, ids: () => ids, closed: () => closed };
}

const pad = 'x'.repeat(1000);
const batch = (n: number, from: number): StoredEvent[] =>
  Array.from({ length: n }, (_, i) => ({ id: `e${from + i}`, type: 'track', name: 'n', ts: 1, anonymousId: 'a', url: '/', props: { pad } }) as StoredEvent);

describe('/v1/live under stalled readers (issue 10, 4)', () => {
  it('buffers at most maxBufferedBytes per client, drops the readers that stopped, keeps the one that reads', async () => {
    const limit = 1024 * 1024;
    const live: LiveStream = createLiveStream({ maxBufferedBytes: limit });
    running = await serveNode(async (request) => live.handle(request), { port: 0, log: () => {} });
    const stalled = Array.from({ length: 4 }, () => subscribe(running!.port, false));
    const reader = subscribe(running.port, true);
    for (let i = 0; i < 200 && live.clients < 5; i++) await tick();
    expect(live.clients).toBe(5);

    let published = 0;
    let maxBuffered = 0;
    const perBatch = 100;
    // 60 MB in all: far more than the kernel's socket buffers of the stalled readers hold.
    for (let round = 0; round < 550; round++) {
      live.publish(batch(perBatch, published));
      published += perBatch;
      maxBuffered = Math.max(maxBuffered, live.bufferedBytes);
      // The reading client keeps up; bounded wait (a few seconds at most).
      for (let spin = 0; spin < 20_000 && reader.ids() < published - 2 * perBatch; spin++) await tick();
    }
    for (let spin = 0; spin < 20_000 && reader.ids() < published; spin++) await tick();

    expect(live.dropped).toBe(4);
    expect(live.clients).toBe(1);
    expect(maxBuffered).toBeLessThanOrEqual(5 * limit);
    expect(live.bufferedBytes).toBeLessThanOrEqual(limit);
    expect(reader.ids()).toBe(published);
    expect(reader.closed()).toBe(false);
    // A dropped reader's connection is destroyed by the server, so nothing stays buffered for it there.
    const open = () => new Promise<number>((resolve) => running!.server.getConnections((_e, n) => resolve(n)));
    for (let spin = 0; spin < 2000 && (await open()) > 1; spin++) await tick();
    expect(await open()).toBe(1);
    expect(stalled).toHaveLength(4);
  });

  it('more clients than maxClients are answered 503 with Retry-After', async () => {
    const live = createLiveStream({ maxClients: 1 });
    const first = live.handle(new Request('http://x/v1/live'));
    expect(first.status).toBe(200);
    const second = live.handle(new Request('http://x/v1/live'));
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    await first.body?.cancel();
    expect(live.clients).toBe(0);
  });
});

// The server tracker of the built @footfall/node in a real process that simply ends: its
// queue is flushed on beforeExit, with nothing but the process running out of work
// (docs/integration.md#server-events).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchHandler, createMemoryStore, serveNode, type RunningServer, type Store } from '@footfall/collector';

const run = promisify(execFile);
let store: Store;
let server: RunningServer;
beforeAll(async () => {
  store = createMemoryStore();
  server = await serveNode(createBatchHandler({ store, serverKeys: ['sk_exit'] }), { port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('createServerTracker in a process that ends', () => {
  it('delivers what was queued when the process runs out of work, without flush or close', async () => {
    const script = `
      import { createServerTracker } from '@footfall/node';
      const t = createServerTracker({ host: process.argv[1], secretKey: 'sk_exit', flushInterval: 600000, flushAt: 50 });
      for (let i = 0; i < 120; i++) t.track('job_done', { userId: 'worker', id: 'exit-' + i });
      // no flush, no close: the 20 events of the last batch wait for beforeExit`;
    await run(process.execPath, ['--input-type=module', '-e', script, server.url], { cwd: import.meta.dirname });
    const ids = new Set<string>();
    for await (const e of store.scan()) ids.add(e.id);
    expect(ids.size).toBe(120);
  });
});

// Shared pieces of the SDK's real-Chromium tests: Chromium and the collector stub per
// file, a test page with the loader snippet and the built script tag.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../lib/chromium.js';
import { startCollectorStub, type CollectorStub, type WireEvent } from '../lib/collector-stub.js';

export const SNIPPET = '<script>window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)};</script>';

/** Fast timing for tests: short flush interval and backoff. */
export const FAST = 'data-flush-interval="150" data-backoff-base="100" data-backoff-max="600"';

/** An HTML page that loads the BUILT script-tag SDK with `writeKey` and extra `data-*` attributes. */
export function testPage(writeKey: string, attrs = FAST, body = '<h1>test</h1>'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${writeKey}</title>${SNIPPET}
<script async src="/sdk/footfall.js" data-write-key="${writeKey}" data-endpoint="/v1/batch" ${attrs}></script>
</head><body>${body}</body></html>`;
}

/** Chromium and a collector stub for one test file, started before and closed after it. */
export function useChromiumAndStub(): { browser: Browser; stub: CollectorStub } {
  const env = {} as { browser: Browser; stub: CollectorStub };
  beforeAll(async () => {
    [env.browser, env.stub] = await Promise.all([launchChromium(), startCollectorStub()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.stub?.close();
  });
  return env;
}

/** Waits until the SDK has loaded and replaced the loader stub. */
export async function sdkReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const ff = (window as unknown as { footfall?: object }).footfall;
    return typeof ff === 'function' && !('q' in ff);
  });
}

/** The names of the `track` events among `events`, in order. */
export const trackNames = (events: WireEvent[]): string[] => events.filter((e) => e.type === 'track').map((e) => e.name as string);

/** Calls `footfall('track', prefix + i)` `n` times in the page, in one task. */
export const trackMany = (page: Page, prefix: string, n: number): Promise<void> =>
  page.evaluate(
    ([p, count]) => {
      const ff = (window as unknown as { footfall: (...a: unknown[]) => void }).footfall;
      for (let i = 0; i < count; i++) ff('track', p + i);
    },
    [prefix, n] as const,
  );

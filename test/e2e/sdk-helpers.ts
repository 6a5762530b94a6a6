// Shared pieces of the SDK's real-Chromium tests: a test page with the loader snippet
// and the built script tag, and the expected shapes.
export const SNIPPET = '<script>window.footfall=window.footfall||function(){(window.footfall.q=window.footfall.q||[]).push(arguments)};</script>';

/** Fast timing for tests: short flush interval and backoff. */
export const FAST = 'data-flush-interval="150" data-backoff-base="100" data-backoff-max="600"';

/** An HTML page that loads the BUILT script-tag SDK with `writeKey` and extra `data-*` attributes. */
export function testPage(writeKey: string, attrs = FAST, body = '<h1>test</h1>'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${writeKey}</title>${SNIPPET}
<script async src="/sdk/footfall.js" data-write-key="${writeKey}" data-endpoint="/v1/batch" ${attrs}></script>
</head><body>${body}</body></html>`;
}

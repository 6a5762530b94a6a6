/**
 * Security headers on every answer of the collector app (docs/collector.md, "Limits and
 * hardening"): `nosniff`, `Referrer-Policy: no-referrer`, and a Content-Security-Policy by
 * what the answer is. The dashboard may run only its own inline scripts (by hash), talk only
 * to its own origin and be framed by nobody; API answers (JSON, SSE, text) may run and load
 * nothing; the site's files (the example shop, the SDK) may be framed by this origin only.
 */

/** What an answer is, for its policy. */
export type AnswerKind = 'dashboard' | 'api' | 'asset';

const COMMON: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const ASSET_POLICY = "frame-ancestors 'self'; base-uri 'self'; object-src 'none'";

const hashes = new Map<string, string>();
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` of every inline script of a page that the browser runs (JSON data blocks need none). */
async function scriptHashes(html: string): Promise<string[]> {
  const out: string[] = [];
  for (const [, attributes, body] of html.matchAll(SCRIPT)) {
    if (/\btype\s*=\s*["']?application\/(?:ld\+)?json/i.test(attributes) || /\bsrc\s*=/i.test(attributes)) continue;
    let hash = hashes.get(body);
    if (hash === undefined) {
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
      hash = `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`;
      if (hashes.size > 16) hashes.clear();
      hashes.set(body, hash);
    }
    out.push(hash);
  }
  return out;
}

/** The Content-Security-Policy of a dashboard page: its inline scripts by hash, everything else from this origin. */
export async function dashboardPolicy(html: string): Promise<string> {
  const scripts = await scriptHashes(html);
  return [
    "default-src 'self'",
    `script-src ${scripts.length ? scripts.join(' ') : "'none'"}`,
    // ECharts and the heatmap frame set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    // The heatmap frame (srcdoc, which inherits this policy) sets <base> to the site's page.
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The answer with the security headers of its kind added (headers it already sets win).
 *
 * @example
 * ```ts
 * return withSecurityHeaders(Response.json(result), 'api');
 * ```
 */
export async function withSecurityHeaders(response: Response, kind: AnswerKind, html?: string): Promise<Response> {
  const policy = kind === 'dashboard' ? await dashboardPolicy(html ?? '') : kind === 'asset' ? ASSET_POLICY : API_POLICY;
  const add: Record<string, string> = { ...COMMON, 'content-security-policy': policy, 'x-frame-options': kind === 'asset' ? 'SAMEORIGIN' : 'DENY' };
  try {
    for (const [k, v] of Object.entries(add)) if (!response.headers.has(k)) response.headers.set(k, v);
    return response;
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    const headers = new Headers(response.headers);
    for (const [k, v] of Object.entries(add)) if (!headers.has(k)) headers.set(k, v);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

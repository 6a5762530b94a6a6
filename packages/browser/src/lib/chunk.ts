/**
 * Loads a lazily loaded part of the script tag (docs/sdk.md, "Lazy chunks"): the ES module
 * `footfall-<name>.js` next to the script's own URL, by dynamic `import()`. `import()` works
 * from the classic `<script async>`, carries that script's CSP nonce, and is no Trusted Types
 * sink (a `<script src>` set from a string would be one). Each chunk is fetched once. A chunk
 * that fails to load (404, blocked, offline) resolves `undefined`: what it adds is missing,
 * nothing else is, and nothing throws into the page.
 */
import type { Client } from '../types.js';
import { warn } from './util.js';

/** The chunks the collector serves next to the script. */
export type ChunkName = 'vitals' | 'recent' | 'journey' | 'queue';

/**
 * What a chunk gets from the script. Plain names: the script and each chunk are minified
 * apart, so `_`-prefixed names mangle differently in each and cannot cross between them.
 */
export interface ChunkHost {
  /** Records an event (`client._emit`). */
  emit: Client['_emit'];
  /** Adds a listener that never throws, removed on stop (`client._listen`). */
  listen: Client['_listen'];
  /** This page's queued events so far, then each new lot (`client._tap`). */
  tap: Client['_tap'];
  /** Consent is granted (`client._granted`). */
  granted: Client['_granted'];
  /** URL of the site model (journey extra): `model` beside the batch endpoint, `/v1/model` by default. */
  model: string;
}

const loaded: { [name in ChunkName]?: Promise<unknown> } = {};

/** The script's own URL, beside which its chunks are (set by the script tag as it starts). */
let base = '';
/** Sets the URL the chunks are loaded beside. */
export const setScriptBase = (url: string): void => void (base = url);

/** The host a chunk talks to, over `client`. */
export const hostOf = (c: Client): ChunkHost => ({ emit: c._emit, listen: c._listen, tap: c._tap, granted: c._granted, model: new URL('model', c._o.url).href });

/** The chunk `name`, loaded from beside the script's URL once; `undefined` when it could not be loaded. */
export const loadChunk = <T>(name: ChunkName): Promise<T | undefined> =>
  (loaded[name] ||= (async () => {
    try {
      return await import(/* @vite-ignore */ new URL(`footfall-${name}.js`, base).href);
    } catch {
      warn(`chunk ${name} did not load`);
    }
  })()) as Promise<T | undefined>;

/**
 * Loads chunk `name` and calls its `start` with the host over `c` and `args`; `false` when
 * there is no chunk (or no client) or it threw. Awaits, never calls `then`: a page may have
 * replaced it (docs/sdk.md, "Hostile pages").
 */
export async function startChunk(name: ChunkName, c: Client | undefined, ...args: unknown[]): Promise<boolean> {
  try {
    (await loadChunk<{ start(h: ChunkHost, ...args: unknown[]): void }>(name))!.start(hostOf(c!), ...args);
    return true;
  } catch {
    return false;
  }
}

/**
 * The script-tag entry (`dist/footfall.js`): reads `data-*` options from its own
 * <script>, starts with every autocapture on (each switchable: `data-clicks="false"`),
 * drains the loader snippet's `window.footfall.q`, then replaces the stub with the
 * real command function: `footfall('track', 'signup', { plan: 'pro' })`.
 */
import { captureAll } from './capture/autocapture.js';
import { lazyCapture } from './capture/lazy.js';
import { setScriptBase, startChunk } from './lib/chunk.js';
import type { Journey } from './journey.js';
import type { Client } from './types.js';
import { cart, consent, flush, identify, init, optOut, page, reset, track } from './index.js';
import type { FootfallOptions } from './options.js';

type Command = (...args: unknown[]) => unknown;
type Stub = Command & { q?: ArrayLike<unknown>[] };

const commands: Record<string, Command> = {
  track: track as Command,
  page: page as Command,
  identify: identify as Command,
  flush,
  reset,
  optOut,
  consent: (d) => (d === 'deny' ? consent.deny() : consent.grant()),
  cart: (action, payload) => (cart as Record<string, Command>)[String(action)]?.(payload),
};
let client: Client | undefined;

/** Parses `data-*` values: "true"/"false" → boolean, numeric → number. */
function parse(v: string): unknown {
  return v === 'true' ? true : v === 'false' ? false : v !== '' && !isNaN(+v) ? +v : v;
}

try {
  const w = window as unknown as { footfall?: Stub };
  const stub = w.footfall;
  const queued = Array.from((stub && stub.q) || [], (a) => Array.from(a));
  const script = (document.currentScript || document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
  const options: Record<string, unknown> = {};
  if (script) {
    for (const [k, v] of Object.entries(script.dataset)) options[k] = parse(v || '');
    if (!options.host && script.src) options.host = new URL(script.src, location.href).origin;
    if (options.keepParams != null) options.keepParams = String(options.keepParams).split(/[\s,]+/).filter(Boolean);
  }
  for (const [name, o] of queued) if (name === 'init' && o && typeof o === 'object') Object.assign(options, o);
  // Lazily loaded chunks come from next to the script (docs/sdk.md, "Lazy chunks").
  setScriptBase((script && script.src) || location.href);
  // The journey extra: its chunk, loaded when the page first asks (docs/sdk.md#journey).
  commands.journey = async (cb) => {
    // No chunk (or no SDK): the page hears that there is no journey.
    if (!(await startChunk('journey', client, cb)))
      try {
        (cb as (j: Journey) => void)({ model: null, reason: 'no-model' });
      } catch {
        /* the page's callback */
      }
  };
  const api: Stub = (name, ...args) => {
    try {
      return name === 'init' ? undefined : commands[String(name)]?.(...args);
    } catch {
      return undefined;
    }
  };
  Object.assign(api, commands);
  w.footfall = api;
  const capture = [captureAll(options, () => lazyCapture('vitals')), (c: Client) => void (client = c)];
  // data-journey: every page keeps recent events for the journey extra (docs/sdk.md#journey).
  if (options.journey === true) capture.push(lazyCapture('recent'));
  init({ ...(options as FootfallOptions), capture });
  for (const args of queued) api(...args);
} catch {
  /* never break the host page */
}

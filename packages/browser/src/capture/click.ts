/**
 * Clicks: stable selector, masked visible text (never from form fields), document
 * and in-element position, viewport and document size. Dead: no DOM mutation within
 * 2500 ms, no navigation, and no scroll or selection change within 100 ms. A click is
 * held for those 2500 ms (or until the page view ends) before it is queued. Elements
 * inside `[data-footfall-ignore]` are not recorded. Rage runs are not flagged here: the
 * core finds them from positions and times (docs/metrics.md, "Frustration").
 */
import type { Capture } from '../types.js';
import { maskText } from '../mask.js';
import { selectorOf } from '../selector.js';
import { now } from '../lib/clock.js';
import { docHeight } from '../lib/util.js';
import { TEST } from '../lib/test-only.js';

/** Dead-click rule (docs/events.md#ratings-and-click-flags): no DOM mutation within this many ms... */
export const DEAD_WAIT_MS = 2500;
/** ...and no scroll or selection change within this many ms. */
export const DEAD_REACTION_MS = 100;

const TARGETS = 'a,button,[role=button],input,select,textarea,label,summary,[data-footfall-cart]';

interface Held {
  f: Record<string, unknown> & { ts: number; x: number; y: number };
  reacted: boolean;
}

/**
 * Captures clicks, with dead-click detection.
 *
 * @example
 * ```ts
 * init({ writeKey: 'site_abc', capture: [pageViews(), clicks()] });
 * ```
 */
export function clicks(): Capture {
  return (c) => {
    const held: Held[] = [];
    let mutatedAt = 0;
    let movedAt = 0;
    let observer: MutationObserver | undefined;

    const release = (h: Held, navigated?: boolean) => {
      const i = held.indexOf(h);
      if (i < 0) return;
      held.splice(i, 1);
      if (!navigated && !h.reacted && mutatedAt < h.f.ts) h.f.dead = true;
      c._emit('click', h.f);
    };
    const moved = () => {
      movedAt = now();
    };
    c._listen(document, 'scroll', moved, true);
    c._listen(document, 'selectionchange', moved);
    c._on('end', () => {
      for (const h of held.slice()) release(h, true);
    });

    c._listen(
      document,
      'click',
      (ev) => {
        const e = ev as MouseEvent;
        const t = e.target as Element | null;
        if (!t?.closest || t.closest('[data-footfall-ignore]')) return;
        const el = t.closest(TARGETS) || t;
        const r = el.getBoundingClientRect();
        const tag = el.tagName.toLowerCase();
        const x = Math.round(e.clientX + scrollX);
        const y = Math.round(e.clientY + scrollY);
        const frac = (v: number, size: number) => (size > 0 ? Math.min(1, Math.max(0, Math.round((v / size) * 1000) / 1000)) : 0);
        const f: Held['f'] = {
          ts: now(),
          url: c._url(),
          selector: selectorOf(el),
          tag,
          x,
          y,
          rx: frac(e.clientX - r.left, r.width),
          ry: frac(e.clientY - r.top, r.height),
          vw: innerWidth,
          vh: innerHeight,
          dh: docHeight(),
        };
        if (!/^(input|select|textarea)$/.test(tag) && !(el as HTMLElement).isContentEditable) {
          const text = maskText((el as HTMLElement).innerText || el.textContent);
          if (text) f.text = text;
        }
        const href = (el as HTMLAnchorElement).href;
        if (tag === 'a' && typeof href === 'string' && href) f.href = href.slice(0, 2048);
        const h: Held = { f, reacted: false };
        held.push(h);
        if (!observer && typeof MutationObserver !== 'undefined') {
          observer = new MutationObserver(() => {
            mutatedAt = now();
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          if (TEST) c._offs!.push(() => observer?.disconnect());
        }
        setTimeout(() => {
          if (movedAt >= f.ts) h.reacted = true;
        }, DEAD_REACTION_MS);
        setTimeout(() => release(h), DEAD_WAIT_MS);
      },
      true,
    );
  };
}

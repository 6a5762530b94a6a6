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
    /** Each held click's release: queues it, flagged dead unless the page reacted or `navigated`. */
    const held = new Set<(navigated?: boolean) => void>();
    let mutatedAt = 0;
    let movedAt = 0;
    let observer: MutationObserver | undefined;

    const moved = () => {
      movedAt = now();
    };
    c._listen(document, 'scroll', moved, true);
    c._listen(document, 'selectionchange', moved);
    c._on('end', () => {
      for (const release of held) release(true);
    });

    c._listen(
      document,
      'click',
      ((e: MouseEvent) => {
        const t = e.target as Element | null;
        if (!t?.closest || t.closest('[data-footfall-ignore]')) return;
        const el = t.closest(TARGETS) || t;
        const r = el.getBoundingClientRect();
        const tag = el.tagName.toLowerCase();
        const x = Math.round(e.clientX + scrollX);
        const y = Math.round(e.clientY + scrollY);
        const frac = (v: number, size: number) => (size > 0 ? Math.min(1, Math.max(0, Math.round((v / size) * 1000) / 1000)) : 0);
        const f: Record<string, unknown> & { ts: number } = {
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
        let reacted = false;
        const release = (navigated?: boolean) => {
          if (!held.delete(release)) return;
          if (!navigated && !reacted && mutatedAt < f.ts) f.dead = true;
          c._emit('click', f);
        };
        held.add(release);
        if (!observer) {
          observer = new MutationObserver(() => {
            mutatedAt = now();
          });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          if (TEST) c._offs!.push(() => observer?.disconnect());
        }
        setTimeout(() => {
          if (movedAt >= f.ts) reacted = true;
        }, DEAD_REACTION_MS);
        setTimeout(release, DEAD_WAIT_MS);
      }) as (e: Event) => void,
      true,
    );
  };
}

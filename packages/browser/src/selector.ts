/**
 * A stable CSS path to an element: stops at the nearest id or `data-testid`, else
 * walks up to `body` with `tag:nth-of-type(n)` where siblings share the tag; adds
 * `[data-footfall-id="…"]` where present. Ids that look generated (3+ digits, or a
 * leading digit) are skipped. At most 512 characters (the end of the path is kept).
 *
 * @example
 * ```ts
 * selectorOf(document.querySelector('#nav a')!); // '#nav>a:nth-of-type(2)'
 * ```
 */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  for (let e: Element | null = el; e && parts.length < 12; e = e.parentElement) {
    const tag = e.tagName.toLowerCase();
    if (e.id && !/\d{3}|^\d/.test(e.id)) {
      parts.unshift('#' + esc(e.id));
      break;
    }
    const test = e.getAttribute('data-testid');
    if (test) {
      parts.unshift(tag + '[data-testid="' + esc(test) + '"]');
      break;
    }
    if (tag === 'body' || tag === 'html') {
      parts.unshift(tag);
      break;
    }
    let part = tag;
    const fid = e.getAttribute('data-footfall-id');
    if (fid) part += '[data-footfall-id="' + esc(fid) + '"]';
    let n = 0;
    let index = 1;
    for (let s: Element | null | undefined = e.parentElement?.firstElementChild; s; s = s.nextElementSibling) {
      if (s.tagName === e.tagName) n++;
      if (s === e) index = n;
    }
    if (n > 1) part += ':nth-of-type(' + index + ')';
    parts.unshift(part);
  }
  return parts.join('>').slice(-512);
}

function esc(s: string): string {
  return typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/["\\\]]/g, '\\$&');
}

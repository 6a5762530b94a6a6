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
  let path = '';
  for (let e: Element | null = el, depth = 0; e && depth++ < 12; e = e.parentElement) {
    const tag = e.tagName.toLowerCase();
    const attr = (k: string, v = e!.getAttribute(k)) => (v ? '[' + k + '="' + esc(v) + '"]' : '');
    // The first of: a stable id, a data-testid, body or html ends the path.
    let part = e.id && !/\d{3}|^\d/.test(e.id) ? '#' + esc(e.id) : tag + attr('data-testid');
    const end = part != tag || tag == 'body' || tag == 'html';
    if (!end) {
      part += attr('data-footfall-id');
      let n = 0;
      let index = 1;
      for (let s: Element | null | undefined = e.parentElement?.firstElementChild; s; s = s.nextElementSibling) {
        if (s.tagName === e.tagName) n++;
        if (s === e) index = n;
      }
      if (n > 1) part += ':nth-of-type(' + index + ')';
    }
    path = part + (path && '>' + path);
    if (end) break;
  }
  return path.slice(-512);
}

// CSS.escape is in every browser the SDK runs in (ES2020).
const esc = (s: string): string => CSS.escape(s);

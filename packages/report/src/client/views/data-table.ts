import type { Ctx } from '../context.js';
import { card, empty, h } from '../dom.js';

/**
 * Loads a view's result; when it is still the current render and has something to show
 * (`has`), appends a grid to `el` and resolves to the result and the grid, else shows
 * `none` (or nothing, for a stale render) and resolves to `undefined`.
 */
export async function viewGrid<R>(ctx: Ctx, el: HTMLElement, load: Promise<R | undefined>, has: (r: R) => boolean, none: string): Promise<{ res: R; grid: HTMLElement } | undefined> {
  const res = await load;
  if (!ctx.current()) return undefined;
  if (res === undefined || !has(res)) {
    el.appendChild(empty(none));
    return undefined;
  }
  const grid = h('div', { class: 'grid' });
  el.appendChild(grid);
  return { res, grid };
}

/** One row of a `dataTable`: its cells (text or elements) and the `data-row` key tests and links find it by. */
export interface DataRow {
  key: string;
  cells: (string | HTMLElement)[];
  /** Marked as flagged (a chip in the first column, a highlighted row). */
  flagged?: boolean;
}

/**
 * A card with a plain table in the order the result gives (the core's ranking): first column
 * text, the others numbers; a flagged row carries a "flagged" chip and `data-flagged`.
 */
export function dataTable(name: string, title: string, sub: string, head: readonly string[], rows: readonly DataRow[]): HTMLElement {
  const table = h('table', { 'data-table': name, class: 'stack' },
    h('caption', { class: 'sr-only' }, title),
    h('thead', {}, h('tr', {}, ...head.map((t, i) => h('th', { scope: 'col', class: i === 0 ? 'text' : '' }, t)))),
    h('tbody', {}, ...rows.map((r) => {
      const cells = r.cells.map((c, i) => h('td', { class: i === 0 ? 'text path' : '', 'data-label': head[i] },
        i === 0 && r.flagged ? h('span', { class: 'chip poor', title: 'flagged' }, '!') : null, i === 0 && r.flagged ? ' ' : null, c));
      return h('tr', { 'data-row': r.key, 'data-flagged': r.flagged ? 'true' : undefined, class: r.flagged ? 'focus' : undefined }, ...cells);
    })));
  return card(title, sub, 12, h('div', { class: 'table-wrap stack' }, table));
}

/** The flagged items' messages as a list card, or nothing. */
export function flagList(title: string, items: readonly { key: string; message: string }[]): HTMLElement | null {
  if (items.length === 0) return null;
  return card(title, null, 12, h('ul', { class: 'flags', 'data-flags': 'true' }, ...items.map((f) => h('li', { 'data-row': f.key }, h('b', {}, f.key), ': ', f.message))));
}

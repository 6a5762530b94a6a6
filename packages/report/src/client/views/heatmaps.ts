import { draw } from '../charts.js';
import type { Ctx, View } from '../context.js';
import { card, empty, field, h, segmented, select } from '../dom.js';
import { int, pct } from '../format.js';
import type { Viewport } from '../source.js';
import type { ClickHeatmapResult, ElementCell, HeatCell, ScrollHeatmapResult } from '../../types.js';

/** Layout width drawn for each viewport class (mobile < 768 ≤ tablet < 1280 ≤ desktop). */
const WIDTH: Record<Viewport, number> = { desktop: 1280, tablet: 1024, mobile: 390 };

/** The recorded document height: reported by the analyzer, else the deepest cell or bucket. */
export function documentHeight(click: ClickHeatmapResult | undefined, scroll: ScrollHeatmapResult | undefined, viewport: Viewport): number {
  const reported = click?.documentHeight ?? scroll?.documentHeight;
  if (reported) return reported;
  const deepest = Math.max(0, ...(click?.cells ?? []).map((c) => c.y + 16), ...(scroll?.buckets ?? []).map((b) => b.depth + 100));
  return Math.max(deepest, viewport === 'mobile' ? 844 : 800);
}

/**
 * The page at `src` as a static document: fetched (same origin, redirects followed), scripts
 * and inline handlers removed, a `<base>` added so its styles and images load. `undefined` when it is not an
 * HTML page that can be drawn on (error answer, other origin, not HTML, the dashboard itself).
 */
export async function staticPage(src: string): Promise<string | undefined> {
  let res: Response;
  try {
    res = await fetch(src, { credentials: 'same-origin' });
  } catch {
    return undefined;
  }
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) return undefined;
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  if (doc.getElementById('footfall-boot')) return undefined;
  for (const el of Array.from(doc.querySelectorAll('script, noscript, iframe, object, embed, meta[http-equiv]'))) el.remove();
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
  }
  const base = doc.createElement('base');
  base.href = new URL(res.url || src, location.href).href; // after redirects, where its relative links start
  doc.head.prepend(base);
  return `<!doctype html>${doc.documentElement.outerHTML}`;
}

/**
 * Click cells placed by element: each `(selector, rx, ry)` of the core's element map at that
 * spot of the element as the framed page lays it out, so clicks recorded at any viewport width
 * land on the element they hit (raw cells keep `x` as a share of each visitor's own width,
 * which drifts off centred content when widths differ). Clicks on elements the page lacks
 * (another version of it) are counted in `missing` and not drawn; when they are more than half
 * the clicks, the view draws the recorded cells instead.
 */
export function placeOnPage(doc: Document, elements: readonly ElementCell[], width: number): { cells: HeatCell[]; missing: number } {
  const cells = new Map<string, HeatCell>();
  let missing = 0;
  for (const e of elements) {
    let node: Element | null = null;
    try {
      node = doc.querySelector(e.selector);
    } catch {
      node = null; // a selector this page's CSS engine does not parse
    }
    if (!node) {
      missing += e.count;
      continue;
    }
    const r = node.getBoundingClientRect();
    const x = Math.round(((r.left + e.rx * r.width) / width) * 100) / 100;
    const y = Math.floor((r.top + e.ry * r.height) / 16) * 16;
    const key = `${x}|${y}`;
    const cell = cells.get(key);
    if (cell) cell.count += e.count;
    else cells.set(key, { x, y, count: e.count });
  }
  return { cells: [...cells.values()].sort((a, b) => b.count - a.count || a.y - b.y || a.x - b.x), missing };
}

/** Draws `html` in the sandboxed frame; resolves to its document height. */
function frame(iframe: HTMLIFrameElement, html: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 6000);
    iframe.addEventListener('load', () => {
      clearTimeout(timer);
      resolve(iframe.contentDocument?.documentElement.scrollHeight);
    }, { once: true });
    iframe.srcdoc = html;
  });
}

async function pageList(ctx: Ctx): Promise<string[]> {
  const fixed = ctx.source.heatmapPages();
  if (fixed) return fixed;
  const res = await ctx.source.pages(ctx.filters);
  return [...(res?.pages ?? [])].sort((a, b) => b.views - a.views).map((p) => p.path);
}

/** The page with a click heat layer and a scroll-reach gradient, per viewport class. */
export const heatmaps: View = async (ctx, el) => {
  const list = await pageList(ctx);
  if (!ctx.current()) return;
  if (list.length === 0) {
    el.appendChild(empty('No heatmaps in these results.'));
    return;
  }
  let page = ctx.params.get('page') ?? list[0];
  if (!list.includes(page)) list.unshift(page);
  let viewport = (ctx.params.get('viewport') as Viewport | null) ?? ctx.source.heatmapViewport ?? (ctx.mode === 'dashboard' && window.innerWidth < 768 ? 'mobile' : 'desktop');
  if (!(viewport in WIDTH)) viewport = 'desktop';
  let layer = ctx.params.get('layer') === 'scroll' ? 'scroll' : 'click';

  const controls = h('div', { class: 'toolbar' },
    field('Page', select(list.map((p) => [p, p]), page, (v) => { page = v; void show(); })),
    ctx.mode === 'dashboard'
      ? h('div', { class: 'field' }, h('span', {}, 'Viewport'), segmented('Viewport class', [['desktop', 'Desktop'], ['tablet', 'Tablet'], ['mobile', 'Mobile']], viewport, (v) => { viewport = v as Viewport; void show(); }))
      : null,
    h('div', { class: 'field' }, h('span', {}, 'Layer'), segmented('Heatmap layer', [['click', 'Clicks'], ['scroll', 'Scroll reach']], layer, (v) => { layer = v; void show(); })),
  );
  const legend = h('div', { class: 'legend-bar' });
  const summary = h('p', { class: 'sub' });
  const box = h('div', {});
  el.appendChild(h('div', { class: 'grid' }, card('Heatmap', null, 12, controls, summary, box, legend)));

  async function show(): Promise<void> {
    const [click, scroll] = await Promise.all([ctx.source.clicks(ctx.filters, page, viewport), ctx.source.scroll(ctx.filters, page, viewport)]);
    if (!ctx.current()) return;
    box.textContent = '';
    legend.textContent = '';
    const w = WIDTH[viewport];
    let height = documentHeight(click, scroll, viewport);
    const clicks = (click?.cells ?? []).reduce((a, c) => a + c.count, 0);
    summary.textContent = layer === 'click'
      ? `${int(clicks)} clicks on ${page}, ${viewport} viewport`
      : `${scroll?.buckets.length ? `${pct(scroll.buckets.find((b) => b.depth >= 1000)?.share ?? 0, 0)} of views reach 1000 px` : 'No scroll data'} on ${page}, ${viewport} viewport`;

    const stage = h('div', { class: 'stage', 'data-heatmap': layer, 'data-page': page });
    const inner = h('div', { class: 'stage-inner', style: `width:${w}px` });
    const sizer = h('div', { style: 'position:relative;overflow:hidden' }, inner);
    stage.appendChild(sizer);
    box.appendChild(stage);
    const note = h('p', { class: 'note' });
    box.appendChild(note);

    let framed: Document | undefined;
    const html = ctx.siteBase === undefined || page.includes('*') ? undefined : await staticPage(`${ctx.siteBase}${page}`);
    if (!ctx.current()) return;
    if (html !== undefined) {
      const iframe = h('iframe', { title: `The page ${page}`, width: w, height, tabindex: '-1', sandbox: 'allow-same-origin', loading: 'eager' });
      inner.appendChild(iframe);
      const framedHeight = await frame(iframe, html);
      if (!ctx.current()) return;
      if (framedHeight !== undefined && iframe.contentDocument) {
        framed = iframe.contentDocument;
        if (!click?.documentHeight && !scroll?.documentHeight) height = Math.max(height, framedHeight);
        iframe.height = String(height);
      } else {
        iframe.remove();
      }
    }
    if (!framed) {
      inner.appendChild(h('div', { class: 'blank-page', style: `width:${w}px;height:${height}px`, 'data-blank': 'true' }));
      note.textContent = ctx.mode === 'report'
        ? `The layer is drawn over a blank page of the recorded size (${w} × ${height} px): a report works offline, so the site is not framed.`
        : ctx.siteBase === undefined
          ? `The layer is drawn over a blank page of the recorded size (${w} × ${height} px): give the dashboard the site's address (siteBase) to draw over the page itself.`
          : `This page could not be loaded from ${ctx.siteBase || 'this origin'} (missing, another origin, or not HTML): the layer is drawn over a blank page of the recorded size (${w} × ${height} px).`;
    }
    inner.style.height = `${height}px`;
    const fit = () => {
      const scale = Math.min(1, stage.clientWidth / w);
      inner.style.transform = `scale(${scale})`;
      sizer.style.width = `${Math.floor(w * scale)}px`;
      sizer.style.height = `${Math.ceil(height * scale)}px`;
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(stage);
    stage.scrollTop = 0;
    ctx.onLeave(() => ro.disconnect());

    const layerEl = h('div', { class: `layer ${layer === 'click' ? 'heat' : 'scroll'}`, style: `width:${w}px;height:${height}px` });
    inner.appendChild(layerEl);
    if (layer === 'click') {
      // Placed by element when most clicks hit elements this page has; else (another page
      // version, a stand-in page) the recorded cells are the better picture.
      const placed = framed && click?.elements.length ? placeOnPage(framed, click.elements, w) : undefined;
      const total = (click?.elements ?? []).reduce((a, e) => a + e.count, 0);
      const byElement = placed !== undefined && placed.cells.length > 0 && placed.missing * 2 <= total;
      const cells = byElement ? placed.cells : click?.cells ?? [];
      if (byElement && placed.missing) note.textContent = `${int(placed.missing)} clicks were on elements this version of the page does not have; they are not drawn.`;
      layerEl.dataset.hotSpots = JSON.stringify(cells.slice(0, 5));
      if (cells.length === 0) { box.appendChild(empty('No clicks recorded for this page and viewport.')); return; }
      const rows = Math.ceil(height / 16);
      // square-root scale: a few hot spots should not wash out everything else
      const max = Math.sqrt(Math.max(...cells.map((c) => c.count)));
      draw(layerEl, {
        animation: false,
        grid: { left: 0, right: 0, top: 0, bottom: 0 },
        xAxis: { type: 'category', show: false, data: Array.from({ length: 101 }, (_, i) => i) },
        yAxis: { type: 'category', show: false, inverse: true, data: Array.from({ length: rows }, (_, i) => i) },
        visualMap: { show: false, min: 0, max, inRange: { color: ['rgba(59,130,246,0.35)', 'rgba(34,197,94,0.75)', 'rgba(250,204,21,0.9)', 'rgba(239,68,68,0.95)'] } },
        series: [{ type: 'heatmap', data: cells.map((c) => [Math.min(100, Math.max(0, Math.round(c.x * 100))), Math.min(rows - 1, Math.floor(c.y / 16)), Math.sqrt(c.count)]), progressive: 0 }],
      }, `Click heatmap of ${page}: ${clicks} clicks`, 'canvas');
      legend.append('fewer clicks', h('span', { class: 'ramp' }), 'more clicks');
    } else {
      const buckets = scroll?.buckets ?? [];
      if (buckets.length === 0) { box.appendChild(empty('No scroll data for this page and viewport.')); return; }
      const rows = Math.ceil(height / 100);
      const share = new Array<number>(rows).fill(0);
      for (const b of buckets) { const r = Math.floor(b.depth / 100); if (r < rows) share[r] = b.share; }
      // buckets above the first recorded one were seen by every view
      const first = Math.floor(Math.min(...buckets.map((b) => b.depth)) / 100);
      for (let r = 0; r < first && r < rows; r++) share[r] = 1;
      draw(layerEl, {
        animation: false,
        grid: { left: 0, right: 0, top: 0, bottom: 0 },
        xAxis: { type: 'category', show: false, data: [0] },
        yAxis: { type: 'category', show: false, inverse: true, data: share.map((_, i) => i) },
        visualMap: { show: false, min: 0, max: 1, inRange: { color: ['rgba(37,99,235,0.55)', 'rgba(250,204,21,0.45)', 'rgba(239,68,68,0.45)'] } },
        series: [{ type: 'heatmap', data: share.map((s, i) => [0, i, s]) }],
      }, `Scroll reach of ${page}`, 'canvas');
      for (const t of [0.75, 0.5, 0.25]) {
        const r = share.findIndex((s) => s < t);
        if (r <= 0) continue;
        inner.appendChild(h('div', { class: 'layer', style: `top:${r * 100}px;width:${w}px;border-top:2px dashed #111827` },
          h('span', { style: 'background:#111827;color:#fff;font:600 14px system-ui,sans-serif;padding:3px 8px;border-radius:0 0 6px 0' }, `${Math.round(t * 100)}% of views reach here`)));
      }
      legend.append('few views reach', h('span', { class: 'ramp scroll' }), 'every view reaches');
    }
  }

  await show();
};

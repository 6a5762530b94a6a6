/**
 * Click and scroll heatmaps (docs/metrics.md#heatmaps).
 */
import { DEVICE_CLASSES, deviceOfWidth } from './agent.js';
import type { Analyzer, DeviceClass, NormalizedEvent } from './analyzer.js';
import { FootfallError } from './errors.js';
import { addCounts } from './lib/analyzerState.js';
import { defineAnalyzer, type KeyedState } from './lib/define-analyzer.js';
import { compileGlob } from './glob.js';
import { urlPath } from './matchers.js';
import { cloneState, copyDict, dict } from './lib/dict.js';

/** Scroll map bucket height, px. */
export const SCROLL_BUCKET_PX = 100;
/** Click map row height, px. */
export const CLICK_ROW_PX = 16;

/** Options of `createHeatmap`. */
export interface HeatmapOptions {
  /**
   * URL path (glob, as in `page:` steps) whose clicks or scrolls count.
   * @default '*' (every page)
   */
  page?: string;
  /**
   * `click`: click cells and the element map; `scroll`: the scroll-reach curve.
   * @default 'click'
   */
  kind?: 'click' | 'scroll';
  /**
   * Only this viewport class (`mobile` < 768 ≤ `tablet` < 1280 ≤ `desktop`).
   * @default undefined (all viewports)
   */
  viewport?: DeviceClass;
}

/** State of `createHeatmap`: counts keyed by cell. */
export interface HeatmapState extends KeyedState {
  /** `x|y` → clicks (x = round(x / vw, 2), y = floor(y / 16) · 16). */
  cells: Record<string, number>;
  /** `selector|rx|ry` (rx, ry rounded to 2 decimals) → clicks. */
  elements: Record<string, number>;
  /** 100-px bucket of each page view's deepest point → page views. */
  depths: Record<string, number>;
}

/** One click-map cell: `x` is a share of the viewport width, `y` document px (16-px rows). */
export interface HeatCell {
  x: number;
  y: number;
  count: number;
}
/** One element-map point: where inside the element (0..1) clicks landed. */
export interface ElementCell {
  selector: string;
  rx: number;
  ry: number;
  count: number;
}
/** One scroll bucket: share of page views whose deepest point reached at least `depth` px. */
export interface ScrollBucket {
  depth: number;
  share: number;
}

/** Result of a click heatmap (cells and elements, most clicked first). */
export interface ClickHeatmap {
  cells: HeatCell[];
  elements: ElementCell[];
}
/** Result of a scroll heatmap: every 100-px bucket from 0 to the deepest, and the page views behind it. */
export interface ScrollHeatmap {
  buckets: ScrollBucket[];
  views: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function viewportOf(e: NormalizedEvent): DeviceClass | undefined {
  const vw = e.type === 'click' ? e.vw : e.ctx?.vw;
  if (vw !== undefined && vw > 0) return deviceOfWidth(vw);
  return e.agent?.device;
}

/**
 * A click or scroll heatmap of one page (glob on the URL path).
 * Click cells are `(round(x / vw, 2), floor(y / 16) · 16)` per viewport class; the element
 * map keys `(selector, rx, ry)` so overlays follow the element across layouts. The scroll
 * map gives, per 100-px bucket, the share of page views whose deepest point (`px` of the
 * `scroll` event) reached at least that bucket.
 *
 * @example
 * ```ts
 * const h = createHeatmap({ page: '/checkout/shipping', kind: 'click', viewport: 'mobile' });
 * for (const e of normalize(events)) h.add(e);
 * h.result(); // { cells: [{ x: 0.5, y: 1200, count: 31 }, ...], elements: [...] }
 * ```
 */
export function createHeatmap(options: HeatmapOptions & { kind: 'scroll' }): Analyzer<HeatmapState, ScrollHeatmap>;
export function createHeatmap(options?: HeatmapOptions & { kind?: 'click' }): Analyzer<HeatmapState, ClickHeatmap>;
export function createHeatmap(options?: HeatmapOptions): Analyzer<HeatmapState, ClickHeatmap | ScrollHeatmap>;
export function createHeatmap(options: HeatmapOptions = {}): Analyzer<HeatmapState, ClickHeatmap | ScrollHeatmap> {
  const kind = options.kind ?? 'click';
  if (kind !== 'click' && kind !== 'scroll') {
    throw new FootfallError('INVALID_OPTION', `heatmap kind "${String(kind)}" is unknown: use "click" or "scroll"`);
  }
  if (options.viewport !== undefined && !DEVICE_CLASSES.includes(options.viewport)) {
    throw new FootfallError('INVALID_OPTION', `viewport "${String(options.viewport)}" is unknown: use mobile, tablet or desktop`);
  }
  const page = compileGlob(options.page ?? '*');
  const keep = (e: NormalizedEvent & { url: string }) => page(urlPath(e.url)) && (options.viewport === undefined || viewportOf(e) === options.viewport);
  return defineAnalyzer<HeatmapState, ClickHeatmap | ScrollHeatmap>(
    { key: JSON.stringify({ page: options.page ?? '*', kind, viewport: options.viewport ?? null }), cells: dict(), elements: dict(), depths: dict() },
    {
      name: 'heatmap',
      add(s, e) {
        if (kind === 'click' && e.type === 'click' && keep(e)) {
          const cell = `${e.vw > 0 ? round2(e.x / e.vw) : 0}|${Math.floor(e.y / CLICK_ROW_PX) * CLICK_ROW_PX}`;
          s.cells[cell] = (s.cells[cell] ?? 0) + 1;
          const el = `${round2(e.rx)}|${round2(e.ry)}|${e.selector}`;
          s.elements[el] = (s.elements[el] ?? 0) + 1;
        } else if (kind === 'scroll' && e.type === 'scroll' && keep(e)) {
          const b = String(Math.floor(e.px / SCROLL_BUCKET_PX) * SCROLL_BUCKET_PX);
          s.depths[b] = (s.depths[b] ?? 0) + 1;
        }
      },
      merge(into, other) {
        addCounts(into.cells, other.cells);
        addCounts(into.elements, other.elements);
        addCounts(into.depths, other.depths);
      },
      result(s) {
        if (kind === 'scroll') return scrollMap(s.depths);
        const byCount = <T extends { count: number }>(a: T, b: T, tie: number) => b.count - a.count || tie;
        const cells = Object.entries(s.cells).map(([k, count]) => {
          const [x, y] = k.split('|').map(Number);
          return { x, y, count };
        });
        const elements = Object.entries(s.elements).map(([k, count]) => {
          const i = k.indexOf('|');
          const j = k.indexOf('|', i + 1);
          return { selector: k.slice(j + 1), rx: Number(k.slice(0, i)), ry: Number(k.slice(i + 1, j)), count };
        });
        return {
          cells: cells.sort((a, b) => byCount(a, b, a.y - b.y || a.x - b.x)),
          elements: elements.sort((a, b) => byCount(a, b, a.selector < b.selector ? -1 : a.selector > b.selector ? 1 : a.rx - b.rx || a.ry - b.ry)),
        };
      },
    },
  );
}

function scrollMap(depths: Record<string, number>): ScrollHeatmap {
  const entries = Object.entries(depths).map(([d, n]) => [Number(d), n] as const);
  const views = entries.reduce((n, [, c]) => n + c, 0);
  if (views === 0) return { buckets: [], views: 0 };
  const deepest = Math.max(...entries.map(([d]) => d));
  const buckets: ScrollBucket[] = [];
  let below = 0;
  for (let depth = 0; depth <= deepest; depth += SCROLL_BUCKET_PX) {
    buckets.push({ depth, share: (views - below) / views });
    below += depths[String(depth)] ?? 0;
  }
  return { buckets, views };
}

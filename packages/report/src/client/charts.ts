/** ECharts, tree-shaken to the charts the views use, with one look and per-view lifecycle. */
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, SankeyChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, SankeyChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

export type Option = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;

export const palette = ['#4338ca', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#f97316', '#64748b', '#ec4899'];

const live = new Set<Chart>();
const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => {
  for (const e of entries) echarts.getInstanceByDom(e.target as HTMLElement)?.resize();
});

/**
 * Draws `option` into `el` (SVG by default: crisp, and its elements are inspectable; the heat
 * layer uses canvas). `label` is the chart's accessible name.
 */
export function draw(el: HTMLElement, option: Option, label: string, renderer: 'svg' | 'canvas' = 'svg'): Chart {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  const chart = echarts.init(el, undefined, { renderer });
  chart.setOption({
    color: palette,
    textStyle: { fontFamily: 'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', color: '#172033' },
    animationDuration: 400,
    ...option,
  });
  live.add(chart);
  observer?.observe(el);
  return chart;
}

/** Disposes every chart of the view being left. */
export function disposeAll(): void {
  for (const c of live) {
    const dom = c.getDom();
    if (dom) observer?.unobserve(dom);
    c.dispose();
  }
  live.clear();
}

/** A tooltip that is confined to the chart (small screens) and styled like the cards. */
export const tooltipBase = {
  confine: true,
  backgroundColor: '#111827',
  borderWidth: 0,
  textStyle: { color: '#f9fafb', fontSize: 13 },
  extraCssText: 'border-radius:8px;box-shadow:0 6px 20px rgba(0,0,0,.2);max-width:320px;white-space:normal;',
};

export const axisText = { color: '#5a6478', fontSize: 12 };
export const splitLine = { lineStyle: { color: '#eceff5' } };

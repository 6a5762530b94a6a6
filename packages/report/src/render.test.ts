import { describe, expect, test } from 'vitest';
import { renderDashboard } from './renderDashboard.js';
import { renderReport } from './renderReport.js';
import type { Boot, ReportData } from './types.js';

const XSS = '<img src=x onerror=alert(1)></script>';

/** The boot JSON a page hands the client. */
function boot(html: string): Boot {
  const m = /<script type="application\/json" id="footfall-boot">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no boot JSON');
  return JSON.parse(m[1]) as Boot;
}

describe('renderReport', () => {
  const data: ReportData = { generatedAt: '2026-11-22T12:00:00Z', pages: { pages: [{ path: `/${XSS}`, views: 1, sessions: 1, bounceRate: 0, exitRate: 1, avgTimeMs: null, vitals: {}, scroll: { p50Depth: null, reach: {}, samples: 0 }, rageClicks: 0, deadClicks: 0 }] } };

  test('inlines the data as JSON with < escaped, and the client bundle', () => {
    const html = renderReport(data, { title: XSS });
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    expect(html).not.toContain(XSS);
    expect(html).toContain('<title>&#60;img src=x onerror=alert(1)&#62;&#60;/script&#62;</title>');
    expect(boot(html)).toEqual({ mode: 'report', title: XSS, data });
    expect(html.length).toBeGreaterThan(300_000); // ECharts is inside
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/);
  });

  test('defaults the title', () => {
    expect(boot(renderReport({ generatedAt: 'x' })).title).toBe('Footfall report');
  });
});

describe('renderDashboard', () => {
  test('hands the client the API base (no trailing slash), token and site base', () => {
    const html = renderDashboard({ apiBase: 'https://a.example/', token: 't0k', siteBase: 'https://shop.example/' });
    expect(boot(html)).toEqual({ mode: 'dashboard', title: 'Footfall', apiBase: 'https://a.example', token: 't0k', siteBase: 'https://shop.example' });
  });

  test('defaults: same-origin API, no token', () => {
    expect(boot(renderDashboard())).toEqual({ mode: 'dashboard', title: 'Footfall', apiBase: '' });
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, waitFor } from '../../test/fakes.js';

const reporters: Record<string, (m: { name: string; value: number; rating: string }) => void> = {};
vi.mock('web-vitals', () => {
  const on = (name: string) => (cb: (m: { name: string; value: number; rating: string }) => void) => void (reporters[name] = cb);
  return { onLCP: on('LCP'), onINP: on('INP'), onCLS: on('CLS'), onFCP: on('FCP'), onTTFB: on('TTFB') };
});
const { webVitals } = await import('./vitals.js');

let stop = () => {};
afterEach(() => stop());

describe('web vitals', () => {
  it('reports LCP, INP, CLS, FCP and TTFB with ratings, and LOAD from navigation timing, unrated as the core leaves it', async () => {
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ loadEventEnd: 3100.4 } as unknown as PerformanceEntry]);
    const f = fakeClient();
    stop = f.stop;
    webVitals()(f.client);
    reporters.LCP({ name: 'LCP', value: 1234.56, rating: 'good' });
    reporters.CLS({ name: 'CLS', value: 0.123456, rating: 'needs-improvement' });
    reporters.INP({ name: 'INP', value: 520, rating: 'poor' });
    await waitFor(() => f.emitted.length === 4, 'LOAD');
    expect(f.emitted).toEqual(
      expect.arrayContaining([
        { type: 'vitals', metric: 'LCP', value: 1235, rating: 'good' },
        { type: 'vitals', metric: 'CLS', value: 0.1235, rating: 'needs-improvement' },
        { type: 'vitals', metric: 'INP', value: 520, rating: 'poor' },
        { type: 'vitals', metric: 'LOAD', value: 3100 },
      ]),
    );
    expect(Object.keys(reporters).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
  });
});

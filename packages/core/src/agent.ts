/**
 * User-agent enrichment: browser, operating system and device class, parsed by
 * ua-parser-js in the core (never in the browser bundle).
 */
import UAParser from 'ua-parser-js';
import type { Agent, DeviceClass } from './analyzer.js';

/** Every device class, widest viewport first: the values `--device` and `device=` accept. */
export const DEVICE_CLASSES: readonly DeviceClass[] = ['desktop', 'tablet', 'mobile'];

/**
 * Viewport classes (docs/metrics.md#heatmaps): `mobile` < 768 px ≤ `tablet` < 1280 px ≤ `desktop`.
 *
 * @example
 * ```ts
 * deviceOfWidth(390); // 'mobile'
 * deviceOfWidth(1280); // 'desktop'
 * ```
 */
export function deviceOfWidth(width: number): DeviceClass {
  return width < 768 ? 'mobile' : width < 1280 ? 'tablet' : 'desktop';
}

const cache = new Map<string, Agent>();
const CACHE_LIMIT = 2000;

/**
 * Parses a user agent into `{ browser, os, device }`. The device class comes from the
 * viewport width when given (the same classes heatmaps use), else from the user agent
 * (`mobile`/`tablet` when it says so, else `desktop`). Results are cached per distinct
 * user agent, so enriching millions of events costs one parse per browser build.
 *
 * @example
 * ```ts
 * parseAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1');
 * // → { browser: 'Mobile Safari', os: 'iOS', device: 'mobile' }
 * parseAgent(undefined, 1440); // → { device: 'desktop' }
 * ```
 */
export function parseAgent(ua: string | undefined, viewportWidth?: number): Agent {
  const base = ua ? parsed(ua) : { device: 'desktop' as DeviceClass };
  if (viewportWidth === undefined || !Number.isFinite(viewportWidth) || viewportWidth <= 0) return { ...base };
  return { ...base, device: deviceOfWidth(viewportWidth) };
}

function parsed(ua: string): Agent {
  let agent = cache.get(ua);
  if (agent === undefined) {
    const r = UAParser(ua);
    const type = r.device.type;
    agent = { device: type === 'mobile' || type === 'wearable' ? 'mobile' : type === 'tablet' ? 'tablet' : 'desktop' };
    if (r.browser.name) agent.browser = r.browser.name;
    if (r.os.name) agent.os = r.os.name;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(ua, agent);
  }
  return agent;
}

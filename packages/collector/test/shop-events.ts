/** Test helper: a small deterministic shop event log with return visits and cross-device logins. */
import type { FootfallEvent } from '@footfall/core';

export function shopEvents(persons = 40, start = Date.UTC(2026, 9, 1)): FootfallEvent[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const out: FootfallEvent[] = [];
  let n = 0;
  const id = () => `ev-${(n++).toString().padStart(6, '0')}`;
  for (let p = 0; p < persons; p++) {
    const devices = rand() < 0.3 ? 2 : 1;
    for (let d = 0; d < devices; d++) {
      const anonymousId = `anon-${p}-${d}`;
      let ts = start + Math.floor(rand() * 5 * 86_400_000) + d * 3 * 86_400_000;
      const url = (path: string) => `https://shop.test${path}${d === 0 && rand() < 0.5 ? '?utm_source=google&utm_medium=cpc' : ''}`;
      const ctx = { ua: d ? 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1' : 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36', vw: d ? 390 : 1440 };
      const step = () => (ts += 5_000 + Math.floor(rand() * 60_000));
      out.push({ id: id(), type: 'page', ts: step(), anonymousId, url: url('/'), ctx });
      out.push({ id: id(), type: 'click', ts: step(), anonymousId, url: 'https://shop.test/', selector: '#hero', tag: 'a', x: 100 + Math.floor(rand() * 800), y: Math.floor(rand() * 900), rx: 0.5, ry: 0.5, vw: ctx.vw, vh: 800, dh: 2400 });
      if (rand() < 0.7) out.push({ id: id(), type: 'page', ts: step(), anonymousId, url: 'https://shop.test/product/42', ctx });
      if (rand() < 0.5) out.push({ id: id(), type: 'cart', ts: step(), anonymousId, url: 'https://shop.test/product/42', action: 'add', value: 30, currency: 'EUR' });
      if (devices === 2 || rand() < 0.3) out.push({ id: id(), type: 'identify', ts: step(), anonymousId, userId: `user-${p}`, url: 'https://shop.test/login' });
      out.push({ id: id(), type: 'scroll', ts: step(), anonymousId, url: 'https://shop.test/', depth: Math.floor(rand() * 100), px: 1200, dh: 2400, vh: 800 });
      if (rand() < 0.35) {
        out.push({ id: id(), type: 'page', ts: step(), anonymousId, url: 'https://shop.test/checkout' });
        out.push({ id: id(), type: 'cart', ts: step(), anonymousId, url: 'https://shop.test/checkout', action: 'purchase', value: 30 + Math.floor(rand() * 100), currency: 'EUR', orderId: `o-${p}-${d}` });
      }
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { createJourneyModel, analyze, predict, visitorJourney, FootfallError, type FootfallEvent, type SiteModel } from './index.js';

const ev = (id: number, type: string, path: string, extra: Record<string, unknown> = {}, sessionId = 's1'): FootfallEvent =>
  ({ id: `e${id}`, type, ts: 1_000_000 + id * 1000, anonymousId: 'a1', sessionId, url: `https://shop.test${path}`, ctx: { ua: 'x', vw: 1200 }, ...extra }) as FootfallEvent;

const history: FootfallEvent[] = [];
for (let v = 0; v < 20; v++) {
  const t = v * 1e7;
  const e = (n: number, type: string, path: string, extra = {}) => ({ ...ev(n, type, path, extra), id: `h${v}-${n}`, ts: t + n * 1000, anonymousId: `v${v}`, sessionId: `s${v}` }) as FootfallEvent;
  history.push(e(1, 'page', '/'), e(2, 'page', '/product/1'));
  if (v % 2 === 0) history.push(e(3, 'cart', '/product/1', { action: 'add' }));
  if (v % 4 === 0) history.push(e(4, 'cart', '/checkout', { action: 'purchase', orderId: `o${v}` }));
}
const model: SiteModel = { version: 'v', journey: analyze(history, createJourneyModel()), funnel: ['page:/', 'page:/product/*', 'cart:add', 'cart:purchase'] };

describe('visitorJourney', () => {
  it('gives stage, funnel progress and predict of the current session', () => {
    const mine = [ev(1, 'page', '/', {}, 's0'), ev(2, 'page', '/'), ev(3, 'page', '/product/1'), ev(4, 'cart', '/product/1', { action: 'add' })];
    const j = visitorJourney(model, mine);
    expect(j.stage).toBe('decision');
    expect(j.funnel).toEqual({ steps: model.funnel, reached: 3 });
    const p = predict(model.journey, mine.slice(1));
    expect(j.conversionProbability).toBe(p.conversionProbability);
    expect(j.next).toEqual(p.next);
    expect(j.conversionProbability).toBeGreaterThan(visitorJourney(model, mine.slice(0, 2)).conversionProbability);
  });

  it('has no stage before any event and refuses what is not a model', () => {
    expect(visitorJourney(model, [])).toMatchObject({ stage: null, funnel: { reached: 0 } });
    expect(() => visitorJourney({} as SiteModel, [])).toThrow(FootfallError);
  });
});

import { describe, expect, it } from 'vitest';
import { ev } from '../test/make-events.js';
import { assertMergeEqualsOneRun } from '../test/merge-property.js';
import { createStages } from './stages.js';

describe('journey stages', () => {
  it('puts each person at the furthest stage reached', () => {
    const s = createStages();
    const cart = (p: string, sess: string, ts: number, action: string, orderId?: string) => ev('cart', p, sess, ts, '/x', { action, orderId });
    [
      ev('page', 'aware', 'a1', 0, '/'),
      ev('page', 'consider', 'c1', 0, '/'),
      ev('page', 'consider', 'c1', 1, '/about'),
      ev('page', 'product', 'p1', 0, '/product/7'),
      cart('decide', 'd1', 0, 'add'),
      cart('buyer', 'b1', 0, 'purchase', 'o1'),
      ev('page', 'buyer', 'b1', 1, '/thanks'), // same session: not a return
      cart('retained', 'r1', 0, 'purchase', 'o2'),
      ev('page', 'retained', 'r2', 5_000_000, '/'),
      cart('loyal', 'l1', 0, 'purchase', 'o3'),
      cart('loyal', 'l1', 1, 'purchase', 'o3'), // same order twice: one order
      cart('loyal', 'l2', 9_000_000, 'purchase', 'o4'),
      ev('track', 'sharer', 's1', 0, '/', { name: 'share' }),
    ].forEach((e) => s.add(e));
    expect(s.result()).toEqual({ awareness: 1, consideration: 2, decision: 2, retention: 1, advocacy: 2 });
  });

  it('is configurable', () => {
    const s = createStages({ minPages: 3, advocacy: ['track:review'] });
    s.add(ev('page', 'a', 'a1', 0, '/'));
    s.add(ev('page', 'a', 'a1', 1, '/b'));
    s.add(ev('track', 'b', 'b1', 0, '/', { name: 'review' }));
    expect(s.result()).toEqual({ awareness: 1, consideration: 0, decision: 0, retention: 0, advocacy: 1 });
  });

  it('shard-and-merge equals one run (property)', () => {
    assertMergeEqualsOneRun(createStages, (a, b) => expect(a).toEqual(b));
  });
});

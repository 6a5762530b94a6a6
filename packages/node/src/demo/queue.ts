/** A min-heap of events by (ts, sequence): merges overlapping sessions into global time order. */
import type { FootfallEvent } from '@footfall/core';

export interface EventQueue {
  push(event: FootfallEvent): void;
  /** The earliest event's ts, or Infinity when empty. */
  peekTs(): number;
  pop(): FootfallEvent | undefined;
  readonly size: number;
}

export function createEventQueue(): EventQueue {
  const heap: { ts: number; seq: number; event: FootfallEvent }[] = [];
  let seq = 0;
  const less = (i: number, j: number) => heap[i].ts < heap[j].ts || (heap[i].ts === heap[j].ts && heap[i].seq < heap[j].seq);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  return {
    push(event) {
      heap.push({ ts: event.ts, seq: seq++, event });
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!less(i, p)) break;
        swap(i, p);
        i = p;
      }
    },
    peekTs: () => (heap.length ? heap[0].ts : Infinity),
    pop() {
      if (!heap.length) return undefined;
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1, r = l + 1;
          let m = i;
          if (l < heap.length && less(l, m)) m = l;
          if (r < heap.length && less(r, m)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
      return top.event;
    },
    get size() {
      return heap.length;
    },
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSet, idTablesOverlap, recentIdWindow } from './dedupe.js';

describe('idSet', () => {
  it('says true the first time an id is seen and false for repeats', () => {
    const d = idSet();
    expect(['a', 'b', 'a', 'c', 'b'].map((id) => d.first(id))).toEqual([true, true, false, true, false]);
    expect(d.size).toBe(3);
  });
  it('keeps every one of 200,000 distinct ids apart while it grows, and knows them all after', () => {
    const d = idSet();
    let fresh = 0;
    for (let i = 0; i < 200_000; i++) if (d.first(`evt-${i.toString(36)}-${i % 7}`)) fresh++;
    expect(fresh).toBe(200_000);
    let repeats = 0;
    for (let i = 0; i < 200_000; i++) if (!d.first(`evt-${i.toString(36)}-${i % 7}`)) repeats++;
    expect(repeats).toBe(200_000);
  });
  it('treats the empty id and near-identical ids as different ids', () => {
    const d = idSet();
    expect(['', 'a', 'A', 'ab', 'ba', 'a\u0000'].map((id) => d.first(id))).toEqual([true, true, true, true, true, true]);
  });
  it('idTablesOverlap tells whether sets filled apart share an id, whatever their sizes', () => {
    const sets = [idSet(), idSet(), idSet()];
    for (let i = 0; i < 30_000; i++) sets[i % 3].first(`e${i}`);
    sets[2].first('only-here');
    expect(idTablesOverlap(sets.map((s) => s.table()))).toBe(false);
    sets[0].first('only-here');
    expect(idTablesOverlap(sets.map((s) => s.table()))).toBe(true);
    const small = idSet();
    small.first('e29999');
    expect(idTablesOverlap([small.table(), sets[1].table()])).toBe(false);
    expect(idTablesOverlap([sets[2].table(), small.table()])).toBe(true);
  });
});

describe('idSet firstOfEach', () => {
  it('answers as first one id at a time, repeats within one call included, across growth (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 80 }), { maxLength: 40 }), (calls) => {
        const one = idSet();
        const many = idSet();
        for (const ids of calls) {
          const out = new Uint8Array(ids.length);
          many.firstOfEach(ids, ids.length, out);
          expect([...out]).toEqual(ids.map((id) => (one.first(id) ? 1 : 0)));
        }
        expect(many.size).toBe(one.size);
        expect(idTablesOverlap([many.table(), one.table()])).toBe(one.size > 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('recentIdWindow', () => {
  /** The reference: the last `max` ids added (an id already there is not added again), minus deleted ones. */
  function model(max: number) {
    const ring: (string | undefined)[] = [];
    const live = new Set<string>();
    return {
      has: (id: string) => live.has(id),
      add(id: string) {
        if (max === 0 || live.has(id)) return;
        // The oldest leaves first (as the window, and the Set it replaced): evicting an id deleted and added again since forgets the newer copy too.
        if (ring.length === max) live.delete(ring.shift()!);
        ring.push(id);
        live.add(id);
      },
      delete: (id: string) => void live.delete(id),
    };
  }

  it('answers as the last max ids added, with deletes, across rebuilds (property)', () => {
    const op = fc.tuple(fc.constantFrom('add', 'add', 'add', 'has', 'delete'), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(op, { maxLength: 400 }), fc.tuple(fc.nat(), fc.nat()), (max, ops, seed) => {
        const w = recentIdWindow(max, seed);
        const m = model(max);
        for (const [kind, id] of ops) {
          if (kind === 'has') expect(w.has(id)).toBe(m.has(id));
          else w[kind](id), m[kind](id);
        }
        for (const [, id] of ops) expect(w.has(id)).toBe(m.has(id));
      }),
      { numRuns: 2000 },
    );
  });

  it('forgets the oldest before it adds: an id deleted and added again as the window turns stays', () => {
    const w = recentIdWindow(2, [0, 0]);
    w.add('a');
    w.delete('a');
    w.add('b');
    w.add('a');
    expect([w.has('a'), w.has('b')]).toEqual([true, true]);
  });

  it('holds 200,000 ids in a few MB, the oldest forgotten first', () => {
    const w = recentIdWindow(200_000);
    for (let i = 0; i < 450_000; i++) w.add(`evt-${i}`);
    expect(w.has('evt-249999')).toBe(false);
    expect(w.has('evt-250000')).toBe(true);
    expect(w.has('evt-449999')).toBe(true);
  });
});

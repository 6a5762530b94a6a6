import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSet, idTablesOverlap } from './dedupe.js';

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

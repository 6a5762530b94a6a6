import { describe, expect, it } from 'vitest';
import { FootfallError } from './errors.js';
import { createFunnel } from './funnel.js';
import { parseState, stateMessage } from './parse-state.js';

type Persons = { key: string; persons: Record<string, { a: unknown[] } | 0> };

describe('parseState', () => {
  const funnel = () => createFunnel({ steps: ['page:/', 'cart:purchase'] });
  // `__proto__` as a key of the text: an object literal would set the prototype instead.
  const text = JSON.stringify({ ...funnel().state, persons: { constructor: 0, p1: { a: [null, null], l: 0, t: null, d: [] } } }).replace('"constructor":0', '"constructor":0,"__proto__":0');

  it('reads a state whose objects are all null-prototype, data keys own, which merge takes over as it is', () => {
    const state = parseState<Persons>(text);
    expect(Object.getPrototypeOf(state)).toBe(null);
    expect(Object.getPrototypeOf(state.persons)).toBe(null);
    expect(Object.getPrototypeOf(state.persons.p1)).toBe(null);
    expect(Object.keys(state.persons)).toEqual(['constructor', '__proto__', 'p1']);
    expect(Array.isArray((state.persons.p1 as { a: unknown[] }).a)).toBe(true);
    const a = funnel();
    a.merge(state as never);
    expect((a.state as unknown as Persons).persons.p1).toBe(state.persons.p1);
    expect(a.result().persons).toBe(3);
  });

  it('refuses a second merge of one parsed state (the first took it over), and text that is no state', () => {
    const state = parseState(text);
    funnel().merge(state as never);
    const again = (() => {
      try {
        funnel().merge(state as never);
      } catch (e) {
        return e;
      }
    })() as FootfallError;
    expect(again).toBeInstanceOf(FootfallError);
    expect(again.code).toBe('MERGE_MISMATCH');
    for (const bad of ['{', 'null', '"x"', '[]', '{"persons":{}}']) expect(() => parseState(bad)).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    // A state of other options is merge's to refuse.
    expect(() => createFunnel({ steps: ['page:/x'] }).merge(parseState(text) as never)).toThrow(expect.objectContaining({ code: 'MERGE_MISMATCH' }));
  });

  it('walks any depth without a stack', () => {
    expect(() => parseState(`{"key":"k","deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).not.toThrow();
  });
});

describe('stateMessage', () => {
  it('sends a state as JSON text that parseState reads back, or the state itself when no string can hold it', () => {
    const f = createFunnel({ steps: ['page:/', 'cart:purchase'] });
    const sent = stateMessage(f.state);
    expect(typeof sent).toBe('string');
    expect(parseState(sent as string)).toEqual(JSON.parse(JSON.stringify(f.state)));
    // What JSON.stringify throws past V8's longest string.
    const huge = { key: 'k', toJSON: () => { throw new RangeError('Invalid string length'); } };
    expect(stateMessage(huge)).toBe(huge);
    expect(() => stateMessage({ key: 'k', n: 1n })).toThrow(TypeError);
  });
});

// The built script tag keeps what its build settings assume (docs/internals.md#build-test-layout):
// it runs without "use strict", so its minified code must not declare a function inside a
// block, read `arguments` or use `this` beyond the wrapped history methods; it holds no
// test-only code (`__TEST__` is false in builds) and loads the IndexedDB queue as a chunk.
import { readFileSync } from 'node:fs';
import { parseAst } from 'rollup/parseAst';
import { expect, it } from 'vitest';

const script = readFileSync(new URL('../packages/browser/dist/footfall.js', import.meta.url), 'utf8');

type Node = { type: string; [k: string]: unknown };

it('the built script tag is safe without "use strict": no function declared in a block, no arguments, one this', () => {
  expect(script).not.toContain('use strict');
  let blockFunctions = 0;
  let thisUses = 0;
  let argumentsUses = 0;
  const bodies = new Set<unknown>(); // function bodies: a declaration there is not in a block
  const walk = (node: Node, parent?: Node) => {
    if (/Function/.test(node.type)) bodies.add(node.body);
    if (node.type === 'FunctionDeclaration' && parent?.type === 'BlockStatement' && !bodies.has(parent)) blockFunctions++;
    if (node.type === 'ThisExpression') thisUses++;
    if (node.type === 'Identifier' && node.name === 'arguments') argumentsUses++;
    for (const value of Object.values(node))
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === 'object' && typeof (child as Node).type === 'string') walk(child as Node, node);
  };
  walk(parseAst(script) as unknown as Node);
  expect({ blockFunctions, argumentsUses, thisUses }).toEqual({ blockFunctions: 0, argumentsUses: 0, thisUses: 1 });
});

it('the built script tag has no test-only code and takes its IndexedDB queue from the queue chunk', () => {
  expect(script).not.toContain('removeEventListener'); // the client's teardown (`_stop`) is the tests'
  expect(script).not.toContain('indexedDB');
  expect(readFileSync(new URL('../packages/browser/dist/footfall-queue.js', import.meta.url), 'utf8')).toContain('indexedDB');
});

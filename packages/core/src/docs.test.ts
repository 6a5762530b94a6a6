/** Runs every `js` block of docs/core.md and checks what it prints against its `// →` comments. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as node from '@footfall/node';
import * as core from './index.js';

const modules: Record<string, unknown> = { '@footfall/core': core, '@footfall/node': node };
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<void>;

const doc = readFileSync(new URL('../../../docs/core.md', import.meta.url), 'utf8');
const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/core.md examples', () => {
  it('has runnable examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  it.each(blocks.map((code, i) => [i + 1, code] as const))('example %i prints what its comments say', async (_i, code) => {
    const body = code.replace(/^import \{([^}]+)\} from '([^']+)';$/gm, (_m, names: string, from: string) => {
      if (!(from in modules)) throw new Error(`docs import an unknown module ${from}`);
      return `const {${names}} = modules['${from}'];`;
    });
    const printed: string[] = [];
    await new AsyncFunction('modules', 'console', body)(modules, { log: (v: unknown) => printed.push(JSON.stringify(v)) });
    expect(printed).toEqual([...code.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]));
  });
});

/** Sending an analyzer's state as JSON text (to another thread, process or file) and reading it back for `merge`. */
import { FootfallError } from './errors.js';
import { adoptState, type KeyedState } from './lib/define-analyzer.js';

/**
 * An analyzer state from its JSON text, ready for `merge`: its objects are made null-prototype
 * where they lie (data keys such as `constructor` then read nothing inherited), and the next
 * `merge` of it takes it over as it is, where `merge` copies any other state it is given (a
 * copy of a large state cost about three times this). Merge it once: a second `merge` of the
 * same parsed state throws `MERGE_MISMATCH` (parse the text again instead). Throws
 * `INPUT_UNREADABLE` when the text is not JSON of an object with a string `key`; a state of
 * other options is refused by `merge` (`MERGE_MISMATCH`).
 *
 * @example
 * ```ts
 * import { createFunnel, parseState } from '@footfall/core';
 * const funnel = createFunnel({ steps: ['page:/', 'cart:purchase'] });
 * funnel.merge(parseState<typeof funnel.state>(textFromAWorker));
 * ```
 */
export function parseState<S extends KeyedState = KeyedState>(text: string): S {
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    throw new FootfallError('INPUT_UNREADABLE', `an analyzer state must be JSON (${(error as Error).message}): pass the text of JSON.stringify(analyzer.state)`);
  }
  if (typeof state !== 'object' || state === null || Array.isArray(state) || typeof (state as { key?: unknown }).key !== 'string') {
    throw new FootfallError('INPUT_UNREADABLE', 'an analyzer state is a JSON object with a string "key": pass the text of JSON.stringify(analyzer.state)');
  }
  // Iterative: however deep the text nests, there is no stack to overflow.
  const stack: unknown[] = [state];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push(v[i]);
      continue;
    }
    Object.setPrototypeOf(v, null);
    for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
  }
  adoptState(state as KeyedState);
  return state as S;
}

/**
 * What to send an analyzer's state as to another thread: its JSON text, which the receiver
 * reads with `parseState` (faster to read than structured clone, and merged without a copy), or
 * the state itself when it is too large for one string (V8 allows about 2^29 characters), to go
 * by structured clone and be copied by `merge` as any other state. The receiver tells them
 * apart by type: `typeof sent === 'string' ? parseState(sent) : sent`.
 *
 * @example
 * ```ts
 * parentPort.postMessage({ state: stateMessage(funnel.state) });
 * ```
 */
export function stateMessage<S>(state: S): string | S {
  try {
    return JSON.stringify(state);
  } catch (error) {
    if (error instanceof RangeError) return state;
    throw error;
  }
}

/** Small helpers shared by every module: ids, idle scheduling, never-throw wrappers, debug warnings. */

/** Debug warnings are on (option `debug`). */
export let debugOn = false;
const warned = new Set<string>();

/** Turns debug warnings on or off (option `debug`). */
export function setDebug(on: boolean | undefined): void {
  debugOn = !!on;
}

/** Prints a debug warning once per message, only when `debug` is on. Never throws. */
export function warn(message: string): void {
  if (!debugOn || warned.has(message)) return;
  warned.add(message);
  try {
    console.warn('[footfall] ' + message);
  } catch {
    /* a host page may replace console */
  }
}

/** Wraps a function so it never throws into the host page; errors become debug warnings. */
export function safe<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      warn(String(e));
      return undefined;
    }
  };
}

/** A random UUID v4: `crypto.randomUUID`, else `getRandomValues`, else `Math.random`. */
export function uuid(): string {
  try {
    return crypto.randomUUID();
  } catch {
    // Outside secure contexts randomUUID is missing; getRandomValues is not.
    return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
      (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+c / 4)))).toString(16),
    );
  }
}

/** Runs `fn` when the browser is idle (requestIdleCallback, else a short timeout). */
export function idle(fn: () => void): void {
  const ric = (globalThis as { requestIdleCallback?: (f: () => void, o: { timeout: number }) => number }).requestIdleCallback;
  if (ric) ric(fn, { timeout: 1000 });
  else setTimeout(fn, 1);
}

/** The document's full height in CSS px. */
export function docHeight(): number {
  const b = document.body;
  return Math.max(document.documentElement.scrollHeight, b ? b.scrollHeight : 0);
}

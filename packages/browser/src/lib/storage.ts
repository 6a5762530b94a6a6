/**
 * Persistent key/value state in localStorage (never cookies), with an in-memory
 * copy. While consent is pending or denied nothing is written to the device:
 * values live in memory and are written once consent is granted.
 */

const PREFIX = 'footfall.';
let memory: Record<string, string> = {};
let persist = true;

function ls(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** Reads a value, from the device when it is there (other tabs share it), else from memory. */
export function load(key: string): string | null {
  try {
    const v = ls()?.getItem(PREFIX + key);
    if (v != null) return v;
  } catch {
    /* storage blocked */
  }
  return memory[key] ?? null;
}

/** Writes (or with `null` removes) a value; `force` writes to the device even before consent. */
export function save(key: string, value: string | null, force?: boolean): void {
  if (value == null) delete memory[key];
  else memory[key] = value;
  if (!persist && !force) return;
  try {
    const s = ls();
    if (value == null) s?.removeItem(PREFIX + key);
    else s?.setItem(PREFIX + key, value);
  } catch {
    /* quota or blocked: memory keeps it */
  }
}

/** Allows or forbids writing to the device; allowing writes what memory holds. */
export function setPersist(on: boolean): void {
  persist = on;
  if (on) for (const k of Object.keys(memory)) save(k, memory[k]);
}

/** Forgets the in-memory copy (tests). */
export function clearMemory(): void {
  memory = {};
}

/**
 * Reading the two keys that place an event on its person (`anonymousId`, `userId`) from the
 * bytes of an NDJSON line without parsing it: enough to send the line to its person's shard,
 * or to see that it cannot teach a new identity link, before anyone pays for decoding and
 * `JSON.parse`. Exact for every line JSON can parse: the top-level keys only (nested objects
 * and arrays are not the event's), a repeated key's last value wins. When a key, or one of those
 * two values, holds an escape, or the line is not a well-formed object, it gives up and the
 * caller parses the line instead.
 */

/**
 * Where the placing keys' string values lie in the line's buffer, without their quotes:
 * `[anonymousFrom, anonymousTo)` and `[userFrom, userTo)`. A `from` of -1 means the line has
 * no such key, or a value that is not a string.
 */
export interface LineKeys {
  anonymousFrom: number;
  anonymousTo: number;
  userFrom: number;
  userTo: number;
}

/** Keys with no placing key found. */
export const noLineKeys = (): LineKeys => ({ anonymousFrom: -1, anonymousTo: -1, userFrom: -1, userTo: -1 });

const QUOTE = 34;
const BACKSLASH = 92;
const ANONYMOUS_ID = Buffer.from('anonymousId');
const USER_ID = Buffer.from('userId');

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end && isSpace(b[i])) i++;
  return i;
}

/** Index of the quote closing the string whose content starts at `i`, or `end`; `escape.seen` tells whether a backslash came first. */
function closingQuote(b: Buffer, i: number, end: number, escape: { seen: boolean }): number {
  escape.seen = false;
  for (; i < end; i++) {
    const c = b[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH) (escape.seen = true), i++;
  }
  return end;
}

const sameBytes = (b: Buffer, at: number, word: Buffer) => {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
};

const escape = { seen: false };

/** Index after a leading byte-order mark and spaces: where the line's `{` must be. */
function bodyStart(b: Buffer, start: number, end: number): number {
  let i = start;
  if (end - i >= 3 && b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) i += 3;
  return skipSpace(b, i, end);
}

/**
 * Fills `out` with where the top-level `anonymousId` and `userId` strings of the line
 * `b[start..end)` lie and returns true; returns false when the line needs `JSON.parse` to tell.
 * Walks the whole object, byte by byte, as `JSON.parse` would. A leading byte-order mark is
 * skipped, as `parseEventLine` does.
 */
export function readLineKeys(b: Buffer, start: number, end: number, out: LineKeys): boolean {
  out.anonymousFrom = out.anonymousTo = out.userFrom = out.userTo = -1;
  let i = bodyStart(b, start, end);
  if (b[i] !== 123 || i >= end) return false;
  i = skipSpace(b, i + 1, end);
  if (i < end && b[i] === 125) return skipSpace(b, i + 1, end) === end;
  for (;;) {
    if (i >= end || b[i] !== QUOTE) return false;
    const keyStart = i + 1;
    const keyEnd = closingQuote(b, keyStart, end, escape);
    // An escaped key might spell a placing key: only JSON.parse can tell.
    if (keyEnd >= end || escape.seen) return false;
    const length = keyEnd - keyStart;
    // Which placing key this is, if any: 1 anonymousId, 2 userId.
    const which = length === 11 && sameBytes(b, keyStart, ANONYMOUS_ID) ? 1 : length === 6 && sameBytes(b, keyStart, USER_ID) ? 2 : 0;
    i = skipSpace(b, keyEnd + 1, end);
    if (i >= end || b[i] !== 58) return false;
    i = skipSpace(b, i + 1, end);
    if (i >= end) return false;
    const c = b[i];
    let from = -1;
    let to = -1;
    if (c === QUOTE) {
      const close = closingQuote(b, i + 1, end, escape);
      if (close >= end) return false;
      if (which !== 0) {
        if (escape.seen) return false;
        (from = i + 1), (to = close);
      }
      i = close + 1;
    } else if (c === 123 || c === 91) {
      let depth = 0;
      for (; i < end; i++) {
        const d = b[i];
        if (d === QUOTE) i = closingQuote(b, i + 1, end, escape);
        else if (d === 123 || d === 91) depth++;
        else if ((d === 125 || d === 93) && --depth === 0) break;
      }
      if (i >= end) return false;
      i++;
    } else {
      const at = i;
      while (i < end && b[i] !== 44 && b[i] !== 125 && b[i] !== 93 && !isSpace(b[i])) i++;
      if (i === at) return false;
    }
    // A repeated key's last value wins, as in JSON.parse (a non-string one leaves no string).
    if (which === 1) (out.anonymousFrom = from), (out.anonymousTo = to);
    else if (which === 2) (out.userFrom = from), (out.userTo = to);
    i = skipSpace(b, i, end);
    if (i >= end) return false;
    if (b[i] === 125) return skipSpace(b, i + 1, end) === end;
    if (b[i] !== 44) return false;
    i = skipSpace(b, i + 1, end);
  }
}

/** Reads lines' keys as `readLineKeys` does, mostly by native byte searches: see `lineKeyReader`. */
export interface LineKeyReader {
  /** As `readLineKeys`; the lines of one buffer must come in order (buffers may alternate). */
  read(b: Buffer, start: number, end: number, out: LineKeys): boolean;
}

/** The next occurrence of each byte the fast path looks for, at or after where the last search started. */
interface Cursors {
  buffer: Buffer;
  /** Indexed by `NEXT_*`. */
  next: number[];
}

/** Backslash, `{`, `[`, and `I`: the one capital of `"anonymousId"` and `"userId"` (a one-byte search is several times cheaper than a word search). */
const NEEDLES = [BACKSLASH, 123, 91, 73];
const [NEXT_BACKSLASH, NEXT_BRACE, NEXT_BRACKET, NEXT_I] = [0, 1, 2, 3];
const ANONYMOUS_KEY = Buffer.from('"anonymousId"');
const USER_KEY = Buffer.from('"userId"');

/**
 * Creates a key reader that gives the same answers as `readLineKeys` at a fraction of its cost
 * on the common line: one without a backslash whose placing keys come before its first nested
 * object or array. For such a line every `"` delimits a string, so a `"anonymousId"` followed by
 * `:` is that key, at the top level when no `{` or `[` comes before it; its value is found by
 * the next quotes. The byte searches run natively (`Buffer.indexOf`) and, per buffer, each
 * byte's next occurrence is remembered until a line passes it, so a buffer is searched about
 * once per byte. Any other line is walked by `readLineKeys`.
 */
export function lineKeyReader(): LineKeyReader {
  let current: Cursors | undefined;
  const byBuffer = new WeakMap<Buffer, Cursors>();
  /** The first occurrence of byte `k` at or after `from` (`from` never decreases per buffer), or the buffer's length. */
  const next = (c: Cursors, k: number, from: number): number => {
    const at = c.next[k];
    if (at >= from) return at;
    const found = c.buffer.indexOf(NEEDLES[k], from);
    return (c.next[k] = found < 0 ? c.buffer.length : found);
  };
  /** Fills `out` from the line's top-level keys before `nested`; false when a key comes later and the walk must decide. */
  const keys = (c: Cursors, open: number, end: number, nested: number, out: LineKeys): boolean => {
    const b = c.buffer;
    out.anonymousFrom = out.anonymousTo = out.userFrom = out.userTo = -1;
    for (let at = next(c, NEXT_I, open); at < end; at = next(c, NEXT_I, at + 1)) {
      // Which key this `I` may end: `"anonymousId"` (I at 10 of 13) or `"userId"` (I at 5 of 8).
      const which = sameBytes(b, at - 10, ANONYMOUS_KEY) ? 1 : sameBytes(b, at - 5, USER_KEY) ? 2 : 0;
      if (which === 0) continue;
      let i = skipSpace(b, at + 3, end);
      // Not followed by `:`: a string value that happens to spell the key, not a key.
      if (i >= end || b[i] !== 58) continue;
      if (at > nested) return false;
      i = skipSpace(b, i + 1, end);
      let from = -1;
      let to = -1;
      if (i < end && b[i] === QUOTE) {
        const close = b.indexOf(QUOTE, i + 1);
        if (close < 0 || close >= end) return false;
        (from = i + 1), (to = close);
      }
      // A repeated key's last value wins, as in JSON.parse.
      if (which === 1) (out.anonymousFrom = from), (out.anonymousTo = to);
      else (out.userFrom = from), (out.userTo = to);
    }
    return true;
  };
  return {
    read(b, start, end, out) {
      if (current?.buffer !== b) {
        current = byBuffer.get(b);
        if (current === undefined) byBuffer.set(b, (current = { buffer: b, next: NEEDLES.map(() => -1) }));
      }
      const c = current;
      const open = bodyStart(b, start, end);
      if (open >= end || b[open] !== 123 || next(c, NEXT_BACKSLASH, start) < end) return readLineKeys(b, start, end, out);
      const nested = Math.min(next(c, NEXT_BRACE, open + 1), next(c, NEXT_BRACKET, open + 1));
      return keys(c, open, end, nested, out) || readLineKeys(b, start, end, out);
    },
  };
}

/**
 * Reading the three keys that place an event (`id`, `anonymousId`, `userId`) from the bytes of
 * an NDJSON line without parsing it: enough to send the line to its person's shard before
 * anyone pays for decoding and `JSON.parse`. Exact for every line JSON can parse: it walks the
 * top-level object as `JSON.parse` would (nested objects and arrays skipped, a repeated key's
 * last value wins). When a key, or one of those three values, holds an escape, or the line is
 * not a well-formed object, it gives up and the caller parses the line instead.
 */

/** The placing keys of one line; `undefined` where the line has no such key or a non-string value. */
export interface LineKeys {
  id: string | undefined;
  anonymousId: string | undefined;
  userId: string | undefined;
}

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

/**
 * Fills `out` with the top-level `id`, `anonymousId` and `userId` strings of the line
 * `b[start..end)` and returns true; returns false when the line needs `JSON.parse` to tell.
 * A leading byte-order mark is skipped, as `parseEventLine` does.
 */
export function readLineKeys(b: Buffer, start: number, end: number, out: LineKeys): boolean {
  out.id = out.anonymousId = out.userId = undefined;
  let i = start;
  if (end - i >= 3 && b[i] === 0xef && b[i + 1] === 0xbb && b[i + 2] === 0xbf) i += 3;
  i = skipSpace(b, i, end);
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
    // Which placing key this is, if any: 1 id, 2 anonymousId, 3 userId.
    const which =
      length === 2 && b[keyStart] === 105 && b[keyStart + 1] === 100 ? 1
      : length === 11 && sameBytes(b, keyStart, ANONYMOUS_ID) ? 2
      : length === 6 && sameBytes(b, keyStart, USER_ID) ? 3
      : 0;
    i = skipSpace(b, keyEnd + 1, end);
    if (i >= end || b[i] !== 58) return false;
    i = skipSpace(b, i + 1, end);
    if (i >= end) return false;
    const c = b[i];
    let value: string | undefined;
    if (c === QUOTE) {
      const close = closingQuote(b, i + 1, end, escape);
      if (close >= end) return false;
      if (which !== 0) {
        if (escape.seen) return false;
        value = b.toString('utf8', i + 1, close);
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
      const from = i;
      while (i < end && b[i] !== 44 && b[i] !== 125 && b[i] !== 93 && !isSpace(b[i])) i++;
      if (i === from) return false;
    }
    // A repeated key's last value wins, as in JSON.parse (a non-string one leaves no string).
    if (which === 1) out.id = value;
    else if (which === 2) out.anonymousId = value;
    else if (which === 3) out.userId = value;
    i = skipSpace(b, i, end);
    if (i >= end) return false;
    if (b[i] === 125) return skipSpace(b, i + 1, end) === end;
    if (b[i] !== 44) return false;
    i = skipSpace(b, i + 1, end);
  }
}

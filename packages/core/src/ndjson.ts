/**
 * NDJSON parsing that runs anywhere: split text chunks into lines, parse one line into a
 * validated event or a reason it is not one.
 */
import { LIMITS, validateWithin, type FootfallEvent } from './events.js';

/** One parsed line: the event, or why the line is not a valid event. */
export type ParsedLine = { ok: true; event: FootfallEvent } | { ok: false; reason: string; code: 'INPUT_UNREADABLE' | 'INVALID_EVENT' };

/**
 * Parses one NDJSON line. Blank lines give `undefined`. A line that is not JSON gives
 * `INPUT_UNREADABLE`, valid JSON that is not a valid event gives `INVALID_EVENT`; the
 * reason lists every problem with its path (`x: expected number, got "12"`).
 *
 * @example
 * ```ts
 * parseEventLine('{"id":"e1","type":"page","ts":1,"anonymousId":"a","url":"/"}'); // → { ok: true, event: {...} }
 * parseEventLine('{"id":1}'); // → { ok: false, code: 'INVALID_EVENT', reason: 'type: expected one of …' }
 * ```
 */
export function parseEventLine(line: string): ParsedLine | undefined {
  const text = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'INPUT_UNREADABLE', reason: `not JSON (${(error as Error).message})` };
  }
  const r = validateWithin(value, '', {}, textWithinBounds(text));
  return r.ok ? { ok: true, event: r.value } : { ok: false, code: 'INVALID_EVENT', reason: r.errors.join('; ') };
}

/**
 * Whether the value a JSON text parses to is certainly within `LIMITS.depth` and
 * `LIMITS.eventBytes`, read from the text alone (docs/internals.md#reading-lines): the size
 * bound counts at most 24 per character of the text (a number, `true`, `false` or `null` at its
 * longest; a string or key never more than its quoted text), and a value nests no deeper than its
 * text has `{` and `[`, even counting those inside strings. False only means "measure it".
 */
function textWithinBounds(text: string): boolean {
  if (text.length * 24 > LIMITS.eventBytes) return false;
  let brackets = 0;
  for (let i = text.indexOf('{'); i >= 0 && brackets <= LIMITS.depth; i = text.indexOf('{', i + 1)) brackets++;
  for (let i = text.indexOf('['); i >= 0 && brackets <= LIMITS.depth; i = text.indexOf('[', i + 1)) brackets++;
  return brackets <= LIMITS.depth;
}

/**
 * Splits a stream of text chunks into lines (`\n` or `\r\n`), holding at most one
 * partial line in memory. The last line need not end with a newline.
 *
 * @example
 * ```ts
 * for await (const line of splitLines(response.body.pipeThrough(new TextDecoderStream()))) handle(line);
 * ```
 */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string, void, undefined> {
  let rest = '';
  for await (const chunk of chunks) {
    let start = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      rest += chunk;
      continue;
    }
    let head = rest + chunk.slice(0, nl);
    rest = '';
    for (;;) {
      yield head.endsWith('\r') ? head.slice(0, -1) : head;
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      head = chunk.slice(start, nl);
    }
    rest = chunk.slice(start);
  }
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

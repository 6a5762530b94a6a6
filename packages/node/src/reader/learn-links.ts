/**
 * Pass 1 of reading a file: the identity links (docs/metrics.md#identity-and-sessions) come only
 * from events that carry a `userId`, so only lines that can hold that key are parsed. A line
 * holds the key `userId` only if its bytes spell `userId`, or spell it with a `\uXXXX`
 * escape; every line with either byte sequence is parsed and checked exactly as pass 2 does,
 * every other line is skipped unread. Bad lines are left for pass 2 to report.
 */
import { parseEventLine, type FootfallEvent } from '@footfall/core';
import { fileChunks } from './file-chunks.js';

const USER_ID = Buffer.from('userId');
const ESCAPE = Buffer.from('\\u');

/** Index of `needle` in `chunk` at or after `from`, or `chunk.length` when absent. */
const find = (chunk: Buffer, needle: Buffer, from: number) => {
  const i = chunk.indexOf(needle, from);
  return i < 0 ? chunk.length : i;
};

/**
 * Calls `learn` with every valid event of the files, in order, that carries a `userId`
 * (and possibly some that do not). `onBytes` gets the bytes read so far, for progress.
 */
export async function learnLinks(files: readonly { path: string; label: string }[], learn: (event: FootfallEvent) => void, onBytes?: (bytes: number) => void): Promise<void> {
  let bytes = 0;
  for (const file of files) {
    for await (const chunk of fileChunks(file.path, file.label)) {
      let nextUser = find(chunk, USER_ID, 0);
      let nextEscape = find(chunk, ESCAPE, 0);
      for (;;) {
        const hit = Math.min(nextUser, nextEscape);
        if (hit >= chunk.length) break;
        const start = chunk.lastIndexOf(10, hit) + 1;
        let end = chunk.indexOf(10, hit);
        if (end < 0) end = chunk.length;
        const parsed = parseEventLine(chunk.toString('utf8', start, end > start && chunk[end - 1] === 13 ? end - 1 : end));
        if (parsed?.ok) learn(parsed.event);
        if (nextUser <= end) nextUser = find(chunk, USER_ID, end + 1);
        if (nextEscape <= end) nextEscape = find(chunk, ESCAPE, end + 1);
      }
      bytes += chunk.length;
      onBytes?.(bytes);
    }
  }
}

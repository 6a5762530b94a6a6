/**
 * Pass 1 of reading a file: the identity links (docs/metrics.md#identity-and-sessions) come only
 * from valid events that carry both a `userId` and an `anonymousId`, and the first link of an
 * anonymous id wins. So only lines whose bytes spell `userId` (or hold a `\u` escape, which
 * could spell it) are looked at; of those, only a line whose top-level keys (`lineKeyReader`)
 * pair a non-empty `userId` with an anonymous id not linked yet is parsed and checked, exactly
 * as pass 2 does. Every other line is skipped unparsed. Bad lines are left for pass 2 to report.
 */
import { identityLinks, parseEventLine, type FootfallEvent } from '@footfall/core';
import { fileChunks } from './file-chunks.js';
import { lineKeyReader, noLineKeys, type LineKeys } from './line-keys.js';

const USER_ID = Buffer.from('userId');
const ESCAPE = Buffer.from('\\u');

/** Index of `needle` in `chunk` at or after `from`, or `chunk.length` when absent. */
const find = (chunk: Buffer, needle: Buffer, from: number) => {
  const i = chunk.indexOf(needle, from);
  return i < 0 ? chunk.length : i;
};

/**
 * The events of the files that made an identity link, in file order: all a reader needs to learn
 * the same links (`Identity.learn` each). `onBytes` gets the bytes read so far, for progress.
 */
export async function learnLinks(files: readonly { path: string; label: string }[], onBytes?: (bytes: number) => void): Promise<FootfallEvent[]> {
  const identity = identityLinks();
  const links: FootfallEvent[] = [];
  const reader = lineKeyReader();
  const keys = noLineKeys();
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
        const stop = end > start && chunk[end - 1] === 13 ? end - 1 : end;
        if (!reader.read(chunk, start, stop, keys) || canLink(chunk, keys, identity.linkOf)) {
          const parsed = parseEventLine(chunk.toString('utf8', start, stop));
          if (parsed?.ok) {
            const before = identity.size;
            identity.learn(parsed.event);
            if (identity.size > before) links.push(parsed.event);
          }
        }
        if (nextUser <= end) nextUser = find(chunk, USER_ID, end + 1);
        if (nextEscape <= end) nextEscape = find(chunk, ESCAPE, end + 1);
      }
      bytes += chunk.length;
      onBytes?.(bytes);
    }
  }
  return links;
}

/** Whether a line with these keys could teach a new link: a non-empty `userId` and a non-empty anonymous id not linked yet. */
function canLink(chunk: Buffer, keys: LineKeys, linkOf: (anonymousId: string) => string | undefined): boolean {
  if (keys.userFrom < 0 || keys.userTo === keys.userFrom || keys.anonymousFrom < 0 || keys.anonymousTo === keys.anonymousFrom) return false;
  return linkOf(chunk.toString('utf8', keys.anonymousFrom, keys.anonymousTo)) === undefined;
}

/** Standard input can be read once: the first pass copies it to a temporary file that later passes read. */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const copies = new WeakMap<object, Promise<string>>();

/** The path of a file holding everything `stdin` gives; copied on the first call, reused after. */
export function stdinCopy(stdin: NodeJS.ReadableStream): Promise<string> {
  let copy = copies.get(stdin);
  if (copy === undefined) {
    copy = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'footfall-stdin-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, 'stdin.ndjson');
      await pipeline(stdin, createWriteStream(path));
      return path;
    })();
    copies.set(stdin, copy);
  }
  return copy;
}

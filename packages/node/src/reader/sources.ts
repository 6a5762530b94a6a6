/** Resolving an input (file, `.ndjson.gz`, folder, `-`) into the files to read, in order. */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { FootfallError } from '@footfall/core';

/** A source of NDJSON: a file (`path` to open, `label` as the user named it) or standard input. */
export type Source = { kind: 'file'; path: string; label: string } | { kind: 'stdin' };

const NDJSON = /\.(ndjson|jsonl)(\.gz)?$/i;

/** Expands inputs: `-` is stdin, a folder gives its `.ndjson`/`.ndjson.gz` files (recursively, sorted), a file is itself. */
export async function resolveSources(inputs: readonly string[], cwd?: string): Promise<Source[]> {
  const out: Source[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push({ kind: 'stdin' });
      continue;
    }
    const path = cwd === undefined ? input : resolve(cwd, input);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw unreadable(input, error);
    }
    if (info.isDirectory()) {
      const files = await listNdjson(path);
      if (!files.length) throw new FootfallError('INPUT_UNREADABLE', `${input}: the folder holds no .ndjson or .ndjson.gz files; point at a file or a folder of event files`);
      for (const file of files) out.push({ kind: 'file', path: file, label: join(input, relative(path, file)) });
    } else out.push({ kind: 'file', path, label: input });
  }
  return out;
}

async function listNdjson(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listNdjson(path)));
    else if (NDJSON.test(e.name)) files.push(path);
  }
  return files;
}

/** The error for an input that cannot be opened or read. */
export function unreadable(input: string, error: unknown): FootfallError {
  const code = (error as { code?: string }).code;
  const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new FootfallError('INPUT_UNREADABLE', `${input}: cannot read (${why}); check the path`, { cause: error });
}

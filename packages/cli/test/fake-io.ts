/** Test helpers: an `Io` that collects what a command writes, and one call that runs `footfall`. */
import { PassThrough, Readable } from 'node:stream';
import type { Io } from '../src/command.js';
import { main } from '../src/main.js';

/** What a command wrote, so far. */
export interface FakeIo extends Io {
  out(): string;
  err(): string;
}

/**
 * An `Io` rooted at `cwd` whose stdout and stderr collect every write synchronously (so a
 * test reads them right after `await main(...)`), and whose stdin is `stdin` (empty by default).
 *
 * @example
 * ```ts
 * const io = fakeIo(dir);
 * await main(['kpis', 'shop.ndjson', '--json'], io);
 * JSON.parse(io.out());
 * ```
 */
export function fakeIo(cwd: string, stdin: NodeJS.ReadableStream = Readable.from([])): FakeIo {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => {
    const s = new PassThrough();
    s.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as PassThrough['write'];
    return s;
  };
  return { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), stdin, cwd, env: {}, out: () => out, err: () => err };
}

/**
 * Runs `footfall ...argv` in `cwd` and returns the exit code and what it printed.
 *
 * @example
 * ```ts
 * const { code, out } = await runCli(dir, 'funnel', 'shop.ndjson', '--step', 'page:/', '--json');
 * ```
 */
export async function runCli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

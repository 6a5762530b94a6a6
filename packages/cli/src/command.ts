/**
 * What every `footfall` command is: a name, help text, its flags (node:util parseArgs
 * config) and `run`. Exit codes (docs/cli.md): 0 success, 1 usage error,
 * 2 input could not be read.
 */
import type { ParseArgsConfig } from 'node:util';

export type Flags = NonNullable<ParseArgsConfig['options']>;

/** Where a command writes: stdout for results, stderr for progress and warnings. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  /** Working directory for relative paths. */
  cwd: string;
  env: Record<string, string | undefined>;
}

/** Parsed command line: flag values by name and the positional arguments. */
export interface Args {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `footfall --help`. */
  summary: string;
  /** Full `--help` text: usage line, options, an example. */
  help: string;
  flags: Flags;
  /** Resolves to the exit code. Throw `UsageError` for bad arguments, `InputError` for unreadable input. */
  run(args: Args, io: Io): Promise<number>;
}

/** Bad arguments: printed as one line on stderr, exit 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
/** Input that could not be read: exit 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Writes `value` as exactly one JSON document on stdout. */
export function printJson(io: Io, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

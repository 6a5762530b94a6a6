import { parseArgs } from 'node:util';
import { InputError, UsageError, type Io } from './command.js';
import { commands } from './commands.js';

const VERSION = '0.1.0';

const overview = () =>
  [
    'Usage: footfall <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(13)}${c.summary}`),
    '',
    'Run `footfall <command> --help` for a command\'s options. Every command takes --json.',
    '',
  ].join('\n');

/**
 * Runs the `footfall` command line and resolves to its exit code.
 *
 * @example
 * ```ts
 * const code = await main(['kpis', 'events.ndjson', '--json'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env });
 * ```
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`footfall: unknown command "${name}". Run \`footfall --help\` for the list.\n`);
    return 1;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...command.flags, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.stdout.write(command.help);
      return 0;
    }
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`footfall ${name}: ${(error as Error).message}. Run \`footfall ${name} --help\`.\n`);
      return 1;
    }
    if (error instanceof InputError) {
      io.stderr.write(`footfall ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

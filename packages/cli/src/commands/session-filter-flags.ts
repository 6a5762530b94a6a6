/**
 * The session filters every analysis command takes, `--channel` and `--device`: their
 * parseArgs config, help lines and parsing live here once. The core's `parseSessionFilter`
 * checks them (as it checks the query API's `channel=` and `device=`) and `feed` applies them
 * through `keepSessions`, keeping or dropping whole sessions.
 */
import { DEVICE_CLASSES, parseSessionFilter, type SessionFilterOptions } from '@footfall/core';
import type { Args, Flags } from '../command.js';
import { stringFlag } from './format.js';
import { fromFlags } from './from-flags.js';

/** parseArgs config of `--channel` and `--device`: spread into a command's `flags`. */
export const SESSION_FILTER_FLAGS = { channel: { type: 'string' }, device: { type: 'string' } } as const satisfies Flags;

const HELP: readonly (readonly [flag: string, lines: readonly string[]])[] = [
  ['--channel C', ['only sessions whose entry channel is C: a name (google/cpc,', 'newsletter/email, direct) or a class (search, paid, social,', 'email, referral, direct, other)']],
  ['--device D', ['only sessions whose first event is on a D device:', DEVICE_CLASSES.join(' | ')]],
];

/**
 * The help lines of `--channel` and `--device`, laid out like the command's other options:
 * each line starts with `indent`, descriptions start `width` characters after it. No final newline.
 *
 * @example
 * ```ts
 * const help = `Options:\n  --json            print JSON\n${sessionFilterHelp(18, '  ')}\n`;
 * ```
 */
export function sessionFilterHelp(width: number, indent = ''): string {
  return helpLines(HELP, width, indent);
}

const ANALYSIS_HELP: typeof HELP = [
  ...HELP,
  ['--json', ['print the result as one JSON document']],
  ['--strict', ['stop at the first invalid input line instead of skipping it']],
  ['-h, --help', ['this help']],
];

/**
 * The help lines every analysis command ends its options with: `--channel`, `--device`,
 * `--json`, `--strict` and `--help`, laid out as `sessionFilterHelp` lays them out.
 *
 * @example
 * ```ts
 * const help = `Options:\n  --step S          a step\n${analysisHelp(18, '  ')}\n`;
 * ```
 */
export function analysisHelp(width: number, indent = ''): string {
  return helpLines(ANALYSIS_HELP, width, indent);
}

function helpLines(rows: typeof HELP, width: number, indent: string): string {
  return rows.flatMap(([flag, lines]) => lines.map((line, i) => `${indent}${(i === 0 ? flag : '').padEnd(width)}${line}`)).join('\n');
}

/**
 * The session filter the command line asks for; `UsageError` (exit 1) naming the allowed
 * devices for any other `--device`.
 *
 * @example
 * ```ts
 * sessionFilterOf({ values: { device: 'mobile' }, positionals: [] }); // { device: 'mobile' }
 * ```
 */
export function sessionFilterOf(args: Args): SessionFilterOptions {
  return fromFlags(() => parseSessionFilter({ channel: stringFlag(args, 'channel'), device: stringFlag(args, 'device') }, { prefix: '--' }));
}

import { UsageError, type Command } from '../command.js';

/** `footfall demo`: not built yet (see the issue that owns it). */
export const demo: Command = {
  name: 'demo',
  summary: '(not yet available)',
  help: 'Usage: footfall demo\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall demo is not available in this build yet');
  },
};

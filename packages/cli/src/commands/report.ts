import { UsageError, type Command } from '../command.js';

/** `footfall report`: not built yet (see the issue that owns it). */
export const report: Command = {
  name: 'report',
  summary: '(not yet available)',
  help: 'Usage: footfall report\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall report is not available in this build yet');
  },
};

import { UsageError, type Command } from '../command.js';

/** `footfall paths`: not built yet (see the issue that owns it). */
export const paths: Command = {
  name: 'paths',
  summary: '(not yet available)',
  help: 'Usage: footfall paths\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall paths is not available in this build yet');
  },
};

import { UsageError, type Command } from '../command.js';

/** `footfall pages`: not built yet (see the issue that owns it). */
export const pages: Command = {
  name: 'pages',
  summary: '(not yet available)',
  help: 'Usage: footfall pages\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall pages is not available in this build yet');
  },
};

import { UsageError, type Command } from '../command.js';

/** `footfall serve`: not built yet (see the issue that owns it). */
export const serve: Command = {
  name: 'serve',
  summary: '(not yet available)',
  help: 'Usage: footfall serve\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall serve is not available in this build yet');
  },
};

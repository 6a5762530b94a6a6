import { UsageError, type Command } from '../command.js';

/** `footfall funnel`: not built yet (see the issue that owns it). */
export const funnel: Command = {
  name: 'funnel',
  summary: '(not yet available)',
  help: 'Usage: footfall funnel\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall funnel is not available in this build yet');
  },
};

import { UsageError, type Command } from '../command.js';

/** `footfall attribution`: not built yet (see the issue that owns it). */
export const attribution: Command = {
  name: 'attribution',
  summary: '(not yet available)',
  help: 'Usage: footfall attribution\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall attribution is not available in this build yet');
  },
};

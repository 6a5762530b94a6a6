import { UsageError, type Command } from '../command.js';

/** `footfall kpis`: not built yet (see the issue that owns it). */
export const kpis: Command = {
  name: 'kpis',
  summary: '(not yet available)',
  help: 'Usage: footfall kpis\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall kpis is not available in this build yet');
  },
};

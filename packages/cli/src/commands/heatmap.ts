import { UsageError, type Command } from '../command.js';

/** `footfall heatmap`: not built yet (see the issue that owns it). */
export const heatmap: Command = {
  name: 'heatmap',
  summary: '(not yet available)',
  help: 'Usage: footfall heatmap\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall heatmap is not available in this build yet');
  },
};

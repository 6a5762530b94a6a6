import { UsageError, type Command } from '../command.js';

/** `footfall bottlenecks`: not built yet (see the issue that owns it). */
export const bottlenecks: Command = {
  name: 'bottlenecks',
  summary: '(not yet available)',
  help: 'Usage: footfall bottlenecks\n\nNot yet available.\n',
  flags: {},
  async run() {
    throw new UsageError('footfall bottlenecks is not available in this build yet');
  },
};

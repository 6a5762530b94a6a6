export { main } from './main.js';
export { UsageError, InputError, type Command, type Io, type Args } from './command.js';

import type { Command } from 'commander';

import type { CliIo } from './cli-io.js';

/** `prestabridge start`: what `npm start` runs. */
export function registerStartCommand(_program: Command, _io: CliIo): void {
  // Filled in once the emulator exists.
}

import type { Command } from 'commander';

import type { CliIo } from './cli-io.js';

/** `prestabridge emulator`: serve an emulated PrestaShop store. */
export function registerEmulatorCommand(_program: Command, _io: CliIo): void {
  // Filled in with the emulator (issue 3).
}

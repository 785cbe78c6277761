import type { Command } from 'commander';

import type { CliIo } from './cli-io.js';

/** `prestabridge store …`: talk to a store directly through the webservice client. */
export function registerStoreCommands(_program: Command, _io: CliIo): void {
  // Filled in with the webservice client (issue 2).
}

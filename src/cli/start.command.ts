import type { Command } from 'commander';

import { startEmulator } from '../emulator/index.js';
import type { CliIo } from './cli-io.js';

/**
 * `prestabridge start`: what `npm start` runs. Until the live demo (the hub syncing an emulated
 * store) exists, it serves the emulated demo store and says how to talk to it.
 */
export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Start the demo: an emulated PrestaShop store with the demo catalog, until stopped.')
    .option('--port <port>', 'port of the emulated store (0: any free port)', '8081')
    .action(async (options: { port: string }) => {
      const port = Number(options.port);
      const emulator = await startEmulator({ port: Number.isInteger(port) ? port : 8081, seed: 'demo' });
      const [key = ''] = emulator.keys;
      io.stdout.write(
        [
          `Emulated PrestaShop store (demo catalog): ${emulator.url}`,
          `Webservice key (full access): ${key}`,
          '',
          'Try, in another terminal:',
          `  npx prestabridge store probe --url ${emulator.url} --key ${key}`,
          `  npx prestabridge store get products --url ${emulator.url} --key ${key} --limit 5`,
          '',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      await io.untilStopped();
      await emulator.close();
    });
}

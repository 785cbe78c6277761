import type { Command } from 'commander';

import { type Hub, WrongSecretError } from '../hub/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { requireSecret, withHub } from './hub-access.js';

/**
 * `prestabridge secret …`: the secret that encrypts the stores' webservice keys — check it, and
 * recover from a lost one (forget the keys it sealed, then enter each key again).
 */
export function registerSecretCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const secret = program
    .command('secret')
    .description(
      "The secret that encrypts the stores' webservice keys (PRESTABRIDGE_SECRET): check it, or recover from a lost one.",
    );

  secret
    .command('check')
    .description('Say whether the current secret opens the webservice keys stored in the hub.')
    .action(async () => {
      requireSecret(ctx);
      await withHub(ctx, async (hub) => {
        const keyed = await storesWithKeys(hub);
        const verdict = await verify(hub);
        if (verdict === 'wrong') throw new CliError(wrongSecretAdvice(ctx, keyed));
        io.stdout.write(
          keyed.length === 0
            ? "The secret is this hub's; no webservice key is stored yet.\n"
            : `The secret opens the webservice keys of ${keyed.length} store(s): ${keyed.join(', ')}.\n`,
        );
      });
    });

  secret
    .command('reset')
    .description(
      "Recover from a lost secret: forget the webservice keys it encrypted and make the current secret the hub's; then enter each store's key again.",
    )
    .option('--yes', 'confirm: the keys stored with the lost secret are forgotten')
    .addHelpText(
      'after',
      "\nSet the new secret first (PRESTABRIDGE_SECRET, or the demo's prestabridge.secret beside the database), then:\n" +
        '  prestabridge secret reset --yes\n' +
        '  prestabridge stores set NAME --key KEY      # for each store it lists\n' +
        'Stop `prestabridge serve` first and start it again afterwards. If the original secret can still be found,\n' +
        'set it instead: nothing is lost then.\n',
    )
    .action(async (options: { yes?: boolean }) => {
      requireSecret(ctx);
      await withHub(ctx, async (hub) => {
        const keyed = await storesWithKeys(hub);
        if ((await verify(hub)) === 'right') {
          io.stdout.write(
            'The current secret already opens the keys stored in this hub: nothing to reset. ' +
              '(`prestabridge secret check` says which.)\n',
          );
          return;
        }
        if (!options.yes) {
          throw new CliError(
            `The current secret does not open the webservice keys of ${describeStores(keyed)}. ` +
              'If the original secret can still be found, set it instead. Otherwise `prestabridge secret reset --yes` ' +
              "forgets those keys and makes the current secret the hub's; then enter each store's key again.",
            { exitCode: 2 },
          );
        }
        const forgotten = await hub.stores.resetSecret();
        io.stdout.write(
          `Forgot the webservice keys of ${forgotten.length} store(s), stored with the lost secret; the current ` +
            "secret is now the hub's. Enter each key again (it is encrypted with the current secret):\n" +
            forgotten.map((name) => `  prestabridge stores set ${name} --key KEY\n`).join('') +
            'Until then those stores are not synced (`prestabridge stores list` shows which have no key).\n',
        );
      });
    });
}

/** Names of the stores that keep a webservice key. */
export async function storesWithKeys(hub: Hub): Promise<string[]> {
  return (await hub.stores.list()).filter((store) => store.hasKey).map((store) => store.name);
}

async function verify(hub: Hub): Promise<'right' | 'wrong'> {
  try {
    await hub.stores.verifySecret();
    return 'right';
  } catch (error) {
    if (error instanceof WrongSecretError) return 'wrong';
    throw error;
  }
}

function describeStores(names: readonly string[]): string {
  return names.length === 0
    ? 'this hub (no store keeps a key now)'
    : `${names.length} store(s): ${names.join(', ')}`;
}

/** What to do when the secret is not the hub's: find the original, or reset and enter the keys again. */
export function wrongSecretAdvice(ctx: CommandContext, keyed: readonly string[]): string {
  const source = ctx.secretFile === null ? 'PRESTABRIDGE_SECRET' : `The secret in ${ctx.secretFile}`;
  return (
    `${source} is not the secret the stores' webservice keys were stored with (${keyed.length === 0 ? 'no store keeps a key now' : keyed.join(', ')}). ` +
    'Set the original secret; if it is lost, `prestabridge secret reset --yes` forgets those keys and makes ' +
    "the current secret the hub's, then enter each store's key again (`prestabridge stores set NAME --key …`)."
  );
}

import { type Command, Option } from 'commander';

import { MIN_PASSWORD_LENGTH, type User, USER_ROLES, type UserChanges, type UserRole } from '../hub/index.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { SIGN_IN_LINK_TTL_MS, signInLink } from './sign-in-link.js';
import { formatTable } from './table-format.js';

const ROLE_HELP =
  'viewer (read only), operator (also run and stop feeds, approve and ship orders, adjust stock), admin (everything)';

/**
 * `prestabridge users`: who may sign in to the console and call the API. Passwords are asked at the
 * terminal without echo, or read from the first line of stdin; they are never arguments.
 */
export function registerUsersCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const users = program
    .command('users')
    .description(
      'People who sign in to the console and call the API: roles, passwords, API tokens, sign-in links.',
    );

  users
    .command('add')
    .description('Add a user; the password is asked (or read from the first line of stdin)')
    .argument('<name>', 'sign-in name')
    .addOption(new Option('--role <role>', ROLE_HELP).choices(USER_ROLES).makeOptionMandatory())
    .option('--no-password', 'no password: the user signs in through one-time links (`users link`) only')
    .action(async (name: string, options: { role: UserRole; password: boolean }) => {
      const password = options.password ? await askNewPassword(ctx, name) : undefined;
      await withHub(
        ctx,
        async (hub) => {
          const user = await hub.users.create({
            name,
            role: options.role,
            ...(password ? { password } : {}),
          });
          io.stdout.write(`User ${user.name} added (${user.role}).\n`);
          if (!user.hasPassword)
            io.stdout.write(
              `Without a password: \`prestabridge users link ${user.name}\` makes a sign-in link.\n`,
            );
        },
        { create: true },
      );
    });

  users
    .command('list')
    .description('Every user: role, whether disabled, last sign-in')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const all = await hub.users.list();
        if (options.json) writeJson(io, all);
        else if (all.length === 0)
          io.stdout.write('No users yet: prestabridge users add NAME --role admin\n');
        else io.stdout.write(formatTable(['name', 'role', 'status', 'last sign-in'], all.map(userRow)));
      });
    });

  users
    .command('set')
    .description("Change a user's role, password or access")
    .argument('<name>', 'sign-in name')
    .addOption(new Option('--role <role>', ROLE_HELP).choices(USER_ROLES))
    .option('--password', 'set a new password (asked, or read from stdin); ends their sessions')
    .addOption(new Option('--disable', 'refuse their sign-ins, tokens and sessions').conflicts('enable'))
    .option('--enable', 'let a disabled user in again')
    .action(
      async (
        name: string,
        options: { role?: UserRole; password?: boolean; disable?: boolean; enable?: boolean },
      ) => {
        const changes: UserChanges = {
          ...(options.role === undefined ? {} : { role: options.role }),
          ...(options.disable ? { disabled: true } : options.enable ? { disabled: false } : {}),
          ...(options.password ? { password: await askNewPassword(ctx, name) } : {}),
        };
        if (Object.keys(changes).length === 0)
          throw new CliError('Say what to change: --role, --password, --disable or --enable.', {
            exitCode: 2,
          });
        await withHub(ctx, async (hub) => {
          const user = await hub.users.update(name, changes);
          io.stdout.write(`User ${user.name}: ${userRow(user).slice(1, 3).join(', ')}.\n`);
        });
      },
    );

  users
    .command('token')
    .description('Make an API token for a script (shown once): Authorization: Bearer <token>')
    .argument('<name>', 'the user the token acts as (with their role)')
    .requiredOption('--label <label>', 'what uses the token, e.g. "nightly export"')
    .action(async (name: string, options: { label: string }) => {
      await withHub(ctx, async (hub) => {
        const user = await hub.users.get(name);
        const { token, secret } = await hub.users.createToken(user.id, options.label);
        io.stderr.write(
          `API token ${token.id} for ${user.name} (${user.role}), "${token.label}". It is shown once; keep it safe:\n`,
        );
        io.stdout.write(`${secret}\n`);
      });
    });

  users
    .command('tokens')
    .description("A user's API tokens (never their secrets)")
    .argument('<name>', 'sign-in name')
    .option('--json', 'print a JSON array')
    .action(async (name: string, options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const tokens = await hub.users.tokens((await hub.users.get(name)).id);
        if (options.json) writeJson(io, tokens);
        else if (tokens.length === 0) io.stdout.write(`${name} has no API tokens.\n`);
        else
          io.stdout.write(
            formatTable(
              ['id', 'label', 'created', 'last used', 'revoked'],
              tokens.map((token) => [
                String(token.id),
                token.label,
                token.createdAt,
                token.lastUsedAt ?? '-',
                token.revokedAt ?? '-',
              ]),
            ),
          );
      });
    });

  users
    .command('revoke-token')
    .description('Revoke one of a user’s API tokens')
    .argument('<name>', 'sign-in name')
    .argument('<id>', 'token id (`users tokens NAME` lists them)')
    .action(async (name: string, id: string) => {
      if (!/^\d+$/.test(id)) throw new CliError(`Token id must be a number, got '${id}'.`, { exitCode: 2 });
      await withHub(ctx, async (hub) => {
        const user = await hub.users.get(name);
        if (!(await hub.users.revokeToken(user.id, Number(id))))
          throw new CliError(`${user.name} has no live API token ${id}.`);
        io.stdout.write(`Token ${id} of ${user.name} revoked.\n`);
      });
    });

  users
    .command('link')
    .description('Print a one-time sign-in link for a user (valid 15 minutes, once)')
    .argument('<name>', 'sign-in name')
    .option('--url <url>', 'where the console is (default http://127.0.0.1:PRESTABRIDGE_PORT, else 8080)')
    .action(async (name: string, options: { url?: string }) => {
      const base = (options.url ?? `http://127.0.0.1:${io.env.PRESTABRIDGE_PORT ?? '8080'}`).replace(
        /\/+$/,
        '',
      );
      await withHub(ctx, async (hub) => {
        const user = await hub.users.get(name);
        if (user.disabled)
          throw new CliError(`${user.name} is disabled: \`prestabridge users set ${name} --enable\` first.`);
        const secret = await hub.users.createSignInLink(user.id, SIGN_IN_LINK_TTL_MS);
        io.stderr.write(
          `Opens the console signed in as ${user.name} (${user.role}); works once, for 15 minutes:\n`,
        );
        io.stdout.write(`${signInLink(base, secret)}\n`);
      });
    });
}

function userRow(user: User): string[] {
  return [user.name, user.role, user.disabled ? 'disabled' : 'enabled', user.lastSignInAt ?? 'never'];
}

/** A new password (at a terminal, asked twice: a typo would lock the user out). */
async function askNewPassword(ctx: CommandContext, name: string): Promise<string> {
  let password: string;
  try {
    password = await ctx.io.readSecret(
      `Password for ${name} (${MIN_PASSWORD_LENGTH} characters or more): `,
      'Same password again: ',
    );
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), { exitCode: 2 });
  }
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new CliError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`, {
      exitCode: 2,
    });
  return password;
}

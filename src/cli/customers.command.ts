import type { Command } from 'commander';

import type { Customer } from '../hub/index.js';
import { positiveId, wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatTable } from './table-format.js';

const PAGE = 500;

interface ListOptions {
  readonly search?: string;
  readonly limit: number;
  readonly json?: boolean;
}

/** `prestabridge customers …`: the customers the hub imported with their addresses. */
export function registerCustomersCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const customers = program.command('customers').description('Customers imported from the stores.');

  customers
    .command('list')
    .description('One row per customer: name, e-mail, gender, company, newsletter, addresses.')
    .option('--search <text>', 'e-mail or name containing this text (any case)')
    .option('--limit <n>', 'at most this many rows', wholeNumber(1), 100)
    .option('--json', 'print a JSON array with every field and the addresses')
    .action(async (options: ListOptions) => {
      await withHub(ctx, async (hub) => {
        const rows: Customer[] = [];
        while (rows.length < options.limit) {
          const want = Math.min(PAGE, options.limit - rows.length);
          const page = await hub.customers.list({
            limit: want,
            afterId: rows.at(-1)?.id ?? 0,
            ...(options.search === undefined ? {} : { search: options.search }),
          });
          rows.push(...page);
          if (page.length < want) break;
        }
        if (options.json) {
          writeJson(io, rows);
          return;
        }
        if (rows.length === 0) {
          io.stdout.write('No customers match.\n');
          return;
        }
        io.stdout.write(
          formatTable(
            ['id', 'name', 'e-mail', 'gender', 'company', 'newsletter', 'addresses'],
            rows.map((customer) => [
              String(customer.id),
              `${customer.firstName} ${customer.lastName}`.trim(),
              customer.email,
              customer.gender,
              customer.company ?? '',
              customer.newsletter ? 'yes' : 'no',
              String(customer.addresses.filter((address) => !address.deleted).length),
            ]),
            { alignRight: [0, 6] },
          ),
        );
        if (rows.length === options.limit)
          io.stderr.write(`(${rows.length} rows shown; there may be more: --limit N)\n`);
      });
    });

  customers
    .command('addresses')
    .description(
      "A customer's addresses with their role (billing, delivery, both), and how they were chosen: by the " +
        "store's customers.addressChoice rule at import (last-order, store-default) or by a user. --billing and " +
        '--delivery choose them for this customer (imports then leave them alone); --auto hands them back to the rule.',
    )
    .argument('<customer>', 'hub customer id (customers list shows them)', positiveId)
    .option('--billing <address>', 'hub address id that bills (with --delivery)', positiveId)
    .option(
      '--delivery <address>',
      'hub address id that delivers (with --billing; may be the same)',
      positiveId,
    )
    .option('--auto', "let the store's rule choose again at the next import")
    .option('--json', 'print the customer as JSON')
    .action(
      async (
        customerId: number,
        options: { billing?: number; delivery?: number; auto?: boolean; json?: boolean },
      ) => {
        const choosing = options.billing !== undefined || options.delivery !== undefined;
        if (choosing && (options.billing === undefined || options.delivery === undefined))
          throw new CliError('give both --billing ID and --delivery ID (the same id for both is fine)', {
            exitCode: 2,
          });
        if (choosing && options.auto)
          throw new CliError('give --billing/--delivery or --auto, not both', { exitCode: 2 });
        await withHub(ctx, async (hub) => {
          const customer =
            options.billing !== undefined && options.delivery !== undefined
              ? await hub.customers.chooseAddresses(customerId, {
                  billingAddressId: options.billing,
                  deliveryAddressId: options.delivery,
                })
              : options.auto
                ? await hub.customers.releaseAddressChoice(customerId)
                : await hub.customers.get(customerId);
          if (options.json) {
            writeJson(io, customer);
            return;
          }
          io.stdout.write(addressesText(customer));
        });
      },
    );
}

const CHOSEN_BY: Readonly<Record<string, string>> = {
  'last-order': "the store's rule: the addresses of their last order",
  'store-default': "the store's rule: the store's default (first) address",
  user: 'a user (imports leave them alone; --auto hands them back to the rule)',
};

function addressesText(customer: Customer): string {
  const name = `${customer.firstName} ${customer.lastName}`.trim();
  const head =
    `Customer ${customer.id} ${name} <${customer.email}>: billing and delivery chosen by ` +
    `${customer.addressChoice === null ? 'nobody yet (the next import-customers chooses them)' : (CHOSEN_BY[customer.addressChoice] ?? customer.addressChoice)}.\n`;
  if (customer.addresses.length === 0) return `${head}No addresses.\n`;
  return (
    head +
    formatTable(
      ['id', 'role', 'alias', 'address', 'city', 'country', 'deleted'],
      customer.addresses.map((address) => [
        String(address.id),
        address.role ?? '',
        address.alias ?? '',
        [address.address1, address.address2].filter(Boolean).join(', '),
        [address.postcode, address.city].filter(Boolean).join(' '),
        address.countryIso ?? '',
        address.deleted ? 'yes' : '',
      ]),
      { alignRight: [0] },
    )
  );
}

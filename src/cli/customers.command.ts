import type { Command } from 'commander';

import type { Customer } from '../hub/index.js';
import { wholeNumber } from './argument-parsers.js';
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
}

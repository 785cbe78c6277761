import { writeFileSync } from 'node:fs';

import { type Command, InvalidArgumentError, Option } from 'commander';

import {
  Decimal,
  type Hub,
  type Invoice,
  type InvoiceKind,
  type InvoiceSummary,
  type JournalEntry,
  type Store,
} from '../hub/index.js';
import { formatFec, formatInvoicesCsv, formatJournalCsv, renderInvoicePdf } from '../sync/index.js';
import { wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatInstant } from './value-format.js';

const PAGE = 1000;

interface RangeOptions {
  readonly store?: string;
  readonly from?: string;
  readonly to?: string;
}

interface InvoiceListOptions extends RangeOptions {
  readonly kind?: InvoiceKind;
  readonly differences?: boolean;
  readonly limit: number;
  readonly json?: boolean;
}

interface ExportOptions extends RangeOptions {
  readonly format: 'csv' | 'fec';
  readonly separator: 'tab' | 'pipe';
  readonly output?: string;
}

function day(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = match ? new Date(`${text.trim()}T00:00:00Z`) : undefined;
  if (
    !match ||
    date === undefined ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== text.trim()
  )
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got '${text}'.`);
  return text.trim();
}

function money(value: string | null): string {
  return value === null ? '' : Decimal.from(value).toFixed(2);
}

/** An INVOICE argument: an invoice or credit note number, or the hub's invoice id. */
async function resolveInvoice(hub: Hub, ref: string): Promise<Invoice> {
  const byNumber = await hub.accounting.findInvoiceByNumber(ref.trim());
  if (byNumber) return byNumber;
  if (/^\d+$/.test(ref.trim())) return hub.accounting.getInvoice(Number(ref));
  throw new CliError(
    `No invoice or credit note numbered '${ref}'. \`prestabridge invoices list\` lists them.`,
  );
}

async function storeOf(hub: Hub, name: string | undefined): Promise<Store | undefined> {
  return name === undefined ? undefined : hub.stores.get(name);
}

/** Every invoice matching the options (pages of {@link PAGE}). */
async function invoicesIn(
  hub: Hub,
  store: Store | undefined,
  options: RangeOptions & { kind?: InvoiceKind; differences?: boolean; limit?: number },
): Promise<InvoiceSummary[]> {
  const all: InvoiceSummary[] = [];
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  while (all.length < limit) {
    const want = Math.min(PAGE, limit - all.length);
    const page = await hub.accounting.listInvoices({
      ...(store === undefined ? {} : { storeId: store.id }),
      ...(options.kind === undefined ? {} : { kind: options.kind }),
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(options.differences === true ? { differences: true } : {}),
      afterId: all.at(-1)?.id ?? 0,
      limit: want,
    });
    all.push(...page);
    if (page.length < want) break;
  }
  return all;
}

async function entriesIn(hub: Hub, store: Store | undefined, options: RangeOptions): Promise<JournalEntry[]> {
  return hub.accounting.journalEntries({
    ...(store === undefined ? {} : { storeId: store.id }),
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.to === undefined ? {} : { to: options.to }),
    limit: 10_000_000,
  });
}

function deliver(ctx: CommandContext, text: string, output: string | undefined, what: string): void {
  if (output === undefined) {
    ctx.io.stdout.write(text);
    return;
  }
  writeFileSync(output, text, 'utf8');
  ctx.io.stderr.write(`Wrote ${what} to ${output}.\n`);
}

const rangeOptions = (command: Command, what: string): Command =>
  command
    .option('--store <name>', `only ${what} of this store`)
    .option('--from <date>', `only ${what} dated on or after this day (YYYY-MM-DD)`, day)
    .option('--to <date>', `only ${what} dated on or before this day (YYYY-MM-DD)`, day);

/**
 * `prestabridge invoices …` and `prestabridge journal …`: the invoices, credit notes and journal
 * entries the invoice-orders feed wrote (docs/accounting.md).
 */
export function registerAccountingCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const invoices = program
    .command('invoices')
    .description(
      'Invoices and credit notes of imported orders (written by the invoice-orders feed): list, show, pdf, export.',
    );

  rangeOptions(
    invoices
      .command('list')
      .description(
        "One row per invoice or credit note, in number order: number, kind, issue date, order, totals, the store's total and the difference, payment.",
      ),
    'documents',
  )
    .addOption(
      new Option('--kind <kind>', 'only invoices or only credit notes').choices(['invoice', 'credit_note']),
    )
    .option('--differences', "only documents whose total differs from the store's")
    .option('--limit <n>', 'at most this many rows', wholeNumber(1), 100)
    .option('--json', 'print a JSON array')
    .action(async (options: InvoiceListOptions) => {
      await withHub(ctx, async (hub) => {
        const rows = await invoicesIn(hub, await storeOf(hub, options.store), options);
        if (options.json) {
          writeJson(io, rows);
          return;
        }
        if (rows.length === 0) {
          io.stdout.write('No invoices match.\n');
          return;
        }
        io.stdout.write(
          formatTable(
            [
              'number',
              'kind',
              'issued',
              'order',
              'excl. tax',
              'tax',
              'incl. tax',
              'store total',
              'difference',
              'paid',
            ],
            rows.map((row) => [
              row.number,
              row.kind === 'credit_note' ? 'credit note' : 'invoice',
              row.issuedAt.slice(0, 10),
              row.orderId === null ? '' : String(row.orderId),
              money(row.totalTaxExcl),
              money(row.totalTax),
              money(row.totalTaxIncl),
              money(row.storeTotalTaxIncl),
              Decimal.from(row.totalsDifference ?? 0).isZero() ? '' : money(row.totalsDifference),
              row.paidAt === null
                ? ''
                : `${row.paidAt.slice(0, 10)} ${row.paymentMethod ?? row.paymentLabel ?? ''}`.trim(),
            ]),
            { alignRight: [4, 5, 6, 7, 8] },
          ),
        );
      });
    });

  invoices
    .command('show')
    .description('One invoice or credit note: its head, lines, taxes per rate, totals and payment.')
    .argument('<invoice>', 'the invoice or credit note number (INV-2026-000012), or its hub id')
    .option('--json', 'print it as JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const invoice = await resolveInvoice(hub, ref);
        if (options.json) {
          writeJson(io, invoice);
          return;
        }
        const credited =
          invoice.creditedInvoiceId === null
            ? undefined
            : await hub.accounting.getInvoice(invoice.creditedInvoiceId);
        const difference = Decimal.from(invoice.totalsDifference ?? 0);
        io.stdout.write(
          formatKeyValues([
            ['number', invoice.number],
            [
              'kind',
              invoice.kind === 'credit_note' ? `credit note of ${credited?.number ?? '?'}` : 'invoice',
            ],
            ['issued', formatInstant(invoice.issuedAt)],
            ['order', invoice.orderId === null ? '' : String(invoice.orderId)],
            ['currency', invoice.currency],
            ['total excl. tax', money(invoice.totalTaxExcl)],
            ['tax', money(invoice.totalTax)],
            ['total incl. tax', money(invoice.totalTaxIncl)],
            ['store total', money(invoice.storeTotalTaxIncl)],
            [
              'difference',
              difference.isZero() ? 'none' : `${money(invoice.totalsDifference)} (flagged, not corrected)`,
            ],
            [
              'paid',
              invoice.paidAt === null
                ? 'no'
                : `${formatInstant(invoice.paidAt)} ${invoice.paymentMethod ?? ''} ${invoice.paymentLabel ?? ''}`.trim(),
            ],
          ]),
        );
        io.stdout.write('\n');
        io.stdout.write(
          formatTable(
            ['description', 'qty', 'unit excl.', 'tax %', 'total excl.', 'tax'],
            invoice.lines.map((line) => [
              line.description,
              String(line.quantity),
              Decimal.from(line.unitPriceTaxExcl).toFixed(2),
              Decimal.from(line.taxRate).toString(),
              Decimal.from(line.totalTaxExcl).toFixed(2),
              Decimal.from(line.totalTax).toFixed(2),
            ]),
            { alignRight: [1, 2, 3, 4, 5] },
          ),
        );
        io.stdout.write('\n');
        io.stdout.write(
          formatTable(
            ['tax rate', 'base', 'tax'],
            invoice.taxes.map((tax) => [
              `${Decimal.from(tax.rate).toString()} %`,
              money(tax.base),
              money(tax.amount),
            ]),
            { alignRight: [0, 1, 2] },
          ),
        );
      });
    });

  invoices
    .command('pdf')
    .description('Render an invoice or credit note as PDF (A4, fonts embedded, made offline).')
    .argument('<invoice>', 'the invoice or credit note number, or its hub id')
    .option('--output <file>', 'where to write it (default: <number>.pdf in the current directory)')
    .action(async (ref: string, options: { output?: string }) => {
      await withHub(ctx, async (hub) => {
        const invoice = await resolveInvoice(hub, ref);
        const order = invoice.orderId === null ? undefined : await hub.orders.get(invoice.orderId);
        const store = invoice.storeId === null ? undefined : await hub.stores.find(invoice.storeId);
        const credited =
          invoice.creditedInvoiceId === null
            ? undefined
            : await hub.accounting.getInvoice(invoice.creditedInvoiceId);
        const pdf = await renderInvoicePdf(invoice, {
          seller: store?.shop?.name ?? store?.name ?? 'PrestaBridge',
          billingAddress: order?.billingAddress ?? null,
          orderReference: order?.reference ?? null,
          creditedNumber: credited?.number ?? null,
          ...(store === undefined ? {} : { timeZone: store.timeZone }),
        });
        const file = options.output ?? `${invoice.number.replace(/[^A-Za-z0-9_.-]/g, '_')}.pdf`;
        writeFileSync(file, pdf);
        io.stdout.write(`Wrote ${invoice.number} to ${file} (${pdf.length} bytes).\n`);
      });
    });

  rangeOptions(
    invoices
      .command('export')
      .description(
        "Invoices and credit notes as CSV (one row each, with the store's total and the difference).",
      ),
    'documents',
  )
    .addOption(
      new Option('--kind <kind>', 'only invoices or only credit notes').choices(['invoice', 'credit_note']),
    )
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (options: RangeOptions & { kind?: InvoiceKind; output?: string }) => {
      await withHub(ctx, async (hub) => {
        const rows = await invoicesIn(hub, await storeOf(hub, options.store), options);
        deliver(ctx, formatInvoicesCsv(rows), options.output, `${rows.length} documents`);
      });
    });

  const journal = program
    .command('journal')
    .description('Journal entries of invoices, credit notes and payments: list, export (CSV or FEC).');

  rangeOptions(
    journal
      .command('list')
      .description(
        'One row per entry line, by date: date, journal, entry number, reference, account, debit, credit.',
      ),
    'entries',
  )
    .option('--json', 'print a JSON array of entries')
    .action(async (options: RangeOptions & { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const entries = await entriesIn(hub, await storeOf(hub, options.store), options);
        if (options.json) {
          writeJson(io, entries);
          return;
        }
        if (entries.length === 0) {
          io.stdout.write('No journal entries match.\n');
          return;
        }
        io.stdout.write(
          formatTable(
            ['date', 'journal', 'entry', 'reference', 'account', 'aux', 'debit', 'credit', 'label'],
            entries.flatMap((entry) =>
              entry.lines.map((line) => [
                entry.date,
                entry.journalCode,
                entry.entryNumber ?? String(entry.id),
                entry.reference,
                line.account,
                line.auxAccount ?? '',
                Decimal.from(line.debit).isZero() ? '' : money(line.debit),
                Decimal.from(line.credit).isZero() ? '' : money(line.credit),
                line.label ?? entry.description,
              ]),
            ),
            { alignRight: [6, 7] },
          ),
        );
      });
    });

  rangeOptions(
    journal
      .command('export')
      .description(
        'Journal entries as CSV, or in the French FEC layout (18 columns, dates YYYYMMDD, decimal comma, sorted by validation date; one store = one company: give --store).',
      ),
    'entries',
  )
    .addOption(new Option('--format <format>', 'csv or fec').choices(['csv', 'fec']).default('csv'))
    .addOption(
      new Option('--separator <separator>', 'FEC field separator').choices(['tab', 'pipe']).default('tab'),
    )
    .option(
      '--output <file>',
      'write to this file instead of standard output (FEC: <SIREN>FEC<closing date>.txt)',
    )
    .action(async (options: ExportOptions) => {
      await withHub(ctx, async (hub) => {
        const store = await storeOf(hub, options.store);
        const entries = await entriesIn(hub, store, options);
        const text =
          options.format === 'fec'
            ? formatFec(entries, {
                separator: options.separator === 'pipe' ? '|' : '\t',
                ...(store === undefined ? {} : { timeZone: store.timeZone }),
              })
            : formatJournalCsv(entries);
        deliver(ctx, text, options.output, `${entries.length} entries`);
      });
    });
}

import { bulkInsert } from '../bulk-sql.js';
import { Decimal, type DecimalInput, toStoredDecimal } from '../decimal.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';

export interface InvoiceLineInput {
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceTaxExcl: DecimalInput;
  /** Percent. */
  readonly taxRate: DecimalInput;
}

export interface InvoiceInput {
  readonly orderId?: number | null;
  readonly currency: string;
  readonly issuedAt?: Date;
  /** Invoice numbers are this prefix followed by a 6-digit sequence per prefix (default `INV-`). */
  readonly prefix?: string;
  readonly lines: readonly InvoiceLineInput[];
  /** Paid now (`true`) or at a given instant. */
  readonly paid?: boolean | Date;
  /** Decimal places of the currency (default 2). */
  readonly decimals?: number;
}

export interface Invoice {
  readonly id: number;
  readonly number: string;
  readonly orderId: number | null;
  readonly currency: string;
  readonly issuedAt: string;
  readonly totalTaxExcl: string;
  readonly totalTax: string;
  readonly totalTaxIncl: string;
  readonly paidAt: string | null;
  readonly lines: readonly {
    readonly description: string;
    readonly quantity: number;
    readonly unitPriceTaxExcl: string;
    readonly taxRate: string;
    readonly totalTaxExcl: string;
    readonly totalTax: string;
  }[];
  /** Tax per rate: the base and the tax on it. */
  readonly taxes: readonly { readonly rate: string; readonly base: string; readonly amount: string }[];
}

export interface JournalLineInput {
  readonly account: string;
  readonly debit?: DecimalInput;
  readonly credit?: DecimalInput;
}

export interface JournalEntry {
  readonly id: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly reference: string;
  readonly description: string;
  readonly invoiceId: number | null;
  readonly orderId: number | null;
  readonly lines: readonly { readonly account: string; readonly debit: string; readonly credit: string }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Invoices (numbered per prefix, taxes broken down per rate) and journal entries (balanced debits and
 * credits). Rounding: each line's amount excluding tax is rounded half-up to the currency's places;
 * tax is computed once per rate on the sum of its lines (per-total rounding), also half-up.
 *
 * @example
 * const invoice = await hub.accounting.invoiceOrder(orderId, { prefix: 'INV-', paid: true });
 * await hub.accounting.addJournalEntry({ date: '2026-01-15', reference: invoice.number, description: 'Sale', lines: [...] });
 */
export class AccountingRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async createInvoice(input: InvoiceInput): Promise<Invoice> {
    const places = input.decimals ?? 2;
    if (input.lines.length === 0) throw new InvalidRecordError('An invoice needs at least one line.');
    const lines = input.lines.map((line, index) => {
      if (!Number.isInteger(line.quantity)) {
        throw new InvalidRecordError(
          `Invoice line ${index + 1}: quantity must be a whole number, got ${line.quantity}.`,
        );
      }
      const unit = Decimal.from(line.unitPriceTaxExcl);
      const rate = Decimal.from(line.taxRate);
      return { ...line, unit, rate, totalExcl: unit.mul(line.quantity).round(places, 'half-up') };
    });
    const byRate = new Map<string, { rate: Decimal; base: Decimal }>();
    for (const line of lines) {
      const key = toStoredDecimal(line.rate);
      const entry = byRate.get(key) ?? { rate: line.rate, base: Decimal.ZERO };
      entry.base = entry.base.add(line.totalExcl);
      byRate.set(key, entry);
    }
    const taxes = [...byRate.values()].map(({ rate, base }) => ({
      rate,
      base,
      amount: base.mul(rate).div(100, places, 'half-up'),
    }));
    const totalExcl = Decimal.sum(lines.map((line) => line.totalExcl));
    const totalTax = Decimal.sum(taxes.map((tax) => tax.amount));
    const issuedAt = (input.issuedAt ?? this.#ctx.clock()).toISOString();
    const paidAt =
      input.paid === true ? issuedAt : input.paid instanceof Date ? input.paid.toISOString() : null;
    const prefix = input.prefix ?? 'INV-';

    const id = await write(this.#ctx, async (db) => {
      const [sequence] = await bulkInsert<{ next_value: number }>(
        db,
        this.#ctx.engine,
        'number_sequences',
        [{ name: `invoice:${prefix}`, next_value: 1 }],
        {
          conflict: ['name'],
          updateRaw: ['"next_value" = "number_sequences"."next_value" + 1'],
          returning: ['next_value'],
        },
      );
      const number = `${prefix}${String(sequence?.next_value ?? 1).padStart(6, '0')}`;
      const invoice = await db
        .insertInto('invoices')
        .values({
          number,
          order_id: input.orderId ?? null,
          currency: input.currency.toUpperCase(),
          issued_at: issuedAt,
          total_tax_excl: toStoredDecimal(totalExcl),
          total_tax: toStoredDecimal(totalTax),
          total_tax_incl: toStoredDecimal(totalExcl.add(totalTax)),
          paid_at: paidAt,
          created_at: nowIso(this.#ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('invoice_lines')
        .values(
          lines.map((line, index) => ({
            invoice_id: invoice.id,
            line_no: index + 1,
            description: line.description,
            quantity: line.quantity,
            unit_price_tax_excl: toStoredDecimal(line.unit),
            tax_rate: toStoredDecimal(line.rate),
            total_tax_excl: toStoredDecimal(line.totalExcl),
            total_tax: toStoredDecimal(line.totalExcl.mul(line.rate).div(100, places, 'half-up')),
          })),
        )
        .execute();
      await db
        .insertInto('invoice_taxes')
        .values(
          taxes.map((tax) => ({
            invoice_id: invoice.id,
            tax_rate: toStoredDecimal(tax.rate),
            base: toStoredDecimal(tax.base),
            amount: toStoredDecimal(tax.amount),
          })),
        )
        .execute();
      return invoice.id;
    });
    return this.getInvoice(id);
  }

  /**
   * Invoices an order from its lines (product, shipping and discount lines; the tax rate of a line
   * without one is derived from its prices). Returns the existing invoice if the order has one.
   */
  async invoiceOrder(
    orderId: number,
    options: { prefix?: string; paid?: boolean | Date; decimals?: number } = {},
  ): Promise<Invoice> {
    const existing = await this.invoiceForOrder(orderId);
    if (existing) return existing;
    const order = await this.#ctx.db
      .selectFrom('orders')
      .select(['id', 'currency', 'placed_at'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!order) throw new NotFoundError(`No order with id ${orderId}.`);
    const lines = await this.#ctx.db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute();
    return this.createInvoice({
      orderId,
      currency: order.currency,
      issuedAt: this.#ctx.clock(),
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      ...(options.paid === undefined ? {} : { paid: options.paid }),
      ...(options.decimals === undefined ? {} : { decimals: options.decimals }),
      lines: lines
        .filter((line) => line.quantity > 0)
        .map((line) => {
          const excl = Decimal.from(line.unit_price_tax_excl);
          const derived = excl.isZero()
            ? Decimal.ZERO
            : Decimal.from(line.unit_price_tax_incl).sub(excl).mul(100).div(excl, 2, 'half-up');
          const sign = line.kind === 'discount' ? -1 : 1;
          return {
            description: line.name,
            quantity: line.quantity * sign,
            unitPriceTaxExcl: excl,
            taxRate: line.tax_rate ?? derived,
          };
        }),
    });
  }

  async getInvoice(invoiceId: number): Promise<Invoice> {
    const db = this.#ctx.db;
    const row = await db.selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
    if (!row) throw new NotFoundError(`No invoice with id ${invoiceId}.`);
    const [lines, taxes] = await Promise.all([
      db
        .selectFrom('invoice_lines')
        .selectAll()
        .where('invoice_id', '=', invoiceId)
        .orderBy('line_no')
        .execute(),
      db
        .selectFrom('invoice_taxes')
        .selectAll()
        .where('invoice_id', '=', invoiceId)
        .orderBy('tax_rate')
        .execute(),
    ]);
    return {
      id: row.id,
      number: row.number,
      orderId: row.order_id,
      currency: row.currency,
      issuedAt: row.issued_at,
      totalTaxExcl: row.total_tax_excl,
      totalTax: row.total_tax,
      totalTaxIncl: row.total_tax_incl,
      paidAt: row.paid_at,
      lines: lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitPriceTaxExcl: line.unit_price_tax_excl,
        taxRate: line.tax_rate,
        totalTaxExcl: line.total_tax_excl,
        totalTax: line.total_tax,
      })),
      // Sorted here, not in SQL: SQLite keeps decimals as text, which sorts '21' before '5.5'.
      taxes: taxes
        .map((tax) => ({ rate: tax.tax_rate, base: tax.base, amount: tax.amount }))
        .sort((a, b) => Decimal.from(a.rate).cmp(b.rate)),
    };
  }

  async invoiceForOrder(orderId: number): Promise<Invoice | undefined> {
    const row = await this.#ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('order_id', '=', orderId)
      .orderBy('id')
      .executeTakeFirst();
    return row ? this.getInvoice(row.id) : undefined;
  }

  async markInvoicePaid(invoiceId: number, at: Date = this.#ctx.clock()): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .updateTable('invoices')
        .set({ paid_at: at.toISOString() })
        .where('id', '=', invoiceId)
        .where('paid_at', 'is', null)
        .execute(),
    );
  }

  /** Adds a journal entry; its debits must equal its credits. */
  async addJournalEntry(input: {
    date: string;
    reference: string;
    description: string;
    invoiceId?: number | null;
    orderId?: number | null;
    lines: readonly JournalLineInput[];
  }): Promise<JournalEntry> {
    if (!DATE.test(input.date))
      throw new InvalidRecordError(`Journal entry date must be YYYY-MM-DD, got '${input.date}'.`);
    const lines = input.lines.map((line) => ({
      account: line.account,
      debit: Decimal.from(line.debit ?? 0),
      credit: Decimal.from(line.credit ?? 0),
    }));
    const debit = Decimal.sum(lines.map((line) => line.debit));
    const credit = Decimal.sum(lines.map((line) => line.credit));
    if (lines.length < 2 || !debit.eq(credit) || debit.isZero()) {
      throw new InvalidRecordError(
        `Journal entry '${input.reference}' does not balance: debits ${debit.toString()} ≠ credits ${credit.toString()} (it needs two lines or more and equal, non-zero totals).`,
      );
    }
    const id = await write(this.#ctx, async (db) => {
      const entry = await db
        .insertInto('journal_entries')
        .values({
          entry_date: input.date,
          reference: input.reference,
          description: input.description,
          invoice_id: input.invoiceId ?? null,
          order_id: input.orderId ?? null,
          created_at: nowIso(this.#ctx),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('journal_lines')
        .values(
          lines.map((line, index) => ({
            entry_id: entry.id,
            line_no: index + 1,
            account: line.account,
            debit: toStoredDecimal(line.debit),
            credit: toStoredDecimal(line.credit),
          })),
        )
        .execute();
      return entry.id;
    });
    const [entry] = await this.journalEntries({ ids: [id] });
    if (!entry) throw new NotFoundError(`Journal entry ${id} vanished.`);
    return entry;
  }

  /** Journal entries by date range (inclusive, `YYYY-MM-DD`), oldest first. */
  async journalEntries(
    query: { from?: string; to?: string; ids?: readonly number[]; afterId?: number; limit?: number } = {},
  ): Promise<JournalEntry[]> {
    let select = this.#ctx.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '>', query.afterId ?? 0);
    if (query.from !== undefined) select = select.where('entry_date', '>=', query.from);
    if (query.to !== undefined) select = select.where('entry_date', '<=', query.to);
    if (query.ids !== undefined) select = select.where('id', 'in', query.ids.length > 0 ? query.ids : [0]);
    const entries = await select
      .orderBy('entry_date')
      .orderBy('id')
      .limit(query.limit ?? 200)
      .execute();
    if (entries.length === 0) return [];
    const lines = await this.#ctx.db
      .selectFrom('journal_lines')
      .selectAll()
      .where(
        'entry_id',
        'in',
        entries.map((entry) => entry.id),
      )
      .orderBy('entry_id')
      .orderBy('line_no')
      .execute();
    return entries.map((entry) => ({
      id: entry.id,
      date: entry.entry_date,
      reference: entry.reference,
      description: entry.description,
      invoiceId: entry.invoice_id,
      orderId: entry.order_id,
      lines: lines
        .filter((line) => line.entry_id === entry.id)
        .map((line) => ({ account: line.account, debit: line.debit, credit: line.credit })),
    }));
  }
}

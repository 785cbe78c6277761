import { type Kysely, type Selectable, sql } from 'kysely';

import { bulkInsert } from '../bulk-sql.js';
import { Decimal, type DecimalInput, toStoredDecimal, toStoredDecimalOrNull } from '../decimal.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { HubDatabase, InvoicesTable } from '../schema/hub-database.js';
import { instantToStoreLocal, storeLocalToInstant } from '../store-time.js';

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
    readonly kind: string;
    readonly familyCode: string | null;
  }[];
  /** Tax per rate: the base and the tax on it. */
  readonly taxes: readonly { readonly rate: string; readonly base: string; readonly amount: string }[];
  readonly storeId: number | null;
  readonly kind: InvoiceKind;
  /** `order:<id>:invoice`: what the document was issued for (null for invoices made by hand). */
  readonly sourceKey: string | null;
  /** The invoice a credit note cancels. */
  readonly creditedInvoiceId: number | null;
  /** The store's totals of the order (a credit note: negated). */
  readonly storeTotalTaxExcl: string | null;
  readonly storeTotalTaxIncl: string | null;
  /** Invoice total with tax − the store's; non-zero is a flagged difference, never patched over. */
  readonly totalsDifference: string | null;
  readonly paymentMethod: string | null;
  readonly paymentLabel: string | null;
}

export type InvoiceKind = 'invoice' | 'credit_note';

/** An order to invoice, as {@link AccountingRepository.ordersToInvoice} reads it. */
export interface InvoiceCandidate {
  readonly orderId: number;
  /** The store's order id (its binding), null if unbound. */
  readonly externalId: string | null;
  readonly reference: string | null;
  readonly currency: string;
  readonly customerId: number | null;
  /** The billing address's company, else its first and last names. */
  readonly customerName: string | null;
  /** The store's `total_paid_tax_excl` and `total_paid_tax_incl`. */
  readonly storeTotalTaxExcl: string;
  readonly storeTotalTaxIncl: string;
  readonly paymentMethod: string | null;
  readonly paymentLabel: string | null;
  /** When the order first reached a paid state (its placing, if its history has none). */
  readonly paidAt: string;
  readonly lines: readonly {
    readonly kind: string;
    readonly name: string;
    readonly quantity: number;
    readonly unitPriceTaxExcl: string;
    readonly unitPriceTaxIncl: string;
    readonly taxRate: string | null;
    readonly productTaxRate: string | null;
    readonly familyCode: string | null;
  }[];
}

/** Where a page of {@link AccountingRepository.ordersToInvoice} ends: its last candidate. */
export interface InvoiceCursor {
  /** ISO instant. */
  readonly paidAt: string;
  readonly orderId: number;
}

/** A line of an invoice whose amounts were computed by the caller (the store's own amounts). */
export interface IssuedLineInput {
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceTaxExcl: DecimalInput;
  readonly taxRate: DecimalInput;
  readonly totalTaxExcl: DecimalInput;
  readonly totalTax: DecimalInput;
  /** `product` (default), `shipping`, `discount`. */
  readonly kind?: string;
  /** The family of the line's product when issued: its sales account follows it. */
  readonly familyCode?: string | null;
}

/**
 * An invoice or credit note as computed from an order ({@link AccountingRepository.issueDocument}):
 * every amount is given, nothing is recomputed here.
 */
export interface IssueDocumentInput {
  readonly storeId: number;
  readonly kind: InvoiceKind;
  /** Issued once per key: a second issue returns the first document. */
  readonly sourceKey: string;
  readonly orderId: number | null;
  readonly creditedInvoiceId?: number | null;
  /**
   * `INV-`: the number is `<prefix><year>-<6-digit sequence>`, the sequence per store, kind and year —
   * the year of the issue date in the store's time zone.
   */
  readonly prefix: string;
  readonly currency: string;
  /**
   * The document's date: the day the order was paid, cancelled, refunded. Numbers follow the order of
   * issue and dates never run backwards along them: a document dated before the latest one of its
   * sequence takes that one's date (see {@link AccountingRepository.issueDocument}).
   */
  readonly issuedAt: Date;
  readonly paidAt: string | null;
  readonly paymentMethod: string | null;
  readonly paymentLabel: string | null;
  readonly lines: readonly IssuedLineInput[];
  readonly taxes: readonly {
    readonly rate: DecimalInput;
    readonly base: DecimalInput;
    readonly amount: DecimalInput;
  }[];
  readonly totalTaxExcl: DecimalInput;
  readonly totalTax: DecimalInput;
  readonly totalTaxIncl: DecimalInput;
  readonly storeTotalTaxExcl: DecimalInput | null;
  readonly storeTotalTaxIncl: DecimalInput | null;
  readonly totalsDifference: DecimalInput | null;
}

export interface InvoiceListQuery {
  readonly storeId?: number;
  readonly kind?: InvoiceKind;
  /** Issue dates, inclusive, `YYYY-MM-DD` (UTC days of `issued_at`). */
  readonly from?: string;
  readonly to?: string;
  readonly orderId?: number;
  /** Only those whose totals differ from the store's. */
  readonly differences?: boolean;
  readonly afterId?: number;
  readonly limit?: number;
}

/** An invoice in a list: its head, without lines. */
export type InvoiceSummary = Omit<Invoice, 'lines' | 'taxes'>;

export interface JournalLineInput {
  readonly account: string;
  readonly debit?: DecimalInput;
  readonly credit?: DecimalInput;
  readonly label?: string | null;
  readonly accountLabel?: string | null;
  /** Auxiliary (customer) account, FEC `CompAuxNum`. */
  readonly auxAccount?: string | null;
  readonly auxLabel?: string | null;
}

/** A journal entry of a store, numbered in its journal ({@link AccountingRepository.postJournalEntry}). */
export interface PostJournalEntryInput {
  readonly storeId: number;
  /** `VE`, `BQ`: the entry number is `<journal><year>-<6-digit sequence>`, per store, journal and year. */
  readonly journalCode: string;
  /** Posted once per key: a second post returns the first entry. */
  readonly sourceKey: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly reference: string;
  readonly description: string;
  readonly invoiceId: number | null;
  readonly orderId: number | null;
  readonly lines: readonly JournalLineInput[];
}

export interface JournalEntry {
  readonly id: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly reference: string;
  readonly description: string;
  readonly invoiceId: number | null;
  readonly orderId: number | null;
  readonly storeId: number | null;
  readonly journalCode: string;
  /** Number in its journal (FEC `EcritureNum`); null for entries added by hand. */
  readonly entryNumber: string | null;
  readonly sourceKey: string | null;
  /** When it was written (ISO instant): FEC `ValidDate`. */
  readonly createdAt: string;
  readonly lines: readonly JournalEntryLine[];
}

export interface JournalEntryLine {
  readonly account: string;
  readonly debit: string;
  readonly credit: string;
  readonly label: string | null;
  readonly accountLabel: string | null;
  readonly auxAccount: string | null;
  readonly auxLabel: string | null;
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
      ...invoiceSummary(row),
      lines: lines.map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitPriceTaxExcl: line.unit_price_tax_excl,
        taxRate: line.tax_rate,
        totalTaxExcl: line.total_tax_excl,
        totalTax: line.total_tax,
        kind: line.kind,
        familyCode: line.family_code,
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
    const lines = balancedLines(input);
    const id = await write(this.#ctx, (db) => this.#insertEntry(db, input, lines, null));
    return this.#journalEntry(id);
  }

  /**
   * Posts a store's journal entry once per `sourceKey`, numbered in its journal without gaps: the
   * number is taken in the same transaction as the entry (inside the caller's, when there is one),
   * after the sequence row is locked, so concurrent posters neither skip nor share a number.
   */
  async postJournalEntry(input: PostJournalEntryInput): Promise<{ entry: JournalEntry; created: boolean }> {
    const lines = balancedLines(input);
    const year = input.date.slice(0, 4);
    const result = await write(this.#ctx, async (db) => {
      const sequence = `journal:${input.storeId}:${input.journalCode}:${year}`;
      await lockSequence(db, this.#ctx, sequence);
      const existing = await db
        .selectFrom('journal_entries')
        .select('id')
        .where('source_key', '=', input.sourceKey)
        .executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
      const value = await takeNext(db, sequence);
      const id = await this.#insertEntry(db, input, lines, {
        storeId: input.storeId,
        journalCode: input.journalCode,
        entryNumber: `${input.journalCode}${year}-${String(value).padStart(6, '0')}`,
        sourceKey: input.sourceKey,
      });
      return { id, created: true };
    });
    return { entry: await this.#journalEntry(result.id), created: result.created };
  }

  async #journalEntry(id: number): Promise<JournalEntry> {
    const [entry] = await this.journalEntries({ ids: [id] });
    if (!entry) throw new NotFoundError(`Journal entry ${id} vanished.`);
    return entry;
  }

  async #insertEntry(
    db: Kysely<HubDatabase>,
    input: {
      date: string;
      reference: string;
      description: string;
      invoiceId?: number | null;
      orderId?: number | null;
    },
    lines: readonly BalancedLine[],
    numbering: { storeId: number; journalCode: string; entryNumber: string; sourceKey: string } | null,
  ): Promise<number> {
    const entry = await db
      .insertInto('journal_entries')
      .values({
        entry_date: input.date,
        reference: input.reference,
        description: input.description,
        invoice_id: input.invoiceId ?? null,
        order_id: input.orderId ?? null,
        created_at: nowIso(this.#ctx),
        ...(numbering === null
          ? {}
          : {
              store_id: numbering.storeId,
              journal_code: numbering.journalCode,
              entry_number: numbering.entryNumber,
              source_key: numbering.sourceKey,
            }),
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
          label: line.label ?? null,
          account_label: line.accountLabel ?? null,
          aux_account: line.auxAccount ?? null,
          aux_label: line.auxLabel ?? null,
        })),
      )
      .execute();
    return entry.id;
  }

  /**
   * Issues an invoice or credit note once per `sourceKey`, numbered without gaps in its store's
   * sequence for its kind and year (the store-local year of `issuedAt`): the sequence row is locked,
   * the key checked, the number taken and the document written in one transaction (the caller's, when
   * there is one). A second issue of the same key returns the first document and takes no number; a
   * rolled-back transaction gives its number back.
   *
   * Numbers are chronological: under the same lock, a document dated before the latest-dated one of
   * its sequence is dated like that one (same year, so same sequence), so that a higher number never
   * carries an earlier date. The caller compares the returned `issuedAt` with the date it asked for.
   */
  async issueDocument(input: IssueDocumentInput): Promise<{ invoice: Invoice; created: boolean }> {
    if (input.lines.length === 0) throw new InvalidRecordError('An invoice needs at least one line.');
    const result = await write(this.#ctx, async (db) => {
      const store = await db
        .selectFrom('stores')
        .select('time_zone')
        .where('id', '=', input.storeId)
        .executeTakeFirst();
      if (!store) throw new NotFoundError(`No store with id ${input.storeId}.`);
      const year = Number(instantToStoreLocal(input.issuedAt, store.time_zone).slice(0, 4));
      const sequence = `${input.kind === 'invoice' ? 'invoice' : 'credit-note'}:${input.storeId}:${year}`;
      await lockSequence(db, this.#ctx, sequence);
      const existing = await db
        .selectFrom('invoices')
        .select('id')
        .where('source_key', '=', input.sourceKey)
        .executeTakeFirst();
      if (existing) return { id: existing.id, created: false };
      const issuedAt = await this.#chronologicalDate(db, input, year, store.time_zone);
      const value = await takeNext(db, sequence);
      const number = `${input.prefix}${year}-${String(value).padStart(6, '0')}`;
      const clash = await db
        .selectFrom('invoices')
        .select('store_id')
        .where('number', '=', number)
        .executeTakeFirst();
      if (clash) {
        throw new InvalidRecordError(
          `Invoice number ${number} is already used (store ${clash.store_id ?? 'none'}): give each store its own invoice prefix (\`prestabridge stores set NAME invoices.numberPrefix=...\`).`,
        );
      }
      const invoice = await db
        .insertInto('invoices')
        .values({
          number,
          order_id: input.orderId,
          currency: input.currency.toUpperCase(),
          issued_at: issuedAt,
          total_tax_excl: toStoredDecimal(input.totalTaxExcl),
          total_tax: toStoredDecimal(input.totalTax),
          total_tax_incl: toStoredDecimal(input.totalTaxIncl),
          paid_at: input.paidAt,
          created_at: nowIso(this.#ctx),
          store_id: input.storeId,
          kind: input.kind,
          source_key: input.sourceKey,
          credited_invoice_id: input.creditedInvoiceId ?? null,
          store_total_tax_excl: toStoredDecimalOrNull(input.storeTotalTaxExcl),
          store_total_tax_incl: toStoredDecimalOrNull(input.storeTotalTaxIncl),
          totals_difference: toStoredDecimalOrNull(input.totalsDifference),
          payment_method: input.paymentMethod,
          payment_label: input.paymentLabel,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('invoice_lines')
        .values(
          input.lines.map((line, index) => ({
            invoice_id: invoice.id,
            line_no: index + 1,
            description: line.description,
            quantity: line.quantity,
            unit_price_tax_excl: toStoredDecimal(line.unitPriceTaxExcl),
            tax_rate: toStoredDecimal(line.taxRate),
            total_tax_excl: toStoredDecimal(line.totalTaxExcl),
            total_tax: toStoredDecimal(line.totalTax),
            kind: line.kind ?? 'product',
            family_code: line.familyCode ?? null,
          })),
        )
        .execute();
      if (input.taxes.length > 0) {
        await db
          .insertInto('invoice_taxes')
          .values(
            input.taxes.map((tax) => ({
              invoice_id: invoice.id,
              tax_rate: toStoredDecimal(tax.rate),
              base: toStoredDecimal(tax.base),
              amount: toStoredDecimal(tax.amount),
            })),
          )
          .execute();
      }
      return { id: invoice.id, created: true };
    });
    return { invoice: await this.getInvoice(result.id), created: result.created };
  }

  /**
   * The date a new document of a sequence gets: the date asked for, or the latest date of the
   * documents already in its sequence (the store's documents of its kind dated in its store-local
   * year) when that is later. Call with the sequence locked.
   */
  async #chronologicalDate(
    db: Kysely<HubDatabase>,
    input: IssueDocumentInput,
    year: number,
    timeZone: string,
  ): Promise<string> {
    const wanted = input.issuedAt.toISOString();
    const yearStart = storeLocalToInstant(`${year}-01-01 00:00:00`, timeZone) ?? wanted;
    const nextYearStart = storeLocalToInstant(`${year + 1}-01-01 00:00:00`, timeZone) ?? wanted;
    const latest = await db
      .selectFrom('invoices')
      .select('issued_at')
      .where('store_id', '=', input.storeId)
      .where('kind', '=', input.kind)
      .where('issued_at', '>=', yearStart)
      .where('issued_at', '<', nextYearStart)
      .orderBy('issued_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest === undefined) return wanted;
    const latestAt = new Date(latest.issued_at).toISOString();
    return latestAt > wanted ? latestAt : wanted;
  }

  /** Invoices and credit notes, newest number last (by id), without their lines. */
  async listInvoices(query: InvoiceListQuery = {}): Promise<InvoiceSummary[]> {
    let select = this.#ctx.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '>', query.afterId ?? 0);
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    if (query.kind !== undefined) select = select.where('kind', '=', query.kind);
    if (query.orderId !== undefined) select = select.where('order_id', '=', query.orderId);
    if (query.from !== undefined) select = select.where('issued_at', '>=', `${query.from}T00:00:00.000Z`);
    if (query.to !== undefined) select = select.where('issued_at', '<=', `${query.to}T23:59:59.999Z`);
    if (query.differences === true) {
      // Stored decimals: text with 6 places on SQLite ('0.000000'), numeric on PostgreSQL.
      select = select
        .where('totals_difference', 'is not', null)
        .where('totals_difference', '!=', this.#ctx.engine.kind === 'sqlite' ? '0.000000' : '0');
    }
    const rows = await select
      .orderBy('id')
      .limit(query.limit ?? 200)
      .execute();
    return rows.map(invoiceSummary);
  }

  /**
   * A store's orders that reached one of `paidStates` (now or in their history) and have no invoice
   * yet, in the order they were paid (the first paid state's date in their history, else their
   * placing; then by id), after the cursor `after`: everything needed to invoice them, so that invoice
   * numbers follow the payment dates.
   */
  async ordersToInvoice(
    storeId: number,
    paidStates: readonly number[],
    page: { after: InvoiceCursor | null; limit: number },
  ): Promise<InvoiceCandidate[]> {
    if (paidStates.length === 0) return [];
    const db = this.#ctx.db;
    const candidates = db
      .selectFrom('orders as o')
      .leftJoin('bindings as b', (join) =>
        join
          .onRef('b.local_id', '=', 'o.id')
          .on('b.resource', '=', 'orders')
          .onRef('b.store_id', '=', 'o.store_id'),
      )
      .select((eb) => [
        'o.id',
        'o.reference',
        'o.currency',
        'o.customer_id',
        'o.billing_address',
        'o.total_paid_tax_excl',
        'o.total_paid_tax_incl',
        'o.payment_label',
        'o.payment_module',
        'o.payment_method_id',
        'b.external_id',
        eb.fn
          .coalesce(
            eb
              .selectFrom('order_state_history as h')
              .select((inner) => inner.fn.min('h.changed_at').as('first_paid'))
              .whereRef('h.order_id', '=', 'o.id')
              .where('h.state_id', 'in', paidStates),
            'o.placed_at',
          )
          .as('paid_at'),
      ])
      .where('o.store_id', '=', storeId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('invoices as i')
              .select('i.id')
              .whereRef('i.order_id', '=', 'o.id')
              .where('i.kind', '=', 'invoice'),
          ),
        ),
      )
      .where((eb) =>
        eb.or([
          eb('o.store_state_id', 'in', paidStates),
          eb.exists(
            eb
              .selectFrom('order_state_history as h')
              .select('h.id')
              .whereRef('h.order_id', '=', 'o.id')
              .where('h.state_id', 'in', paidStates),
          ),
        ]),
      )
      .as('c');
    const after = page.after;
    const rows = await db
      .selectFrom(candidates)
      .selectAll()
      .$if(after !== null, (select) =>
        select.where((eb) =>
          eb.or([
            eb('c.paid_at', '>', after!.paidAt),
            eb.and([eb('c.paid_at', '=', after!.paidAt), eb('c.id', '>', after!.orderId)]),
          ]),
        ),
      )
      .orderBy('c.paid_at')
      .orderBy('c.id')
      .limit(page.limit)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [lines, methods] = await Promise.all([
      db
        .selectFrom('order_lines as l')
        .leftJoin('variants as v', 'v.id', 'l.variant_id')
        .leftJoin('products as p', 'p.id', 'v.product_id')
        .leftJoin('tax_rates as t', 't.id', 'p.tax_rate_id')
        .leftJoin('families as f', 'f.id', 'p.family_id')
        .select([
          'l.order_id',
          'l.kind',
          'l.name',
          'l.quantity',
          'l.unit_price_tax_excl',
          'l.unit_price_tax_incl',
          'l.tax_rate',
          't.rate as product_tax_rate',
          'f.code as family_code',
        ])
        .where('l.order_id', 'in', ids)
        .orderBy('l.order_id')
        .orderBy('l.line_no')
        .execute(),
      db.selectFrom('payment_methods').select(['id', 'code']).execute(),
    ]);
    const methodCodes = new Map(methods.map((method) => [method.id, method.code]));
    return rows.map((row) => {
      const billing = parseJson<{ firstName?: string; lastName?: string; company?: string | null }>(
        row.billing_address,
        {},
      );
      const name =
        billing.company?.trim() || [billing.firstName, billing.lastName].filter(Boolean).join(' ').trim();
      return {
        orderId: row.id,
        externalId: row.external_id,
        reference: row.reference,
        currency: row.currency,
        customerId: row.customer_id,
        customerName: name || null,
        storeTotalTaxExcl: row.total_paid_tax_excl,
        storeTotalTaxIncl: row.total_paid_tax_incl,
        paymentMethod:
          row.payment_method_id === null ? null : (methodCodes.get(row.payment_method_id) ?? null),
        paymentLabel: row.payment_label ?? row.payment_module,
        paidAt: new Date(row.paid_at).toISOString(),
        lines: lines
          .filter((line) => line.order_id === row.id)
          .map((line) => ({
            kind: line.kind,
            name: line.name,
            quantity: line.quantity,
            unitPriceTaxExcl: line.unit_price_tax_excl,
            unitPriceTaxIncl: line.unit_price_tax_incl,
            taxRate: line.tax_rate,
            productTaxRate: line.product_tax_rate,
            familyCode: line.family_code,
          })),
      };
    });
  }

  /**
   * A store's invoices whose order the store cancelled or refunded (hub status `cancelled`, or a
   * store state in `creditStates`) and that have no cancellation credit note yet (`order:<id>:credit-note`;
   * the credit notes of partial refunds do not count), by id after `afterId`.
   */
  async invoicesToCredit(
    storeId: number,
    creditStates: readonly number[],
    page: { afterId: number; limit: number },
  ): Promise<Invoice[]> {
    const rows = await this.#ctx.db
      .selectFrom('invoices as i')
      .innerJoin('orders as o', 'o.id', 'i.order_id')
      .select('i.id')
      .where('i.store_id', '=', storeId)
      .where('i.kind', '=', 'invoice')
      .where('i.id', '>', page.afterId)
      .where((eb) =>
        eb.or([
          eb('o.hub_status', '=', 'cancelled'),
          ...(creditStates.length > 0 ? [eb('o.store_state_id', 'in', creditStates)] : []),
        ]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('invoices as c')
              .select('c.id')
              .where(
                'c.source_key',
                '=',
                sql<string>`${sql.lit('order:')} || cast(o.id as text) || ${sql.lit(':credit-note')}`,
              ),
          ),
        ),
      )
      .orderBy('i.id')
      .limit(page.limit)
      .execute();
    return Promise.all(rows.map((row) => this.getInvoice(row.id)));
  }

  /**
   * A store's invoices and credit notes that lack their sale entry (journal `salesJournal`) or, once
   * paid, their payment entry (`bankJournal`), by id after `afterId`.
   */
  async invoicesWithoutEntries(
    storeId: number,
    page: { afterId: number; limit: number },
  ): Promise<Array<{ invoice: Invoice; customerId: number | null; customerName: string | null }>> {
    const rows = await this.#ctx.db
      .selectFrom('invoices as i')
      .leftJoin('orders as o', 'o.id', 'i.order_id')
      .select(['i.id', 'o.customer_id', 'o.billing_address'])
      .where('i.store_id', '=', storeId)
      .where('i.id', '>', page.afterId)
      .where((eb) =>
        eb.or([
          eb.not(
            eb.exists(
              eb
                .selectFrom('journal_entries as s')
                .select('s.id')
                .where(
                  's.source_key',
                  '=',
                  sql<string>`${sql.lit('invoice:')} || cast(i.id as text) || ${sql.lit(':sale')}`,
                ),
            ),
          ),
          eb.and([
            eb('i.paid_at', 'is not', null),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('journal_entries as p')
                  .select('p.id')
                  .where(
                    'p.source_key',
                    '=',
                    sql<string>`${sql.lit('invoice:')} || cast(i.id as text) || ${sql.lit(':payment')}`,
                  ),
              ),
            ),
          ]),
        ]),
      )
      .orderBy('i.id')
      .limit(page.limit)
      .execute();
    return Promise.all(
      rows.map(async (row) => {
        const billing = parseJson<{ firstName?: string; lastName?: string; company?: string | null }>(
          row.billing_address,
          {},
        );
        const name =
          billing.company?.trim() || [billing.firstName, billing.lastName].filter(Boolean).join(' ').trim();
        return {
          invoice: await this.getInvoice(row.id),
          customerId: row.customer_id,
          customerName: name || null,
        };
      }),
    );
  }

  /** The credit notes issued against an invoice (its refunds' and its cancellation's), by id. */
  async creditNotesOf(invoiceId: number): Promise<Invoice[]> {
    const rows = await this.#ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('credited_invoice_id', '=', invoiceId)
      .where('kind', '=', 'credit_note')
      .orderBy('id')
      .execute();
    return Promise.all(rows.map((row) => this.getInvoice(row.id)));
  }

  /** An invoice by its number (`INV-2026-000012`). */
  async findInvoiceByNumber(number: string): Promise<Invoice | undefined> {
    const row = await this.#ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? this.getInvoice(row.id) : undefined;
  }

  /** The invoice or credit note issued for a source key (`order:12:invoice`), if any. */
  async findInvoiceBySourceKey(sourceKey: string): Promise<Invoice | undefined> {
    const row = await this.#ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('source_key', '=', sourceKey)
      .executeTakeFirst();
    return row ? this.getInvoice(row.id) : undefined;
  }

  /**
   * Journal entries by date range (inclusive, `YYYY-MM-DD`), oldest first. Pages with `afterId` are
   * by id: pass `order: 'id'` to page through a range.
   */
  async journalEntries(
    query: {
      from?: string;
      to?: string;
      ids?: readonly number[];
      afterId?: number;
      limit?: number;
      storeId?: number;
      journalCode?: string;
      invoiceId?: number;
      order?: 'date' | 'id';
    } = {},
  ): Promise<JournalEntry[]> {
    let select = this.#ctx.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '>', query.afterId ?? 0);
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    if (query.journalCode !== undefined) select = select.where('journal_code', '=', query.journalCode);
    if (query.invoiceId !== undefined) select = select.where('invoice_id', '=', query.invoiceId);
    if (query.from !== undefined) select = select.where('entry_date', '>=', query.from);
    if (query.to !== undefined) select = select.where('entry_date', '<=', query.to);
    if (query.ids !== undefined) select = select.where('id', 'in', query.ids.length > 0 ? query.ids : [0]);
    const entries = await (query.order === 'id' ? select : select.orderBy('entry_date'))
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
    const byEntry = new Map<number, JournalEntryLine[]>();
    for (const line of lines) {
      const list = byEntry.get(line.entry_id) ?? [];
      list.push({
        account: line.account,
        debit: line.debit,
        credit: line.credit,
        label: line.label,
        accountLabel: line.account_label,
        auxAccount: line.aux_account,
        auxLabel: line.aux_label,
      });
      byEntry.set(line.entry_id, list);
    }
    return entries.map((entry) => ({
      id: entry.id,
      date: entry.entry_date,
      reference: entry.reference,
      description: entry.description,
      invoiceId: entry.invoice_id,
      orderId: entry.order_id,
      storeId: entry.store_id,
      journalCode: entry.journal_code,
      entryNumber: entry.entry_number,
      sourceKey: entry.source_key,
      createdAt: entry.created_at,
      lines: byEntry.get(entry.id) ?? [],
    }));
  }
}

type BalancedLine = JournalLineInput & { readonly debit: Decimal; readonly credit: Decimal };

/** The lines of an entry with their amounts read; refuses an entry whose debits differ from its credits. */
function balancedLines(input: {
  readonly date: string;
  readonly reference: string;
  readonly lines: readonly JournalLineInput[];
}): BalancedLine[] {
  if (!DATE.test(input.date))
    throw new InvalidRecordError(`Journal entry date must be YYYY-MM-DD, got '${input.date}'.`);
  const lines = input.lines.map((line) => ({
    ...line,
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
  return lines;
}

/**
 * Creates the sequence row if needed and locks it until the transaction ends (PostgreSQL: the
 * upsert's row lock; SQLite: the transaction already holds the write lock), so that what is checked
 * next and the number taken after it cannot interleave with another transaction's.
 */
async function lockSequence(db: Kysely<HubDatabase>, ctx: HubContext, name: string): Promise<void> {
  await bulkInsert(db, ctx.engine, 'number_sequences', [{ name, next_value: 0 }], {
    conflict: ['name'],
    updateRaw: ['"next_value" = "number_sequences"."next_value"'],
  });
}

/** The next number of a locked sequence (`next_value` holds the last number taken). */
async function takeNext(db: Kysely<HubDatabase>, name: string): Promise<number> {
  const row = await db
    .updateTable('number_sequences')
    .set((eb) => ({ next_value: eb('next_value', '+', 1) }))
    .where('name', '=', name)
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return row.next_value;
}

function invoiceSummary(row: Selectable<InvoicesTable>): InvoiceSummary {
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
    storeId: row.store_id,
    kind: row.kind === 'credit_note' ? 'credit_note' : 'invoice',
    sourceKey: row.source_key,
    creditedInvoiceId: row.credited_invoice_id,
    storeTotalTaxExcl: row.store_total_tax_excl,
    storeTotalTaxIncl: row.store_total_tax_incl,
    totalsDifference: row.totals_difference,
    paymentMethod: row.payment_method,
    paymentLabel: row.payment_label,
  };
}

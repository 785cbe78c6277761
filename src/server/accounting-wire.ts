import type { Invoice, InvoiceSummary, JournalEntry } from '../hub/index.js';

/** Wire shapes of invoices and journal entries (docs/api.md, docs/accounting.md). */

const text = { type: 'string' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;
const decimal = { type: 'string', description: 'Decimal string, exact.' } as const;
const nullableDecimal = { type: ['string', 'null'], description: 'Decimal string, exact.' } as const;

const summaryProperties = {
  id: { type: 'integer' },
  number: { ...text, description: '`<prefix><year>-<sequence>`, gapless per store, kind and year.' },
  kind: { type: 'string', enum: ['invoice', 'credit_note'] },
  storeId: nullableInteger,
  orderId: nullableInteger,
  creditedInvoiceId: { ...nullableInteger, description: 'The invoice a credit note cancels.' },
  currency: text,
  issuedAt: text,
  totalTaxExcl: decimal,
  totalTax: decimal,
  totalTaxIncl: decimal,
  storeTotalTaxExcl: nullableDecimal,
  storeTotalTaxIncl: nullableDecimal,
  totalsDifference: {
    ...nullableDecimal,
    description:
      "Invoice total with tax − the store's; non-zero is a flagged difference, never patched over.",
  },
  paidAt: nullableText,
  paymentMethod: nullableText,
  paymentLabel: nullableText,
} as const;

export const apiInvoiceSummarySchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryProperties),
  properties: summaryProperties,
} as const;

export const apiInvoiceSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(summaryProperties), 'lines', 'taxes'],
  properties: {
    ...summaryProperties,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'description',
          'kind',
          'quantity',
          'unitPriceTaxExcl',
          'taxRate',
          'totalTaxExcl',
          'totalTax',
        ],
        properties: {
          description: text,
          kind: { type: 'string', description: 'product, shipping or discount.' },
          familyCode: nullableText,
          quantity: { type: 'integer' },
          unitPriceTaxExcl: decimal,
          taxRate: decimal,
          totalTaxExcl: decimal,
          totalTax: decimal,
        },
      },
    },
    taxes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rate', 'base', 'amount'],
        properties: { rate: decimal, base: decimal, amount: decimal },
      },
    },
  },
} as const;

export const apiJournalEntrySchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'date',
    'journalCode',
    'entryNumber',
    'reference',
    'description',
    'invoiceId',
    'orderId',
    'storeId',
    'lines',
  ],
  properties: {
    id: { type: 'integer' },
    date: { ...text, description: 'YYYY-MM-DD, store-local.' },
    journalCode: text,
    entryNumber: { ...nullableText, description: 'Number in its journal (FEC EcritureNum).' },
    reference: { ...text, description: 'The invoice or credit note number.' },
    description: text,
    invoiceId: nullableInteger,
    orderId: nullableInteger,
    storeId: nullableInteger,
    lines: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['account', 'debit', 'credit'],
        properties: {
          account: text,
          debit: decimal,
          credit: decimal,
          label: nullableText,
          auxAccount: nullableText,
          auxLabel: nullableText,
        },
      },
    },
  },
} as const;

/** A page of items and the path of the next page. */
export function pageOf(items: object, description: string) {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['items', 'next'],
    properties: {
      items: { type: 'array', items },
      next: { ...nullableText, description: 'Path of the next page, or null.' },
    },
  } as const;
}

export const dateQuery = (what: string) =>
  ({
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: `${what} (YYYY-MM-DD, inclusive).`,
  }) as const;

/** An invoice's head as the API sends it (its source key is internal). */
export function toApiInvoiceSummary(invoice: InvoiceSummary): Omit<InvoiceSummary, 'sourceKey'> {
  const { sourceKey: _internal, ...summary } = invoice;
  return summary;
}

export function toApiInvoice(invoice: Invoice): Omit<Invoice, 'sourceKey'> {
  const { sourceKey: _internal, ...rest } = invoice;
  return rest;
}

export function toApiJournalEntry(entry: JournalEntry) {
  return {
    id: entry.id,
    date: entry.date,
    journalCode: entry.journalCode,
    entryNumber: entry.entryNumber,
    reference: entry.reference,
    description: entry.description,
    invoiceId: entry.invoiceId,
    orderId: entry.orderId,
    storeId: entry.storeId,
    lines: entry.lines.map(({ account, debit, credit, label, auxAccount, auxLabel }) => ({
      account,
      debit,
      credit,
      label,
      auxAccount,
      auxLabel,
    })),
  };
}

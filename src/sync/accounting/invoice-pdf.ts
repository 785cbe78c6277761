import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { Decimal, instantToStoreLocal, type Invoice, type OrderAddress } from '../../hub/index.js';

// pdfkit's types declare a CommonJS `export =`, which this project's settings (no esModuleInterop)
// cannot default-import; its CommonJS build is loaded instead, with those types.
// eslint-disable-next-line @typescript-eslint/consistent-type-imports -- the only way to name an `export =` module's type here
const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');

/** What an invoice PDF shows besides the invoice: who sells, who buys, what it refers to. */
export interface InvoicePdfParties {
  /** The seller: the store's name (and shop name on a multistore). */
  readonly seller: string;
  readonly billingAddress: OrderAddress | null;
  /** The store's order reference. */
  readonly orderReference: string | null;
  /** The number of the invoice a credit note cancels. */
  readonly creditedNumber: string | null;
  /** The store's time zone: the date printed is the store-local day, as the number's year is (default UTC). */
  readonly timeZone?: string;
}

/** Thrown when the DejaVu fonts the PDFs embed are not installed beside the package. */
export class InvoiceFontMissingError extends Error {
  constructor(font: string) {
    super(
      `The font ${font} (npm package dejavu-fonts-ttf) is missing: reinstall prestabridge's dependencies (npm ci) to render invoice PDFs.`,
    );
    this.name = 'InvoiceFontMissingError';
  }
}

/** The TrueType files of the `dejavu-fonts-ttf` package, found where Node resolves packages from here. */
function fontFile(name: string): string {
  const require = createRequire(import.meta.url);
  for (const folder of require.resolve.paths('dejavu-fonts-ttf') ?? []) {
    const file = join(folder, 'dejavu-fonts-ttf', 'ttf', name);
    if (existsSync(file)) return file;
  }
  throw new InvoiceFontMissingError(name);
}

function money(value: string, currency: string): string {
  return `${Decimal.from(value).toFixed(2)} ${currency}`;
}

/**
 * An invoice or credit note as a one-document PDF (A4), rendered with pdfkit in DejaVu Sans, which
 * is embedded (subset) so the file reads the same everywhere; nothing is fetched. The document dates
 * are the invoice's, so the same invoice renders to the same bytes.
 *
 * @example
 * const pdf = await renderInvoicePdf(invoice, { seller: 'My shop', billingAddress, orderReference: 'XKBKNABJK', creditedNumber: null });
 */
export async function renderInvoicePdf(invoice: Invoice, parties: InvoicePdfParties): Promise<Buffer> {
  const regular = fontFile('DejaVuSans.ttf');
  const bold = fontFile('DejaVuSans-Bold.ttf');
  const issued = new Date(invoice.issuedAt);
  const title = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    font: regular,
    info: {
      Title: `${title} ${invoice.number}`,
      Author: parties.seller,
      Producer: 'PrestaBridge',
      Creator: 'PrestaBridge',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  doc.font('bold').fontSize(18).text(`${title} ${invoice.number}`);
  doc.font('regular').fontSize(10).moveDown(0.5);
  doc.text(parties.seller);
  const day =
    parties.timeZone === undefined
      ? invoice.issuedAt.slice(0, 10)
      : instantToStoreLocal(invoice.issuedAt, parties.timeZone).slice(0, 10);
  doc.text(`Date: ${day}`);
  if (parties.orderReference !== null) doc.text(`Order: ${parties.orderReference}`);
  if (parties.creditedNumber !== null) doc.text(`Cancels invoice ${parties.creditedNumber}`);
  if (parties.billingAddress !== null) {
    const address = parties.billingAddress;
    doc.moveDown().font('bold').text('Bill to').font('regular');
    for (const line of [
      address.company ?? '',
      `${address.firstName} ${address.lastName}`.trim(),
      address.address1,
      address.address2 ?? '',
      `${address.postcode ?? ''} ${address.city}`.trim(),
      address.countryIso ?? '',
      address.vatNumber ? `VAT ${address.vatNumber}` : '',
    ]) {
      if (line.trim() !== '') doc.text(line);
    }
  }

  doc.moveDown();
  const columns = [50, 280, 330, 410, 460];
  const row = (cells: readonly string[], font: 'regular' | 'bold' = 'regular'): void => {
    const y = doc.y;
    doc.font(font);
    cells.forEach((cell, index) => {
      const x = columns[index] ?? 50;
      const width = (columns[index + 1] ?? 545) - x - 5;
      doc.text(cell, x, y, { width, align: index === 0 ? 'left' : 'right' });
    });
    doc.moveDown(0.3);
    doc.x = 50;
  };
  row(['Description', 'Qty', 'Unit excl. tax', 'Tax %', 'Total excl. tax'], 'bold');
  for (const line of invoice.lines) {
    row([
      line.description,
      String(line.quantity),
      Decimal.from(line.unitPriceTaxExcl).toFixed(2),
      Decimal.from(line.taxRate).toString(),
      Decimal.from(line.totalTaxExcl).toFixed(2),
    ]);
  }
  doc.moveDown();
  row(['Tax', '', 'Base', '', 'Amount'], 'bold');
  for (const tax of invoice.taxes) {
    row([
      `VAT ${Decimal.from(tax.rate).toString()} %`,
      '',
      money(tax.base, invoice.currency),
      '',
      money(tax.amount, invoice.currency),
    ]);
  }
  doc.moveDown();
  row(['Total excl. tax', '', '', '', money(invoice.totalTaxExcl, invoice.currency)]);
  row(['Tax', '', '', '', money(invoice.totalTax, invoice.currency)]);
  row(['Total incl. tax', '', '', '', money(invoice.totalTaxIncl, invoice.currency)], 'bold');
  doc.moveDown();
  if (invoice.paidAt !== null) {
    const verb = invoice.kind === 'credit_note' ? 'Refunded' : 'Paid';
    const method = invoice.paymentLabel ?? invoice.paymentMethod;
    doc.text(`${verb} on ${invoice.paidAt.slice(0, 10)}${method === null ? '' : ` (${method})`}.`, 50);
  }
  const difference = Decimal.from(invoice.totalsDifference ?? 0);
  if (!difference.isZero()) {
    doc.text(
      `The store's total was ${money(invoice.storeTotalTaxIncl ?? '0', invoice.currency)}: a difference of ${money(difference.toString(), invoice.currency)}.`,
      50,
    );
  }
  doc.end();
  return done;
}

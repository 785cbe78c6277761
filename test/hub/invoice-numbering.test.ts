import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Hub, IssueDocumentInput, Store } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

const DOCUMENTS = 40;
const WORKERS = 4;

function document(storeId: number, key: number): IssueDocumentInput {
  return {
    storeId,
    kind: 'invoice',
    sourceKey: `test:${key}:invoice`,
    orderId: null,
    prefix: 'T-',
    currency: 'EUR',
    issuedAt: new Date('2026-06-01T10:00:00Z'),
    paidAt: null,
    paymentMethod: null,
    paymentLabel: null,
    lines: [
      {
        description: `item ${key}`,
        quantity: 1,
        unitPriceTaxExcl: '10',
        taxRate: '20',
        totalTaxExcl: '10',
        totalTax: '2',
      },
    ],
    taxes: [{ rate: '20', base: '10', amount: '2' }],
    totalTaxExcl: '10',
    totalTax: '2',
    totalTaxIncl: '12',
    storeTotalTaxExcl: '10',
    storeTotalTaxIncl: '12',
    totalsDifference: '0',
  };
}

describeEachEngine('invoice numbering', (engine) => {
  let first: Hub;
  let second: Hub;
  let store: Store;

  beforeAll(async () => {
    first = await engine.openHub();
    second = await engine.openHub();
    store = await first.stores.create({
      name: 'numbered',
      url: 'https://shop.example.com',
      webserviceKey: 'A'.repeat(32),
      timeZone: 'Europe/Paris',
    });
  });
  afterAll(async () => {
    await second.close();
  });

  it('numbers without gaps or duplicates when two hubs on one database issue the same documents at once', async () => {
    // Each hub runs several workers; one hub walks the keys up, the other down, so every key is raced.
    const worker = async (hub: Hub, keys: readonly number[]) => {
      for (const key of keys) await hub.accounting.issueDocument(document(store.id, key));
    };
    const up = Array.from({ length: DOCUMENTS }, (_, index) => index + 1);
    const down = [...up].reverse();
    const slices = (keys: readonly number[]) =>
      Array.from({ length: WORKERS }, (_, w) => keys.filter((_, index) => index % WORKERS === w));
    await Promise.all([
      ...slices(up).map((keys) => worker(first, keys)),
      ...slices(down).map((keys) => worker(second, keys)),
    ]);

    const invoices = await first.accounting.listInvoices({ storeId: store.id, limit: 1000 });
    expect(invoices).toHaveLength(DOCUMENTS);
    expect(new Set(invoices.map((invoice) => invoice.sourceKey)).size).toBe(DOCUMENTS);
    expect(invoices.map((invoice) => invoice.number).sort()).toEqual(
      up.map((value) => `T-2026-${String(value).padStart(6, '0')}`),
    );
  });

  it('gives back the number of a transaction that rolled back', async () => {
    await expect(
      first.transaction(async (tx) => {
        const { invoice } = await tx.accounting.issueDocument(document(store.id, 1000));
        expect(invoice.number).toBe(`T-2026-${String(DOCUMENTS + 1).padStart(6, '0')}`);
        throw new Error('crash after numbering');
      }),
    ).rejects.toThrow('crash after numbering');
    const { invoice, created } = await second.accounting.issueDocument(document(store.id, 1001));
    expect(created).toBe(true);
    expect(invoice.number).toBe(`T-2026-${String(DOCUMENTS + 1).padStart(6, '0')}`);
    expect(await first.accounting.findInvoiceBySourceKey('test:1000:invoice')).toBeUndefined();
  });

  it('never dates a higher number before a lower one: a late document takes the latest date of its sequence', async () => {
    const later = await first.accounting.issueDocument({
      ...document(store.id, 4000),
      issuedAt: new Date('2026-09-10T08:00:00Z'),
    });
    expect(later.invoice.issuedAt).toBe('2026-09-10T08:00:00.000Z');
    // Paid in August, issued after September's: dated like September's, numbered after it.
    const late = await second.accounting.issueDocument({
      ...document(store.id, 4001),
      issuedAt: new Date('2026-08-01T08:00:00Z'),
    });
    expect(late.invoice.issuedAt).toBe('2026-09-10T08:00:00.000Z');
    expect(late.invoice.number > later.invoice.number).toBe(true);
    const invoices = await first.accounting.listInvoices({ storeId: store.id, kind: 'invoice', limit: 1000 });
    const dates = invoices.map((invoice) => Date.parse(invoice.issuedAt));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  it("takes the year from the document's date in the store's time zone", async () => {
    const zoned = await first.stores.create({
      name: 'zoned',
      url: 'https://zoned.example.com',
      webserviceKey: 'C'.repeat(32),
      timeZone: 'Europe/Paris',
    });
    // 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
    const newYear = await first.accounting.issueDocument({
      ...document(zoned.id, 5000),
      prefix: 'Z-',
      issuedAt: new Date('2026-12-31T23:30:00Z'),
    });
    const lastDay = await first.accounting.issueDocument({
      ...document(zoned.id, 5001),
      prefix: 'Z-',
      issuedAt: new Date('2026-12-31T22:30:00Z'),
    });
    expect([newYear.invoice.number, lastDay.invoice.number]).toEqual(['Z-2027-000001', 'Z-2026-000001']);
    // Each sequence keeps its own dates: the 2026 one is not pushed into 2027.
    expect(lastDay.invoice.issuedAt).toBe('2026-12-31T22:30:00.000Z');
  });

  it('keeps a sequence per store, kind and year', async () => {
    const other = await first.stores.create({
      name: 'other',
      url: 'https://other.example.com',
      webserviceKey: 'B'.repeat(32),
      timeZone: 'Europe/Paris',
    });
    const next = await first.accounting.issueDocument({ ...document(other.id, 3000), prefix: 'O-' });
    const credit = await first.accounting.issueDocument({
      ...document(store.id, 2000),
      kind: 'credit_note',
      prefix: 'TC-',
    });
    const nextYear = await first.accounting.issueDocument({
      ...document(store.id, 2001),
      issuedAt: new Date('2027-02-01T10:00:00Z'),
    });
    expect([next.invoice.number, credit.invoice.number, nextYear.invoice.number]).toEqual([
      'O-2026-000001',
      'TC-2026-000001',
      'T-2027-000001',
    ]);
  });
});

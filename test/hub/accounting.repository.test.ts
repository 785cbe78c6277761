import { beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describeEachEngine('accounting', (engine) => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await engine.openHub({ clock: manualClock('2026-06-01T12:00:00.000Z') });
  });

  it('numbers invoices per prefix and breaks taxes down per rate, rounding once per rate', async () => {
    const invoice = await hub.accounting.createInvoice({
      currency: 'eur',
      prefix: 'F-',
      paid: true,
      lines: [
        { description: 'Mug', quantity: 3, unitPriceTaxExcl: '0.333', taxRate: '21' },
        { description: 'Poster', quantity: 1, unitPriceTaxExcl: '0.05', taxRate: '21' },
        { description: 'Book', quantity: 1, unitPriceTaxExcl: '10.00', taxRate: '5.5' },
      ],
    });
    expect(invoice).toMatchObject({
      number: 'F-000001',
      currency: 'EUR',
      paidAt: '2026-06-01T12:00:00.000Z',
      totalTaxExcl: '11.050000', // 1.00 (0.999 rounded) + 0.05 + 10.00
      totalTax: '0.770000', // 21 % of 1.05 = 0.2205 → 0.22; 5.5 % of 10 = 0.55
      totalTaxIncl: '11.820000',
    });
    expect(invoice.taxes).toEqual([
      { rate: '5.500000', base: '10.000000', amount: '0.550000' },
      { rate: '21.000000', base: '1.050000', amount: '0.220000' },
    ]);
    expect(
      (await hub.accounting.createInvoice({ currency: 'EUR', prefix: 'F-', lines: invoice.lines })).number,
    ).toBe('F-000002');
    expect(
      (
        await hub.accounting.createInvoice({
          currency: 'EUR',
          lines: [{ description: 'x', quantity: 1, unitPriceTaxExcl: '1', taxRate: '0' }],
        })
      ).number,
    ).toBe('INV-000001');
  });

  it('keeps balanced journal entries and refuses unbalanced ones', async () => {
    const entry = await hub.accounting.addJournalEntry({
      date: '2026-06-01',
      reference: 'F-000001',
      description: 'Sale',
      lines: [
        { account: '512000', debit: '11.82' },
        { account: '707000', credit: '11.05' },
        { account: '445710', credit: '0.77' },
      ],
    });
    expect(entry.lines).toEqual([
      expect.objectContaining({ account: '512000', debit: '11.820000', credit: '0.000000', label: null }),
      expect.objectContaining({ account: '707000', debit: '0.000000', credit: '11.050000' }),
      expect.objectContaining({ account: '445710', debit: '0.000000', credit: '0.770000' }),
    ]);
    await expect(
      hub.accounting.addJournalEntry({
        date: '2026-06-01',
        reference: 'BAD',
        description: 'Off by a cent',
        lines: [
          { account: '512000', debit: '10.00' },
          { account: '707000', credit: '9.99' },
        ],
      }),
    ).rejects.toThrow("Journal entry 'BAD' does not balance: debits 10 ≠ credits 9.99");
    expect(
      (await hub.accounting.journalEntries({ from: '2026-06-01', to: '2026-06-01' })).map((e) => e.reference),
    ).toEqual(['F-000001']);
  });
});

import type { Hub } from '../../src/hub/index.js';

/**
 * The journal settings the accounting tests use: receivable, sales, VAT collected and bank accounts
 * of the French chart, which {@link addJournalAccounts} creates first (settings naming an account the
 * hub lacks are refused).
 */
export const JOURNAL_SETTINGS = {
  enabled: true,
  receivableAccount: '411000',
  salesAccount: '707000',
  taxAccount: '445710',
  bankAccount: '512000',
} as const;

/** Creates the accounts {@link JOURNAL_SETTINGS} names, with their names (FEC CompteLib). */
export async function addJournalAccounts(hub: Hub): Promise<void> {
  await hub.masterData.upsert('accounts', [
    { code: '411000', name: 'Customers', kind: 'ledger' },
    { code: '707000', name: 'Sales of goods', kind: 'ledger' },
    { code: '445710', name: 'VAT collected', kind: 'ledger' },
    { code: '512000', name: 'Bank', kind: 'bank' },
  ]);
}

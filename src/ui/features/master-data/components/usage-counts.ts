import type { ApiMasterDataUsage } from '../../../api/back-office-types';

type UsageRecords = ApiMasterDataUsage['records'][number]['records'];

/** Each sort of record, one and many: what the counts read as. */
const WORDS: Record<UsageRecords, readonly [one: string, many: string]> = {
  products: ['product', 'products'],
  variants: ['variant', 'variants'],
  subFamilies: ['sub-family', 'sub-families'],
  stockLevels: ['stock level', 'stock levels'],
  stockMovements: ['stock movement', 'stock movements'],
  orders: ['order', 'orders'],
  invoices: ['invoice', 'invoices'],
  invoiceLines: ['invoice line', 'invoice lines'],
  journalLines: ['journal line', 'journal lines'],
};

/**
 * The records that carry a code, as a phrase; the sorts none carries are left out, and nothing at
 * all reads as an empty string.
 *
 * @example
 * usageCountsText([{ records: 'products', count: 2 }, { records: 'variants', count: 1 }, { records: 'orders', count: 0 }]);
 * // '2 products · 1 variant'
 */
export function usageCountsText(records: ApiMasterDataUsage['records']): string {
  return records
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.count} ${WORDS[entry.records][entry.count === 1 ? 0 : 1]}`)
    .join(' · ');
}

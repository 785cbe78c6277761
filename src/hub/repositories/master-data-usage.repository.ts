import { type RawBuilder, sql, type SqlBool } from 'kysely';

import { inList } from '../bulk-sql.js';
import type { HubContext } from '../hub-context.js';
import { settingCodeUses } from '../settings/setting-codes.js';
import { type MasterDataKind, masterDataTable } from './master-data-kinds.js';
import { StoreRepository } from './store.repository.js';

/** The hub records that can carry a master-data code, as usage counts name them. */
export const USAGE_RECORDS = [
  'products',
  'variants',
  'subFamilies',
  'stockLevels',
  'stockMovements',
  'orders',
  'invoices',
  'invoiceLines',
  'journalLines',
] as const;

export type UsageRecord = (typeof USAGE_RECORDS)[number];

/** One store setting that names the code: the store and the setting's key (`carriers.12`). */
export interface SettingUse {
  readonly store: string;
  readonly key: string;
}

/** How many records of one sort carry the code (0 included: it was counted). */
export interface RecordCount {
  readonly records: UsageRecord;
  readonly count: number;
}

/** Where one code is used: the settings that name it, and the hub records that carry it. */
export interface MasterDataUsage {
  readonly code: string;
  readonly settings: readonly SettingUse[];
  /** Every sort of record that can carry a code of the kind, in {@link USAGE_RECORDS} order. */
  readonly records: readonly RecordCount[];
}

/**
 * How records of one sort carry a code: by the master record's id in `column` (reached through
 * `products` for variants), by the code itself in `column` (invoices, invoice lines and journal
 * lines copy codes, so that a document keeps what it said), or by the master record's rate
 * (invoice lines keep the tax rate they were taxed at, a percentage, not its code: a line uses
 * every tax rate of that percentage).
 */
interface Counter {
  readonly records: UsageRecord;
  readonly table: string;
  readonly column: string;
  readonly by: 'id' | 'code' | 'product-id' | 'rate';
}

const COUNTERS: Record<MasterDataKind, readonly Counter[]> = {
  taxRates: [
    { records: 'products', table: 'products', column: 'tax_rate_id', by: 'id' },
    { records: 'variants', table: 'variants', column: 'tax_rate_id', by: 'product-id' },
    { records: 'invoiceLines', table: 'invoice_lines', column: 'tax_rate', by: 'rate' },
  ],
  unitsOfMeasure: [
    { records: 'products', table: 'products', column: 'unit_of_measure_id', by: 'id' },
    { records: 'variants', table: 'variants', column: 'unit_of_measure_id', by: 'product-id' },
  ],
  families: [
    { records: 'products', table: 'products', column: 'family_id', by: 'id' },
    { records: 'variants', table: 'variants', column: 'family_id', by: 'product-id' },
    { records: 'subFamilies', table: 'families', column: 'parent_id', by: 'id' },
    { records: 'invoiceLines', table: 'invoice_lines', column: 'family_code', by: 'code' },
  ],
  locations: [
    { records: 'stockLevels', table: 'stock_levels', column: 'location_id', by: 'id' },
    { records: 'stockMovements', table: 'stock_movements', column: 'location_id', by: 'id' },
    { records: 'orders', table: 'orders', column: 'sales_location_id', by: 'id' },
  ],
  shippingMethods: [{ records: 'orders', table: 'orders', column: 'shipping_method_id', by: 'id' }],
  paymentMethods: [
    { records: 'orders', table: 'orders', column: 'payment_method_id', by: 'id' },
    { records: 'invoices', table: 'invoices', column: 'payment_method', by: 'code' },
  ],
  accounts: [{ records: 'journalLines', table: 'journal_lines', column: 'account', by: 'code' }],
};

/** The sorts of record counted for a kind, in {@link USAGE_RECORDS} order. */
export function usageRecordsOf(kind: MasterDataKind): UsageRecord[] {
  const counted = new Set(COUNTERS[kind].map((counter) => counter.records));
  return USAGE_RECORDS.filter((records) => counted.has(records));
}

/**
 * Where master-data codes are used: the stores' settings that name them (the references a settings
 * save checks, plus the journal's account maps) and counts of the products, variants, stock, orders,
 * invoices, invoice lines and journal lines that carry them — what archiving a record would leave pointing at it.
 * One grouped query per sort of record, whatever the number of codes.
 *
 * @example
 * const [vat] = await hub.masterDataUsage.usage('taxRates', ['VAT21']);
 * // { code: 'VAT21', settings: [{ store: 'shop', key: 'defaults.tax' }], records: [{ records: 'products', count: 2 }, { records: 'variants', count: 5 }] }
 */
export class MasterDataUsageRepository {
  readonly #ctx: HubContext;
  readonly #stores: StoreRepository;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
    this.#stores = new StoreRepository(ctx);
  }

  /**
   * The usage of each code, in the order given (a code nothing uses has no settings and zero counts;
   * a code the kind lacks is not checked: the caller lists codes that exist).
   */
  async usage(kind: MasterDataKind, codes: readonly string[]): Promise<MasterDataUsage[]> {
    if (codes.length === 0) return [];
    const wanted = new Set(codes);
    const settings = new Map<string, SettingUse[]>();
    for (const store of await this.#stores.list()) {
      for (const ref of settingCodeUses(store.settings)) {
        if (ref.kind !== kind || !wanted.has(ref.code)) continue;
        const uses = settings.get(ref.code) ?? [];
        // A code named twice by one key (a location in stockExportLocations) is one use.
        if (!uses.some((use) => use.store === store.name && use.key === ref.key))
          uses.push({ store: store.name, key: ref.key });
        settings.set(ref.code, uses);
      }
    }
    const counts = new Map<UsageRecord, Map<string, number>>();
    for (const counter of COUNTERS[kind])
      counts.set(counter.records, await this.#count(kind, counter, codes));
    const records = usageRecordsOf(kind);
    return codes.map((code) => ({
      code,
      settings: settings.get(code) ?? [],
      records: records.map((sort) => ({ records: sort, count: counts.get(sort)?.get(code) ?? 0 })),
    }));
  }

  /** Code → how many records of the counter's sort carry it, for these codes. */
  async #count(
    kind: MasterDataKind,
    counter: Counter,
    codes: readonly string[],
  ): Promise<Map<string, number>> {
    const engine = this.#ctx.engine.kind;
    const table = sql.table(counter.table);
    const column = sql.ref(`r.${counter.column}`);
    const master = sql.table(masterDataTable(kind));
    const among = (ref: string): RawBuilder<SqlBool> => inList(engine, ref, codes);
    const query =
      counter.by === 'code'
        ? sql<{ code: string; count: number | string }>`
            select ${column} as code, count(*) as count from ${table} as r
            where ${among(`r.${counter.column}`)} group by ${column}`
        : counter.by === 'id' || counter.by === 'rate'
          ? sql<{ code: string; count: number | string }>`
            select m.code as code, count(*) as count from ${table} as r
            join ${master} as m on ${sql.ref(counter.by === 'id' ? 'm.id' : 'm.rate')} = ${column}
            where ${among('m.code')} group by m.code`
          : sql<{ code: string; count: number | string }>`
            select m.code as code, count(*) as count from ${table} as v
            join products as r on r.id = v.product_id
            join ${master} as m on m.id = ${column}
            where ${among('m.code')} group by m.code`;
    const { rows } = await query.execute(this.#ctx.db);
    // PostgreSQL's count is a bigint, sent as a string; no table here nears 2^53 rows.
    return new Map(rows.map((row) => [row.code, Number(row.count)]));
  }
}

/**
 * `createEmulatorStore`: a store built from a seed. Generated stores are French shops (en and fr,
 * euro, French VAT) with a catalog, customers and two years of orders ending at `anchor`; the
 * `recorded` seed reproduces the layout of the recorded 8.1.2 demo store.
 */
import { EmulatorStore, type SeededData } from '../emulator-store.js';
import { type Clock, parseWallClock, systemClock, wallClockSeconds } from '../wall-clock.js';
import { buildCatalogModel, seedCatalog } from './catalog-seed.js';
import { buildCustomerModel, seedCustomers } from './customer-seed.js';
import { seedMultistore } from './multistore-seed.js';
import { buildOrderModel, seedOrders } from './order-seed.js';
import { buildRecordedStore } from './recorded-seed.js';
import { seedReference } from './reference-seed.js';
import { resolveSeed, type SeedCatalogShape, type SeedName, type SeedSizes } from './seed-spec.js';
import { SeedTables } from './seed-tables.js';

export type StoreLanguageCode = 'en' | 'fr';

export interface EmulatorStoreOptions {
  /** `small`, `demo` (default), `large`, or `recorded`. */
  readonly seed?: SeedName;
  /** Explicit sizes; they override the named seed's. */
  readonly sizes?: Partial<SeedSizes>;
  /**
   * The catalog's shape; overrides the named seed's. `{ sharedReferences: 1 }`: every product with
   * combinations gives them its own reference, as PrestaShop's demo catalog does.
   */
  readonly shape?: Partial<SeedCatalogShape>;
  /** Store languages, English first (id 1). Default: English and French. */
  readonly languages?: readonly StoreLanguageCode[];
  readonly shopName?: string;
  /** `PS_TIMEZONE`; store dates are wall-clock times in this zone. Default `Europe/Paris`. */
  readonly timeZone?: string;
  /** Where "now" comes from (dates of writes). Default: the system clock. */
  readonly clock?: Clock;
  /**
   * The end of the generated history (store-local `YYYY-MM-DD HH:MM:SS`). Generated data never
   * depends on the real clock, so the same seed always gives the same store. Default
   * `2026-11-01 00:00:00`.
   */
  readonly anchor?: string;
  /**
   * Three shops in two groups, the second sharing its stock (`multistore-seed.ts`); generated
   * seeds only. Default: one shop.
   */
  readonly multistore?: boolean;
  /**
   * Another store from the same seed and sizes: its catalog, customers and orders are drawn from
   * random streams moved by this variant (a fleet's store index), so that the stores of a fleet
   * differ while each stays the same from one start to the next. Default: the seed's own store.
   */
  readonly variant?: number;
}

export const DEFAULT_ANCHOR = '2026-11-01 00:00:00';
const DAY = 86_400;

/**
 * Builds a store.
 *
 * @example
 * const store = createEmulatorStore({ seed: 'small' });
 * store.get('products', 1)?.values.reference; // 'PB-000001'
 */
export function createEmulatorStore(options: EmulatorStoreOptions = {}): EmulatorStore {
  const seed = resolveSeed(options.seed, options.sizes, options.shape);
  const codes = options.languages ?? ['en', 'fr'];
  if (codes.length === 0 || codes[0] !== 'en')
    throw new RangeError('Store languages must start with "en" (language id 1).');
  const languages = codes.map((code) => (code === 'en' ? { id: 1, iso: 'en' } : { id: 2, iso: 'fr' }));
  const timeZone = options.timeZone ?? 'Europe/Paris';
  const clock = options.clock ?? systemClock;
  wallClockSeconds(new Date(0), timeZone); // refuses an unknown zone early
  const anchor = parseWallClock(options.anchor ?? DEFAULT_ANCHOR);
  if (Number.isNaN(anchor))
    throw new RangeError(`anchor must look like 2026-11-01 00:00:00 (got ${options.anchor}).`);

  if (seed.name === 'recorded') {
    if (options.multistore === true)
      throw new RangeError('A multistore store needs a generated seed (small, demo, large), not recorded.');
    return new EmulatorStore(() => buildRecordedStore({ languages, timeZone }), clock);
  }
  const shopName = options.shopName ?? 'PrestaBridge Demo Shop';
  const key = options.variant === undefined ? seed.key : `${seed.key}#${options.variant}`;
  const build = (): SeededData => {
    const t = new SeedTables(languages.map((language) => language.id));
    const start = anchor - 730 * DAY;
    seedReference(t, { shopName, timeZone, installedAt: start - 120 * DAY });
    const catalog = buildCatalogModel(
      key,
      seed.sizes.products,
      seed.sizes.combinations,
      start - 100 * DAY,
      anchor,
      seed.shape.sharedReferences,
    );
    seedCatalog(t, key, catalog, anchor);
    const customers = buildCustomerModel(key, seed.sizes.customers, start);
    seedCustomers(t, key, customers, anchor);
    const orders = buildOrderModel(key, seed.sizes.orders, seed.sizes.customers, start, anchor - 3600);
    seedOrders(t, key, orders, catalog, customers, { start, end: anchor - 3600 });
    if (options.multistore === true) seedMultistore(t, shopName);
    let invoices = 0;
    let deliveries = 0;
    for (let o = 1; o <= orders.orders; o += 1) {
      invoices = Math.max(invoices, orders.invoiceNumber[o] ?? 0);
      deliveries = Math.max(deliveries, orders.deliveryNumber[o] ?? 0);
    }
    return {
      tables: t.tables,
      settings: { shopName, timeZone, languages },
      counters: {
        invoice_number: invoices,
        delivery_number: deliveries,
        image: (catalog.imageStart[catalog.products + 1] ?? 1) - 1,
      },
    };
  };
  return new EmulatorStore(build, clock);
}

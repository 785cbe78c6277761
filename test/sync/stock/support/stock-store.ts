import type { EmulatorStore } from '../../../../src/emulator/index.js';
import type { Hub, ProductRecord, Store } from '../../../../src/hub/index.js';
import { FeedRunner, type RunOutcome } from '../../../../src/jobs/index.js';
import type { Feed, FeedOptions } from '../../../../src/sync/index.js';
import type { ManualClock } from '../../../support/databases.js';

/** The locations the stock tests use: MAIN receives the import; MAIN and SHOP are sold from. */
export async function createLocations(hub: Hub): Promise<void> {
  await hub.masterData.upsert('locations', [
    { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
    { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
    { code: 'SUPPLIER', name: "Supplier's stock", kind: 'warehouse' },
  ]);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The emulator's catalog as the catalog import leaves it in the hub: one product per store
 * product, one variant per combination (`<product>:<combination>`), or `<product>:0` without
 * combinations, SKUs from the store's references — bound to `store`.
 */
export async function mirrorCatalog(
  hub: Hub,
  store: Store,
  emulator: EmulatorStore,
): Promise<Map<string, number>> {
  const combinations = new Map<number, { id: number; reference: string }[]>();
  for (const combination of emulator.records('combinations')) {
    const productId = Number(combination.values.id_product);
    combinations.set(productId, [
      ...(combinations.get(productId) ?? []),
      { id: combination.id, reference: text(combination.values.reference) },
    ]);
  }
  const records: ProductRecord[] = [];
  for (const product of emulator.records('products')) {
    const own = combinations.get(product.id) ?? [];
    records.push({
      externalId: product.id,
      kind: own.length > 0 ? 'combinations' : 'simple',
      name: `Product ${product.id}`,
      price: '10',
      variants:
        own.length > 0
          ? own.map((combination) => ({
              externalId: `${product.id}:${combination.id}`,
              sku: combination.reference,
            }))
          : [{ externalId: `${product.id}:0`, sku: text(product.values.reference) }],
    });
  }
  const result = await hub.catalog.upsertProducts(store.id, records);
  return new Map(result.variantIds);
}

/**
 * Ships every order of the emulated store that is still open (neither cancelled, refunded, in
 * payment error nor shipped): PrestaShop then holds no units for open orders, and the store's
 * quantities are all there is in the warehouse. Shipping moves no stock in PrestaShop.
 */
export function shipOpenOrders(emulator: EmulatorStore): number {
  const final = new Set(['6', '7', '8']);
  const open: number[] = [];
  for (const order of emulator.records('orders')) {
    const state = text(order.values.current_state);
    const shipped = text(emulator.get('order_states', Number(state))?.values.shipped) === '1';
    if (!final.has(state) && !shipped) open.push(order.id);
  }
  for (const id of open) emulator.changeOrderState(id, 4);
  return open.length;
}

/** The store's quantity of a (product, combination) row, read from the emulator's own data. */
export function storeQuantity(emulator: EmulatorStore, productId: number, combinationId: number): number {
  for (const row of emulator.records('stock_availables')) {
    if (
      Number(row.values.id_product) === productId &&
      Number(row.values.id_product_attribute) === combinationId
    )
      return Number(row.values.quantity);
  }
  throw new Error(`no stock row for ${productId}:${combinationId}`);
}

/** PUT requests the emulator received on stock_availables since its counts were last reset. */
export function stockPuts(counts: Record<string, Record<string, number>>): number {
  return counts.stock_availables?.PUT ?? 0;
}

export interface TestRunOptions {
  readonly options?: FeedOptions;
  /** Client timeout per request (default 10 s). */
  readonly timeoutMs?: number;
  /** Called when the run reports a new step (`push`, …): faults can be switched on after the permission probe. */
  readonly onStep?: (step: string) => void;
}

/** Runs a feed for the store as it is in the hub now, with client retries off (tests see failures at once). */
export async function runFeed(
  hub: Hub,
  clock: ManualClock,
  feed: Feed,
  storeId: number,
  run: TestRunOptions = {},
): Promise<RunOutcome> {
  const store = await hub.stores.get(storeId);
  const runner = new FeedRunner({
    hub,
    clock,
    clientOverrides: { retry: { maxRetries: 0 }, timeoutMs: run.timeoutMs ?? 10_000 },
  });
  let step: string | null = null;
  return runner.run({
    feed,
    store,
    trigger: 'manual',
    options: run.options ?? {},
    onProgress: (event) => {
      if (event.step !== null && event.step !== step) run.onStep?.(event.step);
      step = event.step;
    },
  });
}

import type { Hub, Store } from '../hub/index.js';
import type { PrestaShopClient, PsRecord } from '../webservice/index.js';
import { StoreLanguages } from './store-languages.js';
import { type StoreClientOverrides, StoreSession } from './store-session.js';

/**
 * What a store's settings choose from, read live from the store: its order states (rules,
 * auto-approve, shipment states), carriers (carrier mappings, keyed by carrier reference), categories
 * (category → family) and the payment modules its orders use (payment mappings). Four requests at
 * once; a list the key may not read is reported and left empty, the others still come.
 */
export interface StoreChoices {
  readonly orderStates: ReadonlyArray<{
    readonly id: number;
    readonly name: string;
    readonly color: string | null;
    readonly paid: boolean;
    readonly shipped: boolean;
    /** PrestaShop's `delivery` flag: orders in this state get a delivery slip (not "delivered"). */
    readonly deliverySlip: boolean;
  }>;
  /** Live carriers (not deleted), one per reference: PrestaShop gives an edited carrier a new id. */
  readonly carriers: ReadonlyArray<{
    readonly reference: number;
    readonly id: number;
    readonly name: string;
    readonly active: boolean;
  }>;
  readonly categories: ReadonlyArray<{
    readonly id: number;
    readonly parentId: number | null;
    readonly name: string;
    readonly depth: number;
  }>;
  /**
   * Payment modules seen on the store's latest orders: the webservice lists no modules, so a module
   * no order used yet is not offered (type its name instead).
   */
  readonly paymentModules: ReadonlyArray<{ readonly module: string; readonly name: string }>;
  /** Lists that could not be read, and why. */
  readonly problems: readonly string[];
}

/** How many of the newest orders are read to find the payment modules in use. */
const RECENT_ORDERS = 500;

export async function readStoreChoices(
  hub: Hub,
  store: Store,
  overrides: StoreClientOverrides = {},
): Promise<StoreChoices> {
  const session = await StoreSession.open(hub, store, {
    timeoutMs: 20_000,
    retry: { maxRetries: 1, maxRetryAfterMs: 10_000 },
    ...overrides,
  });
  try {
    return await readChoices(store, session.client);
  } finally {
    await session.close();
  }
}

async function readChoices(store: Store, client: PrestaShopClient): Promise<StoreChoices> {
  const languages = await StoreLanguages.load(store, client);
  const text = (value: PsRecord[string]): string => languages.defaultText(value);
  const problems: string[] = [];
  const read = async (what: string, request: () => Promise<PsRecord[]>): Promise<PsRecord[]> => {
    try {
      return await request();
    } catch (error) {
      problems.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  };
  const [states, carriers, categories, orders] = await Promise.all([
    read('order states', () =>
      client.list('order_states', {
        display: ['id', 'name', 'color', 'paid', 'shipped', 'delivery', 'deleted'],
      }),
    ),
    read('carriers', () =>
      client.list('carriers', { display: ['id', 'id_reference', 'name', 'active', 'deleted'] }),
    ),
    read('categories', () =>
      client.list('categories', { display: ['id', 'id_parent', 'name', 'level_depth'] }),
    ),
    read('payment modules (from recent orders)', () =>
      client.list('orders', { display: ['id', 'module', 'payment'], sort: 'id_DESC', limit: RECENT_ORDERS }),
    ),
  ]);

  const byReference = new Map<number, StoreChoices['carriers'][number]>();
  for (const row of carriers) {
    if (row.deleted === '1') continue;
    const reference = Number(row.id_reference) || row.id;
    const known = byReference.get(reference);
    // The newest id of a reference is its current version.
    if (!known || known.id < row.id)
      byReference.set(reference, {
        reference,
        id: row.id,
        name: text(row.name).trim() || `carrier ${row.id}`,
        active: row.active === '1',
      });
  }
  const modules = new Map<string, string>();
  for (const row of orders) {
    const module = text(row.module).trim();
    if (module !== '' && !modules.has(module)) modules.set(module, text(row.payment).trim() || module);
  }
  return {
    orderStates: states
      .filter((row) => row.deleted !== '1')
      .map((row) => ({
        id: row.id,
        name: text(row.name).trim() || `state ${row.id}`,
        color: text(row.color).trim() || null,
        paid: row.paid === '1',
        shipped: row.shipped === '1',
        deliverySlip: row.delivery === '1',
      }))
      .sort((a, b) => a.id - b.id),
    carriers: [...byReference.values()].sort((a, b) => a.reference - b.reference),
    categories: categories
      .map((row) => ({
        id: row.id,
        parentId: Number(row.id_parent) > 0 ? Number(row.id_parent) : null,
        name: text(row.name).trim() || `category ${row.id}`,
        depth: Number(row.level_depth) || 0,
      }))
      .sort((a, b) => a.id - b.id),
    paymentModules: [...modules]
      .map(([module, name]) => ({ module, name }))
      .sort((a, b) => a.module.localeCompare(b.module)),
    problems,
  };
}

/**
 * Requests per isolated stock change, per PrestaShop version the emulator can be: one variant's
 * quantity changes, and the serve loop's drainer (one long-lived client per store, as `serve` keeps
 * it) pushes it alone. Counted on the emulator, every request the push makes (reads included), in
 * four situations:
 * - the rows read by import-stock a moment ago (within STOCK_ROW_TRUSTED_FOR_MS);
 * - the rows read longer ago than that;
 * - one variant changed ten times, a minute apart, its row read long ago (its first push reads it);
 * - an entry claimed before (an earlier attempt may have reached the store): always read first.
 * Requests are counted, not timed: the emulator runs in this process, without latency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_VERSIONS, type EmulatorVersion, startEmulator } from '../../src/emulator/index.js';
import { type Hub, openHub, type ProductRecord, type Store } from '../../src/hub/index.js';
import { FeedRunner } from '../../src/jobs/index.js';
import { importStockFeed, StoreSession } from '../../src/sync/index.js';
import { drainOutbox, outboxHandlerSet } from '../../src/sync/outbox/index.js';
import { createStockOutboxHandler, STOCK_OUTBOX_KIND } from '../../src/sync/stock/index.js';
import { STOCK_ROW_TRUSTED_FOR_MS } from '../../src/sync/stock/stock-outbox.handler.js';

const CHANGES = 20;
const HOT_CHANGES = 10;
const EVERY_VERB = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'] as const;
const PATCH_KEY = 'ISOLATEDCHANGESPATCHKEY000000001';

/** Requests per isolated change in each situation, for one store. */
export interface IsolatedChangeFigures {
  readonly store: string;
  /** The pushes were PATCHes (8.0+ with a key that holds PATCH), else PUTs. */
  readonly patch: boolean;
  readonly readLately: number;
  readonly readLongAgo: number;
  readonly hotVariant: number;
  readonly claimedBefore: number;
}

function total(counts: Record<string, Record<string, number>>): number {
  return Object.values(counts).reduce(
    (sum, verbs) => sum + Object.values(verbs).reduce((a, b) => a + b, 0),
    0,
  );
}

async function measure(version: EmulatorVersion, withPatchKey: boolean): Promise<IsolatedChangeFigures> {
  const emulator = await startEmulator({
    port: 0,
    seed: 'small',
    version,
    sizes: { products: 60, combinations: 3, customers: 1, orders: 0 },
    ...(withPatchKey ? { keys: [{ key: PATCH_KEY, permissions: { '*': EVERY_VERB } }] } : {}),
  });
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-isolated-'));
  let offset = 0;
  const clock = (): Date => new Date(Date.now() + offset);
  let hub: Hub | undefined;
  let session: StoreSession | undefined;
  try {
    hub = await openHub({
      databaseUrl: join(folder, 'hub.sqlite'),
      env: { PRESTABRIDGE_SECRET: 'isolated-stock-changes-secret-not-for-production' },
      clock,
    });
    await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
    const created = await hub.stores.create({
      name: `v${version}`,
      url: emulator.url,
      webserviceKey: withPatchKey ? PATCH_KEY : emulator.keys[0]!,
      settings: { stockImportLocation: 'MAIN', stockExportLocations: ['MAIN'] },
    });
    const variants = await mirror(hub, created, emulator.store);
    const imported = await new FeedRunner({ hub, clock }).run({
      feed: importStockFeed,
      store: created,
      trigger: 'manual',
    });
    if (imported.report.status !== 'succeeded')
      throw new Error(`import-stock: ${imported.report.error ?? ''}`);
    const store = await hub.stores.get(created.id);
    session = await StoreSession.open(hub, store);
    const { client } = session;
    const handlers = outboxHandlerSet([createStockOutboxHandler()]);
    const open = hub;
    let patched = false;
    const drain = () =>
      drainOutbox({ hub: open, store, client, handlers, kinds: [STOCK_OUTBOX_KIND], clock });
    /** One change of one variant, pushed alone: the requests it took. */
    const pushAlone = async (variantId: number, quantity: number): Promise<number> => {
      await open.transaction(async (tx) => {
        await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'adjustment', quantity }]);
        await tx.stock.queueSellableUpdates([variantId]);
      });
      emulator.resetCounts();
      await drain();
      const counts = emulator.requestCounts();
      if ((counts.stock_availables?.PATCH ?? 0) > 0) patched = true;
      return total(counts);
    };
    const average = async (ids: readonly number[], between = 0): Promise<number> => {
      let requests = 0;
      for (const id of ids) {
        requests += await pushAlone(id, 1);
        offset += between;
      }
      return requests / ids.length;
    };
    // A first push opens the client's session (the key's permissions, read once per client).
    await pushAlone(variants[0]!, 1);
    const readLately = await average(variants.slice(1, 1 + CHANGES));
    offset += STOCK_ROW_TRUSTED_FOR_MS + 60_000;
    const readLongAgo = await average(variants.slice(1 + CHANGES, 1 + 2 * CHANGES));
    const hot = variants[1 + 2 * CHANGES]!;
    const hotVariant = await average(
      Array.from({ length: HOT_CHANGES }, () => hot),
      60_000,
    );
    // An entry claimed before: its claim's lease ran out (a drainer killed), the next drainer takes it.
    const doubtful = variants.slice(2 + 2 * CHANGES, 2 + 3 * CHANGES);
    let claimedBefore = 0;
    for (const variantId of doubtful) {
      await open.transaction(async (tx) => {
        await tx.stock.recordMovements([{ variantId, location: 'MAIN', kind: 'adjustment', quantity: 1 }]);
        await tx.stock.queueSellableUpdates([variantId]);
      });
      await open.outbox.claim({ owner: 'killed', limit: 1, leaseMs: 1, storeId: store.id });
      offset += 1_000;
      emulator.resetCounts();
      await drain();
      claimedBefore += total(emulator.requestCounts());
    }
    return {
      store: `${version}${withPatchKey ? ' (key with PATCH)' : ''}`,
      patch: patched,
      readLately,
      readLongAgo,
      hotVariant,
      claimedBefore: claimedBefore / doubtful.length,
    };
  } finally {
    await session?.close();
    await hub?.close();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The hub's catalog as the catalog import would leave it; the variant ids in store order. */
async function mirror(
  hub: Hub,
  store: Store,
  emulator: Awaited<ReturnType<typeof startEmulator>>['store'],
): Promise<number[]> {
  const combinations = new Map<number, number[]>();
  for (const combination of emulator.records('combinations')) {
    const productId = Number(combination.values.id_product);
    combinations.set(productId, [...(combinations.get(productId) ?? []), combination.id]);
  }
  const records: ProductRecord[] = [...emulator.records('products')].map((product) => {
    const own = combinations.get(product.id) ?? [];
    return {
      externalId: product.id,
      kind: own.length > 0 ? 'combinations' : 'simple',
      name: `Product ${product.id}`,
      price: '10',
      variants: (own.length > 0 ? own : [0]).map((combinationId) => ({
        externalId: `${product.id}:${combinationId}`,
        sku: `P${product.id}-${combinationId}`,
      })),
    };
  });
  const result = await hub.catalog.upsertProducts(store.id, records);
  return [...result.variantIds.values()];
}

/**
 * Requests per isolated change on every version the emulator can be (its default key: 8.1 as 8.1.2
 * creates keys, without PATCH; 9.0 with it), and on 8.1 with a key that holds PATCH.
 */
export async function isolatedStockChanges(): Promise<IsolatedChangeFigures[]> {
  const figures: IsolatedChangeFigures[] = [];
  for (const version of EMULATOR_VERSIONS) figures.push(await measure(version, false));
  figures.push(await measure('8.1', true));
  return figures;
}

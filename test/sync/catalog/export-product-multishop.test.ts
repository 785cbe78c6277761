import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub } from '../../../src/hub/index.js';
import type { ProductExportPayload } from '../../../src/sync/catalog/export/product-export-payload.js';
import { productOutboxHandler } from '../../../src/sync/catalog/export/product-outbox.handler.js';
import { drainOutbox, outboxHandlerSet } from '../../../src/sync/outbox/index.js';
import { PrestaShopClient } from '../../../src/webservice/index.js';
import { describeEachEngine } from '../../support/databases.js';

/** A product export's quantity for a store whose shop shares its group's stock lands on the group's row. */
describe('product outbox handler on a shop sharing its group’s stock', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('delivery', (engine) => {
    let hub: Hub;
    beforeAll(async () => {
      hub = await engine.openHub();
    });

    it('writes the quantity to the group’s row (id_shop 0), not to another shop’s', async () => {
      const store = await hub.stores.create({
        name: 'fr',
        url: emulator.url,
        shopId: 2,
        shop: { name: 'FR', groupId: 2, stockShared: true },
        timeZone: emulator.store.settings.timeZone,
        languages: emulator.store.settings.languages,
      });
      const client = new PrestaShopClient({
        url: emulator.url,
        key: emulator.keys[0]!,
        shopId: 2,
        retry: { maxRetries: 0 },
      });
      const payload: ProductExportPayload = {
        op: 'update',
        productId: 505,
        externalId: 5,
        storeUpdatedAt: null,
        contentHash: 'hash-505',
        label: '"Item 505" (PB-5)',
        reference: 'PB-5',
        fields: {},
        categoryIds: [],
        variants: [
          { variantId: 5050, combinationId: 0, reference: null, fields: {}, attributes: [], quantity: 17 },
        ],
      };
      await hub.outbox.enqueue({ storeId: store.id, kind: 'product', target: 'product:505', payload });
      const row = (shop: string, group: string) =>
        textOf(
          [...emulator.store.records('stock_availables')].find(
            (each) =>
              textOf(each.values.id_product) === '5' &&
              textOf(each.values.id_product_attribute) === '0' &&
              textOf(each.values.id_shop) === shop &&
              textOf(each.values.id_shop_group) === group,
          )?.values.quantity,
        );
      const own = row('1', '0');
      try {
        expect(
          await drainOutbox({ hub, store, client, handlers: outboxHandlerSet([productOutboxHandler]) }),
        ).toMatchObject({
          sent: 1,
          failed: 0,
        });
      } finally {
        await client.close();
      }
      expect(row('0', '2')).toBe('17');
      expect(row('1', '0')).toBe(own);
    });
  });
});

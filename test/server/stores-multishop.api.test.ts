import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../src/emulator/index.js';
import type { ApiStore } from '../../src/server/index.js';
import type { ApiStoreProbe } from '../../src/server/store-probe.js';
import { describeEachEngine } from '../support/databases.js';
import { type Emulator, type ServerUnderTest, startTestServer } from './server-harness.js';

describe('API: a store on one shop of a multistore', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('stores routes', (engine) => {
    let api: ServerUnderTest;
    beforeAll(async () => {
      api = await startTestServer(engine);
    });
    afterAll(async () => {
      await api.server.close();
    });

    it('lists the shops in the probe, refuses to add without one, and adds the store on the shop chosen', async () => {
      const key = emulator.keys[0]!;
      const probed = await api.call('POST', '/stores/probe', { url: emulator.url, key });
      expect(probed.statusCode).toBe(200);
      expect(probed.json<ApiStoreProbe>().shop?.shops).toEqual([
        { id: 1, name: 'PrestaBridge Demo Shop', groupName: 'Default', stockShared: false, isDefault: true },
        {
          id: 2,
          name: 'PrestaBridge Demo Shop FR',
          groupName: 'Shared stock',
          stockShared: true,
          isDefault: false,
        },
        {
          id: 3,
          name: 'PrestaBridge Demo Shop BE',
          groupName: 'Shared stock',
          stockShared: true,
          isDefault: false,
        },
      ]);

      const refused = await api.call('POST', '/stores', { name: 'fr', url: emulator.url, key });
      expect(refused.statusCode).toBe(422);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
        /This PrestaShop has 3 shops: .*shopId in the HTTP API/,
      );
      expect(await api.hub.stores.find('fr')).toBeUndefined();

      const added = await api.call('POST', '/stores', { name: 'fr', url: emulator.url, key, shopId: 2 });
      expect(added.statusCode).toBe(201);
      expect(added.json<{ store: ApiStore }>().store).toMatchObject({
        shopId: 2,
        shop: { name: 'PrestaBridge Demo Shop FR', groupId: 2, stockShared: true },
      });
    });
  });
});

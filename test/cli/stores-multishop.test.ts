import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

describe('prestabridge stores add on a multistore', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', storeOptions: { multistore: true } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('stores', (engine) => {
    let hub: Hub;
    const add = (...extra: string[]) =>
      runCli(engine, [
        'stores',
        'add',
        '--name',
        'fr',
        '--url',
        emulator.url,
        '--key',
        emulator.keys[0]!,
        ...extra,
      ]);
    beforeAll(async () => {
      hub = await engine.openHub();
    });

    it('refuses without --shop, naming the shops and the flag, and keeps nothing', async () => {
      const { code, err } = await add();
      expect(code).toBe(1);
      expect(err).toContain(
        'This PrestaShop has 3 shops: 1 PrestaBridge Demo Shop (default); 2 PrestaBridge Demo Shop FR',
      );
      expect(err).toContain('Choose it with --shop ID');
      expect(await hub.stores.find('fr')).toBeUndefined();
      const bad = await add('--shop', 'two');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain("'two' is not a shop id");
    });

    it('adds the store on the shop given, and says it shares its group’s stock', async () => {
      const { code, out } = await add('--shop', '2');
      expect(code).toBe(0);
      expect(out).toMatch(/shop\s+2 PrestaBridge Demo Shop FR \(group 2, stock shared with its group\)/);
      expect((await hub.stores.get('fr')).shopId).toBe(2);
      const shown = await runCli(engine, ['stores', 'show', 'fr']);
      expect(shown.out).toMatch(
        /shop\s+2 PrestaBridge Demo Shop FR \(group 2, stock shared with its group\)/,
      );
    });
  });
});

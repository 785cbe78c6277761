import { existsSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

/**
 * The package imports itself by name from the repository root (`exports` in package.json point at
 * `dist/`): what a user of `prestabridge/webservice` gets after `npm run build`. `npm test` builds
 * before it runs the tests.
 */
describe('package exports', () => {
  it('are built (npm test builds first; alone, run `npm run build`)', () => {
    expect(existsSync(new URL('../../dist/webservice/index.js', import.meta.url))).toBe(true);
  });

  it('give the client, the emulator and the hub by name', async () => {
    const { PrestaShopClient } = await import('prestabridge/webservice');
    const { startEmulator } = await import('prestabridge/emulator');
    const { openHub } = await import('prestabridge/hub');
    const root = await import('prestabridge');
    expect(typeof PrestaShopClient).toBe('function');
    expect(typeof startEmulator).toBe('function');
    expect(typeof openHub).toBe('function');
    expect(root.PrestaShopClient).toBe(PrestaShopClient);
    expect(typeof root.webservice.PrestaShopClient).toBe('function');
  });

  it('let a client built from the package talk to an emulator built from the package', async () => {
    const { PrestaShopClient } = await import('prestabridge/webservice');
    const { startEmulator } = await import('prestabridge/emulator');
    const emulator = await startEmulator({ port: 0, seed: 'small' });
    try {
      const client = new PrestaShopClient({ url: emulator.url, key: emulator.keys[0]! });
      const probe = await client.probe();
      expect(probe.version).toBe('8.1.2');
      const [product] = await client.list('products', { display: 'full', limit: 1 });
      expect(product?.id).toBe(1);
      await client.close();
    } finally {
      await emulator.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { PrestaShopClient } from '../../src/webservice/prestashop-client.js';
import { compareStoreVersions, storeVersionTraits } from '../../src/webservice/store-version.js';
import { startTestServer, type TestServer, validKey } from './support/test-server.js';

let emulator: RunningEmulator | undefined;
let server: TestServer | undefined;
let client: PrestaShopClient | undefined;
afterEach(async () => {
  await client?.close();
  await emulator?.close();
  await server?.close();
  client = undefined;
  emulator = undefined;
  server = undefined;
});

/** The `output_format` of each request to `resource` the emulator received. */
function formatsAsked(urls: readonly string[], resource: string): string[] {
  return urls
    .filter((url) => url.startsWith(`/api/${resource}`))
    .map((url) => new URL(url, 'http://x').searchParams.get('output_format') ?? 'XML');
}

describe('store versions', () => {
  it('compare part by part and give an unknown or newer version the newest traits', () => {
    expect(compareStoreVersions('1.6.1.24', '1.7')).toBeLessThan(0);
    expect(compareStoreVersions('1.7.8.11', '1.7')).toBeGreaterThan(0);
    expect(compareStoreVersions('9.0.0', '8.2.1')).toBeGreaterThan(0);
    expect(storeVersionTraits('1.6.1.24')).toEqual({ jsonReads: false, patch: false });
    expect(storeVersionTraits('1.7.8.11')).toEqual({ jsonReads: true, patch: false });
    expect(storeVersionTraits('12.0.0')).toEqual({ jsonReads: true, patch: true });
    expect(storeVersionTraits(undefined)).toEqual({ jsonReads: true, patch: true });
  });

  it('reads a 1.6 store as XML once it knows the version, so an emoji does not fail the page', async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', version: '1.6.1' });
    emulator.store.update('products', 2, { name: { 1: 'Panda mug 🐼', 2: 'Tasse panda 🐼' } });
    const seen: string[] = [];
    client = new PrestaShopClient({
      url: emulator.url,
      key: emulator.keys[0]!,
      onRequest: (e) => seen.push(e.url),
    });
    expect((await client.probe()).version).toBe('1.6.1.24');
    const products = await client.list('products', { display: ['id', 'name'], limit: 3 });
    expect(products.find((product) => product.id === 2)?.name).toEqual({
      1: 'Panda mug 🐼',
      2: 'Tasse panda 🐼',
    });
    expect(
      formatsAsked(
        seen.map((url) => url.replace(emulator!.url, '')),
        'products',
      ),
    ).toEqual(['XML']);
  });

  it('starts with XML when told the store is 1.6, without probing', async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', version: '1.6.1' });
    emulator.store.update('products', 1, { name: { 1: 'Fox 🦊', 2: 'Renard 🦊' } });
    client = new PrestaShopClient({ url: emulator.url, key: emulator.keys[0]!, storeVersion: '1.6.1.24' });
    const [first] = await client.list('products', { display: ['id', 'name'], limit: 1 });
    expect(first?.name).toEqual({ 1: 'Fox 🦊', 2: 'Renard 🦊' });
    expect(emulator.requestCounts()).toEqual({ products: { GET: 1 } });
  });

  it('reads a page again as XML when a JSON answer says the store is 1.6, and asks XML from then on', async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', version: '1.6.1' });
    const seen: string[] = [];
    client = new PrestaShopClient({
      url: emulator.url,
      key: emulator.keys[0]!,
      onRequest: (e) => seen.push(e.url),
    });
    const first = await client.list('stock_availables', { display: ['id_product', 'quantity'], limit: 2 });
    await client.list('stock_availables', { display: ['id_product', 'quantity'], limit: 2 });
    expect(first.map((row) => row.id)).toEqual([1, 2]);
    expect(client.storeVersion).toBe('1.6.1.24');
    expect(
      formatsAsked(
        seen.map((url) => url.replace(emulator!.url, '')),
        'stock_availables',
      ),
    ).toEqual(['JSON', 'XML', 'XML']);
  });

  it('reads the XML a store without JSON output answers to output_format=JSON, and stops asking for JSON', async () => {
    server = await startTestServer((_request, response) => {
      response.setHeader('Content-Type', 'text/xml;charset=utf-8');
      response.setHeader('PSWS-Version', '1.5.6.2');
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n' +
          '<products>\n<product>\n\t<id><![CDATA[7]]></id>\n\t<reference><![CDATA[OLD-7]]></reference>\n</product>\n</products>\n</prestashop>\n',
      );
    });
    client = new PrestaShopClient({ url: server.url, key: validKey });
    const [product] = await client.list('products', { display: ['id', 'reference'] });
    expect(product).toMatchObject({ id: 7, reference: 'OLD-7' });
    await client.list('products', { display: ['id', 'reference'] });
    expect(server.requests.map((request) => request.query.get('output_format'))).toEqual(['JSON', null]);
  });
});

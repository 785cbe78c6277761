import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { NotFoundError, WebserviceNotFoundError } from '../../src/webservice/errors.js';
import { PrestaShopClient, type PrestaShopClientOptions } from '../../src/webservice/prestashop-client.js';
import { readFixture } from '../support/fixtures.js';
import { recordedHttpText } from './support/recorded.js';
import { answer, replay, startTestServer, type TestServer, validKey } from './support/test-server.js';

let server: TestServer;
let client: PrestaShopClient | undefined;

function connect(options: Partial<PrestaShopClientOptions> = {}): PrestaShopClient {
  client = new PrestaShopClient({ url: `${server.url}/api/`, key: validKey, ...options });
  return client;
}

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

describe('probe', () => {
  it('names the version, the shop and every resource with its verbs', async () => {
    server.handle((_request, response) => replay(response, 'q.root.xml'));
    const probe = await connect().probe();
    expect(server.requests[0]?.path).toBe('/api/');
    expect(probe.version).toBe('8.1.2');
    expect(probe.shopName).toBe('PSRealPeer');
    expect(probe.authMethod).toBe('basic');
    expect(probe.resources.find((access) => access.resource === 'stock_availables')?.verbs).toEqual([
      'GET',
      'PUT',
      'POST',
      'DELETE',
      'HEAD',
    ]);
  });

  it('says what a read-only key lacks, before anything fails', async () => {
    server.handle((_request, response) => replay(response, 'auth.ro-key.root.xml'));
    const shop = connect();
    const needed = [
      { resource: 'products', verb: 'GET' },
      { resource: 'orders', verb: 'GET' },
      { resource: 'stock_availables', verb: 'PUT' },
      { resource: 'order_histories', verb: 'POST' },
      { resource: 'products', verb: 'PUT' },
    ] as const;
    expect(await shop.missingPermissions(needed)).toEqual([
      { resource: 'stock_availables', verb: 'PUT' },
      { resource: 'order_histories', verb: 'POST' },
      { resource: 'products', verb: 'PUT' },
    ]);
    expect(await shop.describeMissingPermissions(needed)).toBe(
      'grant PUT on stock_availables; POST on order_histories; PUT on products',
    );
    // The probe is read once.
    expect(server.requests).toHaveLength(1);
  });

  it('never refuses a newer store version', async () => {
    server.handle((_request, response) => {
      response.setHeader('PSWS-Version', '12.0.0');
      response.setHeader('Content-Type', 'text/xml');
      response.end(readFixture('q.root.xml'));
    });
    expect((await connect().probe()).version).toBe('12.0.0');
  });

  it('a URL where no webservice answers says so', async () => {
    server.handle((_request, response) => {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/html');
      response.end('<html><body>Page not found</body></html>');
    });
    await expect(connect().probe()).rejects.toBeInstanceOf(WebserviceNotFoundError);
  });
});

describe('reads', () => {
  it('lists of known resources are read as JSON, records as XML, unknown resources as XML', async () => {
    server.handle((request, response) => {
      if (request.path === '/api/products' && request.query.get('output_format') === 'JSON') {
        return answer(response, 200, readFixture('products.full.json'), 'application/json');
      }
      if (request.path === '/api/products/1') return replay(response, 'products.one-1.xml');
      if (request.path === '/api/warehouses') {
        return answer(
          response,
          200,
          '<?xml version="1.0"?><prestashop><warehouses><warehouse id="4"/></warehouses></prestashop>',
        );
      }
      return answer(response, 500, 'unexpected');
    });
    const shop = connect();
    const products = await shop.list('products', { display: 'full', limit: 3 });
    expect(products.map((product) => product.reference)).toEqual(['demo_1', 'demo_3', 'demo_6']);
    expect(products[0]?.associations?.tags).toEqual([]);
    const product = await shop.get('products', 1);
    // XML keeps the empty and zero fields a JSON record would drop.
    expect(product.quantity).toBe('0');
    expect(product.supplier_reference).toBe('');
    expect(await shop.list('warehouses')).toEqual([{ id: 4 }]);
    expect(server.requests.map((request) => request.url)).toEqual([
      '/api/products?display=full&limit=3&output_format=JSON',
      '/api/products/1',
      '/api/warehouses',
    ]);
  });

  it('an empty JSON list ([]) is no records', async () => {
    server.handle((_request, response) => answer(response, 200, '[]', 'application/json'));
    expect(await connect().list('products', { filter: { name: 'zzzz' } })).toEqual([]);
  });

  it('a single-language store: the first collapsed JSON answer is read again as XML, the language is learned', async () => {
    const jsonBody = recordedHttpText('single-language/products.full.json.txt').body;
    const xmlBody = recordedHttpText('single-language/products.full.xml.txt').body;
    server.handle((request, response) => {
      if (request.query.get('output_format') === 'JSON') answer(response, 200, jsonBody, 'application/json');
      else answer(response, 200, xmlBody);
    });
    const shop = connect();
    const first = await shop.list('products', { display: 'full' });
    const second = await shop.list('products', { display: 'full' });
    expect(first[0]?.name).toEqual({ 1: 'Hummingbird printed t-shirt' });
    expect(second).toEqual(first);
    expect(server.requests.map((request) => request.query.get('output_format'))).toEqual([
      'JSON',
      null,
      'JSON',
    ]);
  });

  it('a query naming one language decodes collapsed JSON fields to it', async () => {
    server.handle((_request, response) =>
      answer(
        response,
        200,
        JSON.stringify({ products: [{ id: 1, name: 'T-shirt colibri' }] }),
        'application/json',
      ),
    );
    const [product] = await connect().list('products', { display: ['name'], language: 2 });
    expect(product).toEqual({ id: 1, name: { 2: 'T-shirt colibri' } });
  });

  it("format: 'json' forces JSON for single records too (the shape changes with display)", async () => {
    server.handle((request, response) => {
      if (request.query.has('display'))
        answer(response, 200, readFixture('q.product-with-combos-assoc.json'), 'application/json');
      else answer(response, 200, readFixture('products.one-1.json'), 'application/json');
    });
    const shop = connect({ format: 'json' });
    expect((await shop.get('products', 1)).reference).toBe('demo_1');
    expect((await shop.get('products', 1, { display: 'full' })).associations?.combinations).toHaveLength(8);
  });

  it('missing records: NotFoundError from get, false from exists', async () => {
    server.handle((request, response) => {
      if (request.path.endsWith('/99999'))
        return replay(
          response,
          request.method === 'HEAD' ? 'q.head-product-99999.txt' : 'error.404.order-99999.xml',
        );
      return replay(response, 'q.head-product-1.txt');
    });
    const shop = connect();
    const error = await shop.get('orders', 99999).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/^GET orders\/99999: not found/);
    expect(await shop.exists('products', 99999)).toBe(false);
    expect(await shop.exists('products', 1)).toBe(true);
  });

  it("schema(): the store's own description of a resource, read once", async () => {
    server.handle((_request, response) => replay(response, 'products.schema-synopsis.xml'));
    const shop = connect();
    const schema = await shop.schema('products');
    expect(schema.element).toBe('product');
    const field = (name: string) => schema.fields.find((candidate) => candidate.name === name);
    expect(field('manufacturer_name')).toMatchObject({ readOnly: true, multilingual: false });
    expect(field('reference')).toEqual({
      name: 'reference',
      multilingual: false,
      required: false,
      readOnly: false,
      maxSize: 64,
      format: 'isReference',
    });
    expect(field('name')?.multilingual).toBe(true);
    expect(schema.associations.find((association) => association.name === 'product_bundle')).toEqual({
      name: 'product_bundle',
      entry: 'product',
      fields: [
        { name: 'id', multilingual: false, required: true, readOnly: false },
        { name: 'id_product_attribute', multilingual: false, required: false, readOnly: false },
        { name: 'quantity', multilingual: false, required: false, readOnly: false },
      ],
    });
    await shop.schema('products');
    expect(server.requests).toHaveLength(1);
    await expect(shop.list('products', { schema: 'blank' })).rejects.toThrow(/client\.schema/);
  });

  it('refuses bad resource names and ids before sending', async () => {
    const shop = connect();
    await expect(shop.get('products/../x', 1)).rejects.toThrow(/not a resource name/);
    await expect(shop.get('products', 0)).rejects.toThrow(/not a record id/);
    expect(server.requests).toHaveLength(0);
  });
});

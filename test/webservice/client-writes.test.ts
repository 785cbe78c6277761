import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { InvalidRequestError } from '../../src/webservice/invalid-request-error.js';
import { PrestaShopClient } from '../../src/webservice/prestashop-client.js';
import { readFixture, readFixtureBytes } from '../support/fixtures.js';
import { RECORDED_CUSTOMER, recordedHttpText, xmlRecord } from './support/recorded.js';
import {
  answer,
  recordingClock,
  replay,
  startTestServer,
  type TestServer,
  validKey,
} from './support/test-server.js';

let server: TestServer;
let client: PrestaShopClient | undefined;

function connect(timeoutMs = 30_000): PrestaShopClient {
  client = new PrestaShopClient({ url: server.url, key: validKey, clock: recordingClock().clock, timeoutMs });
  return client;
}

const bodies = (method: string): string[] =>
  server.requests
    .filter((request) => request.method === method)
    .map((request) => request.body.toString('utf8'));

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

describe('create', () => {
  it("starts from the store's blank schema (read once) and sends the body the real store accepted", async () => {
    const created = recordedHttpText('writes/customers.post.response.txt');
    server.handle((request, response) => {
      if (request.method === 'GET' && request.query.get('schema') === 'blank')
        return replay(response, 'customers.schema-blank.xml');
      if (request.method === 'POST') return answer(response, 201, created.body);
      return answer(response, 500, '');
    });
    const shop = connect();
    const fields = RECORDED_CUSTOMER;
    const customer = await shop.create('customers', fields);
    expect(customer.id).toBe(3);
    expect(customer.secure_key).toBe('24e1aeb285868543de841a7a2bee4aa4');
    const [body] = bodies('POST');
    expect(xmlRecord(body!)).toEqual(xmlRecord(readFixture('writes/customers.post.request.xml')));
    expect(server.requests.find((request) => request.method === 'POST')?.headers['content-type']).toBe(
      'text/xml',
    );

    await shop.create('customers', { ...fields, email: 'second@example.com' });
    expect(server.requests.filter((request) => request.query.get('schema') === 'blank')).toHaveLength(1);
  });

  it('leaves out of a new product the position_in_category the store refuses in a body', async () => {
    server.handle((request, response) => {
      if (request.method === 'GET' && request.query.get('schema') === 'blank')
        return replay(response, 'products.schema-blank.xml');
      if (request.method === 'POST') return replay(response, 'writes/products.post-minimal.response.xml');
      return answer(response, 500, '');
    });
    await connect().create('products', { price: '10.000000', name: { 1: 'Mug' } });
    const sent = xmlRecord(bodies('POST')[0]!);
    expect(sent.price).toBe('10.000000');
    expect(sent.position_in_category).toBeUndefined();
    expect(Object.keys(sent)).toContain('reference');
  });

  it('refuses a field the resource does not have, naming the fields it has', async () => {
    server.handle((_request, response) => replay(response, 'customers.schema-blank.xml'));
    const error = await connect()
      .create('customers', { nickname: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('"nickname" is not a field of customers');
    expect(bodies('POST')).toEqual([]);
  });
});

describe('update', () => {
  beforeEach(() => {
    server.handle((request, response) => {
      if (request.method === 'GET' && request.query.get('schema') === 'synopsis')
        return replay(response, 'products.schema-synopsis.xml');
      if (request.method === 'GET') return replay(response, 'products.one-1.xml');
      if (request.method === 'PUT')
        return replay(response, 'writes/products.2.put-price-without-readonly-and-position.response.xml');
      return answer(response, 500, '');
    });
  });

  it('reads, merges and PUTs the whole record without the fields the store refuses', async () => {
    const shop = connect();
    const updated = await shop.update('products', 1, { price: '24.500000', name: { 2: 'T-shirt colibri' } });
    expect(updated.id).toBe(2); // what the recorded answer holds
    const sent = xmlRecord(bodies('PUT')[0]!);
    const current = xmlRecord(readFixture('products.one-1.xml'));
    expect(sent.id).toBe(1);
    expect(sent.price).toBe('24.500000');
    expect(sent.name).toEqual({ 1: 'Hummingbird printed t-shirt', 2: 'T-shirt colibri' });
    // Read-only (synopsis) and known traps are gone; everything else is sent back unchanged.
    for (const field of ['manufacturer_name', 'quantity', 'position_in_category', 'type'])
      expect(sent[field]).toBeUndefined();
    for (const field of [
      'reference',
      'wholesale_price',
      'description_short',
      'id_category_default',
      'date_upd',
    ]) {
      expect(sent[field]).toEqual(current[field]);
    }
    // No association is sent unless given: each one sent would replace the set.
    expect(sent.associations).toBeUndefined();
    expect(server.requests.find((request) => request.method === 'PUT')?.path).toBe('/api/products/1');
  });

  it('sends an association only when given, as the whole new set', async () => {
    await connect().update('products', 1, { associations: { categories: [{ id: 2 }, { id: 5 }] } });
    expect(xmlRecord(bodies('PUT')[0]!).associations).toEqual({ categories: [{ id: 2 }, { id: 5 }] });
  });

  it('a trap field set explicitly is sent', async () => {
    await connect().update('products', 1, { type: 'simple' });
    expect(xmlRecord(bodies('PUT')[0]!).type).toBe('simple');
  });

  it('passes the shop context and extra parameters (sendemail) on', async () => {
    await connect().update('products', 1, { price: '1.000000' }, { idShop: 2, params: { sendemail: 1 } });
    const get = server.requests.find(
      (request) => request.method === 'GET' && request.path === '/api/products/1',
    );
    const put = server.requests.find((request) => request.method === 'PUT');
    expect(get?.query.get('id_shop')).toBe('2');
    expect(get?.query.get('sendemail')).toBeNull();
    expect(put?.url).toBe('/api/products/1?id_shop=2&sendemail=1');
  });
});

describe('delete', () => {
  it('one id by path, several in one request as id=[a,b]', async () => {
    server.handle((_request, response) => {
      response.statusCode = 200;
      response.end();
    });
    const shop = connect();
    await shop.delete('products', 20);
    await shop.delete('products', [21, 22, 23]);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'DELETE /api/products/20',
      'DELETE /api/products?id=[21,22,23]',
    ]);
  });
});

describe('images', () => {
  const imageAnswer = (id: number): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<image>\n<id><![CDATA[${id}]]></id>\n<id_product><![CDATA[1]]></id_product>\n</image>\n</prestashop>\n`;
  const listing = (ids: number[]): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<image id="1">\n${ids
      .map((id) => `<declination id="${id}" xlink:href="http://x/api/images/products/1/${id}"/>`)
      .join('\n')}\n</image>\n</prestashop>\n`;
  const jpeg = readFixtureBytes('images.products.1.1.jpg');

  it('lists, uploads (multipart field "image") and downloads', async () => {
    server.handle((request, response) => {
      if (request.method === 'POST') return answer(response, 200, imageAnswer(3));
      if (request.path === '/api/images/products/1') return replay(response, 'images.products.1.xml');
      if (request.path === '/api/images/products/1/1') return replay(response, 'images.products.1.1.jpg');
      return replay(response, 'images.products.9999.xml');
    });
    const shop = connect();
    expect(await shop.listImages('products', 1)).toEqual([
      { id: 1, ownerType: 'products', ownerId: 1 },
      { id: 2, ownerType: 'products', ownerId: 1 },
    ]);
    expect(await shop.listImages('products', 9999)).toEqual([]);
    expect(await shop.uploadImage('products', 1, { data: jpeg, filename: 'front.jpg' })).toEqual({
      id: 3,
      ownerType: 'products',
      ownerId: 1,
    });
    const post = server.requests.find((request) => request.method === 'POST')!;
    expect(post.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const text = post.body.toString('latin1');
    expect(text).toContain('Content-Disposition: form-data; name="image"; filename="front.jpg"');
    expect(text).toContain('Content-Type: image/jpeg');
    expect(post.body.includes(jpeg)).toBe(true);
    const download = await shop.downloadImage('products', 1, 1);
    expect(download.contentType).toBe('image/jpeg');
    expect(download.data.equals(jpeg)).toBe(true);
  });

  it('an upload that got no answer but was stored is not sent again', async () => {
    let stored = false;
    server.handle((request, response) => {
      if (request.method === 'POST') {
        stored = true;
        response.socket?.destroy();
        return;
      }
      answer(response, 200, listing(stored ? [1, 2, 9] : [1, 2]));
    });
    const image = await connect().uploadImage('products', 1, { data: jpeg });
    expect(image.id).toBe(9);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('an upload that got no answer and was not stored is sent again', async () => {
    let posts = 0;
    server.handle((request, response) => {
      if (request.method === 'POST') {
        posts += 1;
        if (posts === 1) response.socket?.destroy();
        else answer(response, 200, imageAnswer(10));
        return;
      }
      answer(response, 200, listing([1, 2]));
    });
    expect((await connect().uploadImage('products', 1, { data: jpeg })).id).toBe(10);
    expect(posts).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';

import { errorFromResponse } from '../../src/webservice/error-factory.js';
import { PrestaShopError } from '../../src/webservice/errors.js';
import type { PsRecord } from '../../src/webservice/ps-record.js';
import { RecordDocument } from '../../src/webservice/record-document.js';
import { resourcesFromApiRoot } from '../../src/webservice/store-probe.js';
import { readXml } from '../../src/webservice/xml-stream-reader.js';
import { fixtureIndex, listFixtures, readFixture, readRecordedResponse } from '../support/fixtures.js';
import { jsonList, jsonRecord, recordedHttpText, xmlList, xmlRecord } from './support/recorded.js';

/** What a recorded request asked: resource, id, display, format. */
function describeUrl(url: string): {
  path: string[];
  display: string | undefined;
  language: number | undefined;
  schema: boolean;
} {
  const parsed = new URL(url.replace(/ /g, '%20'));
  const path = decodeURIComponent(parsed.pathname)
    .replace(/^\/api\/?/, '')
    .split('/')
    .filter(Boolean);
  const display = parsed.searchParams.get('display') ?? undefined;
  const language = parsed.searchParams.get('language');
  return {
    path,
    display,
    language: language === null ? undefined : Number(language),
    schema: parsed.searchParams.has('schema'),
  };
}

function displayOf(display: string | undefined): 'full' | string[] | undefined {
  if (display === undefined) return undefined;
  if (display === 'full') return 'full';
  return display.replace(/^\[|\]$/g, '').split(',');
}

describe('every recorded response of the real 8.1.2 store is read', () => {
  for (const entry of fixtureIndex()) {
    it(`${entry.file} (${entry.method} ${entry.status})`, () => {
      const response = readRecordedResponse(entry.file);
      const body = response.body.toString('utf8');
      const { path, display, language, schema } = describeUrl(entry.url);
      const json = response.headers.some(
        ([name, value]) => name === 'content-type' && value.includes('json'),
      );
      const [resource = '', id] = path;

      if (entry.status >= 300) {
        const error = errorFromResponse({
          request: { method: entry.method, url: entry.url, resource },
          status: entry.status,
          headers: Object.fromEntries(response.headers),
          body,
          now: 0,
        });
        expect(error).toBeInstanceOf(PrestaShopError);
        expect(error.message).not.toContain(entry.key);
        return;
      }
      if (entry.method === 'HEAD' || entry.file.endsWith('.jpg')) {
        if (entry.file.endsWith('.jpg')) expect([...response.body.subarray(0, 2)]).toEqual([0xff, 0xd8]);
        return;
      }
      if (entry.method !== 'GET') {
        // Writes answer with the record written (or an empty body for DELETE).
        if (body.trim() === '') return;
        const record = json ? jsonRecord(body, resource) : xmlRecord(body);
        expect(record.id).toBeGreaterThan(0);
        return;
      }
      if (path.length === 0) {
        expect(resourcesFromApiRoot(readXml(body)).resources.length).toBeGreaterThan(0);
        return;
      }
      if (resource === 'images') {
        expect(readXml(body).children.length).toBeGreaterThan(0);
        return;
      }
      if (schema) {
        if (json) {
          // JSON schemas are unusable (`{"tax":[]}` when there is no association): the client reads XML ones.
          const parsed = JSON.parse(body) as Record<string, unknown>;
          expect(Object.keys(parsed)).toHaveLength(1);
        } else {
          const element = readXml(body).children[0]!;
          expect(RecordDocument.fromElement(resource, element).fieldNames().length).toBeGreaterThan(3);
        }
        return;
      }
      if (id !== undefined) {
        // Any display turns a single JSON record into the list shape.
        const record = json
          ? display === undefined
            ? jsonRecord(body, resource, language)
            : jsonList(body, resource, displayOf(display), language)[0]!
          : xmlRecord(body);
        expect(record.id).toBe(Number(id));
        return;
      }
      const records = json ? jsonList(body, resource, displayOf(display)) : xmlList(body);
      for (const record of records) expect(Number.isInteger(record.id)).toBe(true);
    });
  }

  it('every file of writes/ and single-language/ holding a record is read', () => {
    const files = [
      ...listFixtures('writes').map((file) => `writes/${file}`),
      ...listFixtures('single-language').map((file) => `single-language/${file}`),
    ].filter((file) => !file.endsWith('.headers'));
    let read = 0;
    for (const file of files) {
      const raw = file.endsWith('.txt') ? recordedHttpText(file).body : readFixture(file);
      if (raw.trim() === '' || raw.includes('<errors>')) continue;
      const resource = file.split('/')[1]!.split('.')[0]!;
      const record = raw.trimStart().startsWith('{') ? jsonRecordOrFirst(raw, resource) : xmlRecord(raw);
      expect(record.id === undefined || Number.isInteger(record.id)).toBe(true);
      read += 1;
    }
    expect(read).toBeGreaterThanOrEqual(12);
  });
});

function jsonRecordOrFirst(text: string, resource: string): PsRecord {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  // One language in the store: collapsed language fields belong to language 1 (the only one).
  return Array.isArray(parsed[resource])
    ? jsonList(text, resource, 'full', 1)[0]!
    : jsonRecord(text, resource, 1);
}

describe('normalized records, field by field (values read in the raw files)', () => {
  const full = (resource: string): PsRecord[] => xmlList(readFixture(`${resource}.full.xml`));
  const fullJson = (resource: string): PsRecord[] =>
    jsonList(readFixture(`${resource}.full.json`), resource, 'full');

  for (const [codec, read] of [
    ['XML', full],
    ['JSON', fullJson],
  ] as const) {
    describe(`${codec} codec`, () => {
      it('products: ids as numbers, decimals as written, languages by id, associations as arrays', () => {
        const [product] = read('products');
        expect(product).toMatchObject({
          id: 1,
          id_manufacturer: '1',
          id_category_default: '4',
          new: '',
          reference: 'demo_1',
          price: '23.900000',
          wholesale_price: '5.490000',
          weight: '0.300000',
          quantity: '0',
          active: '1',
          available_date: '0000-00-00',
          date_upd: '2026-11-22 12:11:13',
          name: { 1: 'Hummingbird printed t-shirt', 2: 'Hummingbird printed t-shirt' },
          meta_title: { 1: '', 2: '' },
        });
        expect(product!.description_short).toEqual({
          1: '<p>Regular fit, round neckline, short sleeves. Made of extra long staple pima cotton. </p>\r\n<p></p>',
          2: '<p>Regular fit, round neckline, short sleeves. Made of extra long staple pima cotton. </p>\r\n<p></p>',
        });
        const associations = product!.associations!;
        expect(associations.categories).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }]);
        expect(associations.images).toEqual([{ id: 1 }, { id: 2 }]);
        expect(associations.combinations?.map((entry) => entry.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(associations.product_features).toEqual([
          { id: 1, id_feature_value: '4' },
          { id: 2, id_feature_value: '8' },
        ]);
        expect(associations.stock_availables?.[0]).toEqual({ id: 1, id_product_attribute: '0' });
        expect(associations.stock_availables?.[1]).toEqual({ id: 20, id_product_attribute: '1' });
        expect(associations.tags).toEqual([]);
        expect(associations.product_bundle).toEqual([]);
      });

      it('combinations', () => {
        const [first, second] = read('combinations');
        expect(first).toMatchObject({
          id: 1,
          id_product: '1',
          reference: 'demo_1',
          price: '0.000000',
          default_on: '1',
        });
        expect(first!.available_now).toEqual({ 1: '', 2: '' });
        expect(first!.associations).toEqual({
          product_option_values: [{ id: 1 }, { id: 8 }],
          images: [{ id: 2 }],
        });
        expect(second).toMatchObject({ id: 2, default_on: '' });
      });

      it('stock_availables', () => {
        const rows = read('stock_availables');
        expect(rows.map((row) => [row.id, row.id_product, row.id_product_attribute, row.quantity])).toEqual([
          [1, '1', '0', '2177'],
          [2, '2', '0', '2100'],
          [3, '3', '0', '1500'],
        ]);
        expect(rows[0]).toMatchObject({ depends_on_stock: '0', out_of_stock: '2', location: '' });
      });

      it('orders, with their rows', () => {
        const [order] = read('orders');
        expect(order).toMatchObject({
          id: 1,
          reference: 'XKBKNABJK',
          current_state: '6',
          module: 'ps_checkpayment',
          total_paid_tax_incl: '68.200000',
          total_shipping_tax_excl: '7.000000',
          carrier_tax_rate: '0.000',
          invoice_date: '0000-00-00 00:00:00',
          note: 'Test',
        });
        expect(order!.associations?.order_rows?.[0]).toEqual({
          id: 1,
          product_id: '1',
          product_attribute_id: '1',
          product_quantity: '1',
          product_name: 'Hummingbird printed t-shirt - Color : White, Size : S',
          product_reference: 'demo_1',
          product_ean13: '',
          product_isbn: '',
          product_upc: '',
          product_price: '23.900000',
          id_customization: '0',
          unit_price_tax_incl: '23.900000',
          unit_price_tax_excl: '23.900000',
        });
      });

      it('customers and addresses', () => {
        const customers = read('customers');
        expect(customers.map((customer) => customer.email)).toEqual([
          'anonymous@psgdpr.com',
          'pub@prestashop.com',
          'real.tester@example.com',
        ]);
        expect(customers[1]).toMatchObject({
          id: 2,
          firstname: 'John',
          lastname: 'DOE',
          birthday: '1970-01-15',
        });
        expect(customers[1]!.associations).toEqual({ groups: [{ id: 3 }] });
        const addresses = read('addresses');
        expect(addresses[2]).toMatchObject({
          id: 6,
          city: 'Bayonne',
          address1: '42 Avenue Maréchal Soult',
          id_country: '8',
        });
      });

      it('categories, with an empty association as []', () => {
        const [root, home] = read('categories');
        expect(root).toMatchObject({ id: 1, id_parent: '0', name: { 1: 'Root', 2: 'Root' } });
        expect(root!.associations).toEqual({ categories: [{ id: 2 }], products: [] });
        expect(home!.associations?.products).toHaveLength(19);
      });

      it('order states, carriers, languages, currencies, taxes, shops, suppliers', () => {
        expect(read('order_states')[0]).toMatchObject({
          id: 2,
          paid: '1',
          name: { 1: 'Payment accepted', 2: 'Payment accepted' },
        });
        expect(read('carriers')[1]).toMatchObject({
          id: 2,
          name: 'My carrier',
          delay: { 1: 'Delivery next day!', 2: 'Delivery next day!' },
        });
        expect(read('languages').map((language) => [language.id, language.iso_code])).toEqual([
          [1, 'en'],
          [2, 'fr'],
        ]);
        expect(read('currencies')[0]).toMatchObject({
          id: 1,
          iso_code: 'USD',
          conversion_rate: '1.000000',
          symbol: { 1: '$', 2: '$' },
        });
        expect(read('tax_rule_groups')[2]).toMatchObject({ id: 3, name: 'US-AZ Rate (6.6%)' });
        expect(read('taxes')[2]).toMatchObject({ id: 3, rate: '6.600' });
        expect(read('shops')[0]).toMatchObject({ id: 1, name: 'PSRealPeer', theme_name: 'classic' });
        expect(read('suppliers')[0]).toMatchObject({
          id: 1,
          name: 'Fashion supplier',
          link_rewrite: 'fashion-supplier',
        });
      });

      it('order histories keep the store order (no sort means no ORDER BY)', () => {
        expect(read('order_histories').map((history) => history.id)).toEqual([1, 6, 2]);
      });
    });
  }

  it('a JSON boolean and null read as PHP prints them', () => {
    const products = jsonList(readFixture('products.full-all.json'), 'products', 'full');
    const product15 = products.find((product) => product.id === 15)!;
    expect(product15.manufacturer_name).toBe('');
    expect(product15.new).toBe('');
    expect(product15.associations?.product_bundle?.length).toBeGreaterThan(0);
  });

  it('an empty JSON list is a bare [] and reads as no records', () => {
    expect(jsonList(readFixture('q.filter-name-nomatch.json'), 'products', undefined)).toEqual([]);
    expect(jsonList(readFixture('q.filter-name-nomatch.full.json'), 'products', 'full')).toEqual([]);
    expect(xmlList(readFixture('q.limit-100,5.empty.xml'))).toEqual([]);
  });

  it('a plain list gives the ids only', () => {
    const ids = Array.from({ length: 19 }, (_, index) => ({ id: index + 1 }));
    expect(xmlList(readFixture('products.list.xml'))).toEqual(ids);
    expect(jsonList(readFixture('products.list.json'), 'products', undefined)).toEqual(ids);
  });

  it('a field list gives those fields', () => {
    const [first] = xmlList(readFixture('q.display-fields.xml'));
    expect(first).toEqual({
      id: 1,
      reference: 'demo_1',
      price: '23.900000',
      name: { 1: 'Hummingbird printed t-shirt', 2: 'Hummingbird printed t-shirt' },
    });
  });

  it('a single-language store collapses languages in JSON; they map to that language', () => {
    const single = recordedHttpText('single-language/products.1.json.txt').body;
    const record = jsonRecord(single, 'products', 1);
    expect(record.name).toEqual({ 1: 'Hummingbird printed t-shirt' });
    expect(record.link_rewrite).toEqual({ 1: 'hummingbird-printed-t-shirt' });
    expect(record.reference).toBe('demo_1');
  });

  it('language=2 collapses languages in JSON to language 2', () => {
    const record = jsonRecord(readFixture('q.language-2.json'), 'products', 2);
    expect(record.name).toEqual({ 2: 'Hummingbird printed t-shirt' });
  });

  it('the /api/ listing gives every resource with its verbs', () => {
    const { shopName, resources } = resourcesFromApiRoot(readXml(readFixture('q.root.xml')));
    expect(shopName).toBe('PSRealPeer');
    expect(resources.find((access) => access.resource === 'addresses')).toEqual({
      resource: 'addresses',
      description: 'The Customer, Brand and Customer addresses',
      verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
    });
    const readOnly = resourcesFromApiRoot(readXml(readFixture('auth.ro-key.root.xml'))).resources;
    expect(readOnly.map((access) => [access.resource, access.verbs])).toEqual([
      ['orders', ['GET']],
      ['products', ['GET']],
    ]);
  });
});

import { describe, expect, it } from 'vitest';

import { InvalidRequestError } from '../../src/webservice/invalid-request-error.js';
import { cdata, RecordDocument } from '../../src/webservice/record-document.js';
import { readXml } from '../../src/webservice/xml-stream-reader.js';
import { readFixture } from '../support/fixtures.js';
import { RECORDED_CUSTOMER, xmlRecord } from './support/recorded.js';

function documentOf(file: string, resource: string): RecordDocument {
  return RecordDocument.fromElement(resource, readXml(readFixture(file)).children[0]!);
}

describe('write bodies', () => {
  it('values go in CDATA unchanged, and "]]>" cannot end the section', () => {
    expect(cdata('  a < b & "c"\n')).toBe('<![CDATA[  a < b & "c"\n]]>');
    const tricky = 'x]]>y';
    const written = cdata(tricky);
    expect(written).toBe('<![CDATA[x]]]]><![CDATA[>y]]>');
    expect(readXml(`<v>${written}</v>`).cdata).toBe(tricky);
    expect(() => cdata('bell\u0007')).toThrow(InvalidRequestError);
  });

  it('a customer from the recorded blank schema gives the body the real store accepted', () => {
    const document = documentOf('customers.schema-blank.xml', 'customers');
    document.remove('id');
    document.clearAssociations();
    document.apply(RECORDED_CUSTOMER);
    const sent = xmlRecord(document.toXml());
    const accepted = xmlRecord(readFixture('writes/customers.post.request.xml'));
    expect(sent).toEqual(accepted);
  });

  it('a product PUT keeps every language, changes only what is given, and sends only given associations', () => {
    const document = documentOf('products.one-1.xml', 'products');
    document.remove('manufacturer_name');
    document.apply({ price: '24.500000', name: { 2: 'T-shirt colibri' }, meta_title: 'Same everywhere' });
    const sent = xmlRecord(document.toXml());
    expect(sent.id).toBe(1);
    expect(sent.price).toBe('24.500000');
    expect(sent.name).toEqual({ 1: 'Hummingbird printed t-shirt', 2: 'T-shirt colibri' });
    expect(sent.meta_title).toEqual({ 1: 'Same everywhere', 2: 'Same everywhere' });
    expect(sent.manufacturer_name).toBeUndefined();
    expect(sent.associations).toBeUndefined();
    // Values are written exactly, carriage returns included.
    expect((sent.description_short as Record<number, string>)[1]).toContain('</p>\r\n<p>');

    document.apply({ associations: { categories: [{ id: 2 }, { id: 5 }] } });
    expect(xmlRecord(document.toXml()).associations).toEqual({ categories: [{ id: 2 }, { id: 5 }] });
  });

  it('refuses unknown fields and associations, and language maps on plain fields', () => {
    const document = documentOf('products.one-1.xml', 'products');
    expect(() => document.apply({ no_such_field: 'x' })).toThrow(
      /"no_such_field" is not a field of products/,
    );
    expect(() => document.apply({ associations: { nope: [] } })).toThrow(/not an association of products/);
    expect(() => document.apply({ reference: { 1: 'x' } })).toThrow(/not multilingual/);
  });
});

import { describe, expect, it } from 'vitest';

import { compareAnswers, type HttpShape } from './shape-comparator.js';

const XML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';

function answer(
  body: string,
  type = 'text/xml;charset=utf-8',
  status = 200,
  extra: Record<string, string> = {},
): HttpShape {
  return {
    status,
    headers: new Map(
      Object.entries({
        'content-type': type,
        'psws-version': '8.1.2',
        'x-powered-by': 'PrestaShop Webservice',
        ...extra,
      }),
    ),
    body: Buffer.from(body),
  };
}

function xml(inner: string): string {
  return `${XML_HEAD}${inner}</prestashop>\n`;
}

const product = (price: string, extra = ''): string =>
  xml(
    `<product>\n\t<id><![CDATA[1]]></id>\n\t<id_manufacturer xlink:href="http://a/api/manufacturers/1"><![CDATA[1]]></id_manufacturer>\n\t<price><![CDATA[${price}]]></price>\n${extra}</product>\n`,
  );

describe('the shape comparator', () => {
  it('accepts different values written the same way', () => {
    expect(compareAnswers(answer(product('23.900000')), answer(product('12.500000')), 'GET')).toEqual([]);
  });

  it('reports a number written with other decimals, a missing CDATA, a renamed element', () => {
    const paths = (emulated: string): string[] =>
      compareAnswers(answer(product('23.900000')), answer(emulated), 'GET').map((d) => d.message);
    expect(paths(product('12.5'))).toEqual([expect.stringContaining('decimal(1)')]);
    expect(paths(product('23.900000').replace('<![CDATA[23.900000]]>', '23.900000'))).toEqual([
      expect.stringContaining('without CDATA'),
    ]);
    expect(paths(product('23.900000').replaceAll('price', 'prices'))).toEqual([
      expect.stringContaining('children'),
    ]);
  });

  it('lets xlink:href go only when the value is empty or 0', () => {
    const withoutHref = (value: string): string =>
      product('1.000000').replace(
        '<id_manufacturer xlink:href="http://a/api/manufacturers/1"><![CDATA[1]]>',
        `<id_manufacturer><![CDATA[${value}]]>`,
      );
    expect(compareAnswers(answer(product('1.000000')), answer(withoutHref('0')), 'GET')).toEqual([]);
    expect(compareAnswers(answer(product('1.000000')), answer(withoutHref('7')), 'GET')).not.toEqual([]);
  });

  it('compares the tabs and newlines before each element', () => {
    const recorded = product('1.000000');
    expect(
      compareAnswers(answer(recorded), answer(recorded.replace('\t<price>', '  <price>')), 'GET'),
    ).not.toEqual([]);
  });

  it('counts language nodes and errors exactly, list items only as empty or not', () => {
    const list = (n: number): string =>
      xml(`<products>\n${'<product id="1" xlink:href="http://a/api/products/1"/>\n'.repeat(n)}</products>\n`);
    expect(compareAnswers(answer(list(3)), answer(list(5)), 'GET')).toEqual([]);
    expect(compareAnswers(answer(list(3)), answer(list(0)), 'GET')).not.toEqual([]);
    const errors = (n: number): string =>
      xml(
        `<errors>\n${'<error>\n<code><![CDATA[3]]></code>\n<message><![CDATA[x]]></message>\n</error>\n'.repeat(n)}</errors>\n`,
      );
    expect(
      compareAnswers(answer(errors(2), undefined, 500), answer(errors(1), undefined, 500), 'GET'),
    ).not.toEqual([]);
  });

  it('checks JSON kinds, key order, and lets a single record drop falsy keys only', () => {
    const json = (body: unknown): HttpShape => answer(JSON.stringify(body), 'application/json');
    const recorded = json({ product: { id: 1, active: '1', quantity: 0, name: 'x' } });
    expect(compareAnswers(recorded, json({ product: { id: 2, active: '0', name: 'y' } }), 'GET')).toEqual([]);
    expect(
      compareAnswers(recorded, json({ product: { id: '2', active: '1', name: 'y' } }), 'GET'),
    ).not.toEqual([]);
    expect(compareAnswers(recorded, json({ product: { active: '1', id: 1, name: 'y' } }), 'GET')).not.toEqual(
      [],
    );
    expect(compareAnswers(recorded, json({ product: { id: 1, active: '1' } }), 'GET')).not.toEqual([]);
    const list = json({ products: [{ id: 1, quantity: 0 }] });
    expect(compareAnswers(list, json({ products: [{ id: 1 }] }), 'GET')).not.toEqual([]);
  });

  it('checks status, content type and the webservice headers', () => {
    const recorded = answer(product('1.000000'));
    expect(
      compareAnswers(recorded, answer(product('1.000000'), 'text/xml;charset=utf-8', 400), 'GET'),
    ).not.toEqual([]);
    expect(compareAnswers(recorded, answer(product('1.000000'), 'application/xml'), 'GET')).not.toEqual([]);
    expect(
      compareAnswers(recorded, answer(product('1.000000'), undefined, 200, { 'psws-version': '0' }), 'GET'),
    ).not.toEqual([]);
  });
});

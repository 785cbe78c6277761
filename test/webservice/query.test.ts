import { describe, expect, it } from 'vitest';

import { InvalidRequestError } from '../../src/webservice/invalid-request-error.js';
import { displayedAssociations, filter, queryParams } from '../../src/webservice/query.js';

describe('queries become the parameters the webservice understands', () => {
  it('display: full, minimum, or a field list that always holds id', () => {
    expect(queryParams({ display: 'full' })).toEqual([['display', 'full']]);
    expect(queryParams({ display: ['name', 'price'] })).toEqual([['display', '[id,name,price]']]);
    expect(queryParams({ display: ['id', 'categories[id]'] })).toEqual([['display', '[id,categories[id]]']]);
  });

  it('filters: exact, OR list, interval, begins/ends/contains, comparisons, negation, raw', () => {
    const params = queryParams({
      filter: {
        reference: 'demo_1',
        id_product: 3,
        id: filter.oneOf([1, 3]),
        price: filter.between(10, 20),
        name: filter.contains('shirt'),
        link_rewrite: filter.beginsWith('hummingbird'),
        ean13: filter.endsWith('42'),
        quantity: filter.gt(0),
        weight: filter.lt(2),
        current_state: filter.notIn([6, 8]),
        module: filter.raw('[ps_checkpayment]'),
      },
    });
    expect(params).toEqual([
      ['filter[reference]', '[demo_1]'],
      ['filter[id_product]', '[3]'],
      ['filter[id]', '[1|3]'],
      ['filter[price]', '[10,20]'],
      ['filter[name]', '%[shirt]%'],
      ['filter[link_rewrite]', '[hummingbird]%'],
      ['filter[ean13]', '%[42]'],
      ['filter[quantity]', '>[0]'],
      ['filter[weight]', '<[2]'],
      ['filter[current_state]', '![6|8]'],
      ['filter[module]', '[ps_checkpayment]'],
    ]);
  });

  it('adds date=1 when a filter or the sort uses date_add / date_upd', () => {
    expect(queryParams({ filter: { date_upd: filter.after('2026-01-01 00:00:00') } })).toEqual([
      ['filter[date_upd]', '>[2026-01-01 00:00:00]'],
      ['date', '1'],
    ]);
    expect(queryParams({ sort: 'date_add_DESC' })).toEqual([
      ['sort', '[date_add_DESC]'],
      ['date', '1'],
    ]);
    expect(
      queryParams({ filter: { date_upd: filter.between('2026-01-01 00:00:00', '2026-01-31 23:59:59') } })[0],
    ).toEqual(['filter[date_upd]', '[2026-01-01 00:00:00,2026-01-31 23:59:59]']);
  });

  it('sort, limit with offset, language, multistore, schema, price fields and raw parameters', () => {
    expect(
      queryParams({
        sort: ['name_ASC', 'id_DESC'],
        limit: { offset: 100, count: 50 },
        language: [1, 2],
        idShop: 2,
        idShopGroup: 1,
        schema: 'synopsis',
        price: { final_price: { use_tax: true, country: 8 } },
        params: { depth: 1 },
      }),
    ).toEqual([
      ['sort', '[name_ASC,id_DESC]'],
      ['limit', '100,50'],
      ['language', '[1|2]'],
      ['id_shop', '2'],
      ['id_group_shop', '1'],
      ['schema', 'synopsis'],
      ['price[final_price][use_tax]', '1'],
      ['price[final_price][country]', '8'],
      ['depth', '1'],
    ]);
    expect(queryParams({ limit: 5, language: { from: 1, to: 3 }, idShop: 'all' })).toEqual([
      ['limit', '5'],
      ['language', '[1,3]'],
      ['id_shop', 'all'],
    ]);
  });

  it('refuses what the store cannot express, before sending anything', () => {
    expect(() => queryParams({ filter: { name: '' } })).toThrow(InvalidRequestError);
    expect(() => queryParams({ filter: { name: filter.oneOf(['a|b']) } })).toThrow(/\|/);
    expect(() => queryParams({ filter: { reference: 'a,b' } })).toThrow(/interval/);
    expect(() => queryParams({ filter: { price: filter.between('a', 'z') } })).toThrow(/numbers or dates/);
    expect(() => queryParams({ sort: 'name' })).toThrow(/field_ASC/);
    expect(() => queryParams({ limit: -1 })).toThrow(/limit/);
    expect(() => queryParams({ filter: { 'bad field': 1 } })).toThrow(/field name/);
  });

  it('knows which associations a display shows', () => {
    const known = ['categories', 'images'];
    expect(displayedAssociations('full', known)).toEqual(known);
    expect(displayedAssociations(undefined, known)).toEqual([]);
    expect(displayedAssociations(['id', 'categories[id]'], known)).toEqual(['categories']);
  });
});

import type { PsCombination, PsProduct, PsRecord } from '../../../../src/webservice/index.js';
import { readFixture } from '../../../support/fixtures.js';
import { jsonList, recordedHttpText, xmlList } from '../../../webservice/support/recorded.js';

/**
 * The recorded 8.1.2 store's catalog, decoded by the client's own decoders (as a feed receives it):
 * 19 products (combinations, simple, virtual, one pack), the first combinations, options and values.
 */

export function recordedProducts(): PsProduct[] {
  return jsonList(readFixture('products.full-all.json'), 'products', 'full') as PsProduct[];
}

/** The first three products, as XML (the other codec). */
export function recordedProductsXml(): PsProduct[] {
  return xmlList(readFixture('products.full.xml')) as PsProduct[];
}

export function recordedProductsJson(): PsProduct[] {
  return jsonList(readFixture('products.full.json'), 'products', 'full') as PsProduct[];
}

export function recordedCombinations(): PsCombination[] {
  return jsonList(readFixture('combinations.full.json'), 'combinations', 'full') as PsCombination[];
}

export function recordedList(resource: string): PsRecord[] {
  return jsonList(readFixture(`${resource}.full.json`), resource, 'full');
}

/** Products read while the store had one language: JSON collapses language fields to plain text. */
export function recordedSingleLanguageProducts(): PsProduct[] {
  return jsonList(
    recordedHttpText('single-language/products.full.json.txt').body,
    'products',
    'full',
    1,
  ) as PsProduct[];
}

import { Decimal, type Product } from '../../../hub/index.js';
import { filter, type PrestaShopClient, type PsRecord } from '../../../webservice/index.js';
import type { StoreDates } from '../../store-dates.js';
import type { ChosenFields } from './product-export-payload.js';

/** What the plan reads of a store product: enough to decide, not the whole record. */
export interface StoreProductState {
  readonly id: number;
  readonly reference: string;
  readonly ean13: string;
  /** `date_upd` as the store wrote it (watermarks are kept in the store's text). */
  readonly updatedLocal: string;
  /** `date_upd` as a UTC instant. */
  readonly updatedAt: string | null;
  readonly price: string;
  readonly wholesalePrice: string;
}

/** The `display` of the plan's reads. */
export const STORE_PRODUCT_FIELDS: readonly string[] = [
  'reference',
  'ean13',
  'date_upd',
  'price',
  'wholesale_price',
];

/** Ids (or references) per request: the URL stays short, a page of 500 costs 5 requests. */
const PER_REQUEST = 100;

function text(value: PsRecord[string]): string {
  return typeof value === 'string' ? value : '';
}

export function toStoreProductState(record: PsRecord, dates: StoreDates): StoreProductState {
  const updatedLocal = text(record.date_upd);
  return {
    id: record.id,
    reference: text(record.reference),
    ean13: text(record.ean13),
    updatedLocal,
    updatedAt: dates.toInstant(updatedLocal),
    price: text(record.price),
    wholesalePrice: text(record.wholesale_price),
  };
}

/** Whether a value the webservice can search for exactly (`|` and `]` cannot be sent in a filter). */
export function searchableReference(reference: string | null): reference is string {
  return reference !== null && reference !== '' && !/[|\]]/.test(reference);
}

/** Store products by id (those that exist), a request per hundred. */
export async function storeProductsById(
  client: PrestaShopClient,
  ids: readonly number[],
  dates: StoreDates,
): Promise<Map<number, StoreProductState>> {
  const found = new Map<number, StoreProductState>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += PER_REQUEST) {
    const records = await client.list('products', {
      display: STORE_PRODUCT_FIELDS,
      filter: { id: filter.oneOf(unique.slice(start, start + PER_REQUEST)) },
    });
    for (const record of records) found.set(record.id, toStoreProductState(record, dates));
  }
  return found;
}

/** The store product field a hub product is matched on (`catalog.matchBy`, except `none`). */
export type MatchField = 'reference' | 'ean13';

/**
 * Store products by their reference or EAN-13 (exact match), a request per hundred values.
 *
 * @example
 * await storeProductsByField(client, 'ean13', ['3760000000017'], dates); // Map { '3760000000017' => [state] }
 */
export async function storeProductsByField(
  client: PrestaShopClient,
  field: MatchField,
  values: readonly string[],
  dates: StoreDates,
): Promise<Map<string, StoreProductState[]>> {
  const found = new Map<string, StoreProductState[]>();
  const unique = [...new Set(values.filter(searchableReference))];
  for (let start = 0; start < unique.length; start += PER_REQUEST) {
    const records = await client.list('products', {
      display: STORE_PRODUCT_FIELDS,
      filter: { [field]: filter.oneOf(unique.slice(start, start + PER_REQUEST)) },
    });
    for (const record of records) {
      const state = toStoreProductState(record, dates);
      found.set(state[field], [...(found.get(state[field]) ?? []), state]);
    }
  }
  return found;
}

function sameAmount(hub: string | null, store: string): boolean {
  const stored = Decimal.tryParse(store === '' ? '0' : store);
  return stored !== undefined && stored.eq(hub ?? '0');
}

/**
 * Whether the store's exported product fields differ from the hub's (amounts compared as
 * decimals: `23.9` and `23.900000` are the same price).
 *
 * @example
 * differsOnChosenFields({ price: '23.900000', wholesalePrice: null }, state, { price: true, wholesalePrice: false });
 */
export function differsOnChosenFields(
  hub: Pick<Product, 'price' | 'wholesalePrice'>,
  store: Pick<StoreProductState, 'price' | 'wholesalePrice'>,
  fields: ChosenFields,
): boolean {
  if (fields.price && !sameAmount(hub.price, store.price)) return true;
  return (
    fields.wholesalePrice &&
    hub.wholesalePrice !== null &&
    !sameAmount(hub.wholesalePrice, store.wholesalePrice)
  );
}

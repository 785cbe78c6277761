import type { Hub, Store } from '../../hub/index.js';
import type { PrestaShopClient, PsRecord } from '../../webservice/index.js';
import { scalar } from '../catalog/ps-scalar.js';
import type { FeedNotice } from '../feed.js';
import { findVariant, type SkuLookup } from '../stock/sku-variants.js';
import { StoreDates } from '../store-dates.js';
import { StoreLanguages } from '../store-languages.js';
import { loadAddressLookups } from './address-lookups.js';
import type { OrderMappingLookups } from './map-order.js';
import { OrderStateRules } from './order-state-rules.js';
import { StoreOrderStates } from './store-order-states.js';

/** Everything the order feeds map with, read once per run. */
export interface OrderLookups extends OrderMappingLookups {
  readonly languages: StoreLanguages;
  readonly dates: StoreDates;
  readonly states: StoreOrderStates;
  readonly rules: OrderStateRules;
}

/** The context the lookups are read in (a feed context, or the CLI's session). */
export interface LookupSource {
  readonly store: Store;
  readonly client: PrestaShopClient;
  readonly hub: Hub;
  notice(notice: FeedNotice): void;
}

/**
 * Reads what order mapping needs, in a handful of requests per run: languages (from the store's
 * record when known), order states and final-state configuration, currencies, countries, states,
 * carriers; and from the hub, its shipping and payment method codes and the `shippingCostProduct`
 * variant. A `shippingCostProduct` the hub lacks, or that several variants have, is reported (naming
 * them) and shipping lines go without product.
 */
export async function loadOrderLookups(source: LookupSource): Promise<OrderLookups> {
  const { store, client, hub } = source;
  const settings = store.settings;
  const languages = await StoreLanguages.load(store, client);
  const [states, currencies, addresses, carriers, shippingMethods, paymentMethods, shippingProduct] =
    await Promise.all([
      StoreOrderStates.load(client, languages),
      // Full records: `precision` exists from 1.7.6 only (1.6 has `decimals`), and a display list naming
      // a field the store lacks is refused.
      client.list('currencies', { display: 'full' }),
      loadAddressLookups(client, languages),
      client.list('carriers', { display: ['id_reference', 'name'] }),
      hub.masterData.list('shippingMethods'),
      hub.masterData.list('paymentMethods'),
      findShippingProduct(hub, settings.shippingCostProduct),
    ]);
  if (settings.shippingCostProduct !== null && shippingProduct.found === 'none') {
    source.notice({
      kind: 'unknown-shipping-product',
      key: settings.shippingCostProduct,
      message:
        `shippingCostProduct names SKU '${settings.shippingCostProduct}', which no hub variant has: shipping lines ` +
        'are imported without a product. Import or create that product, or change the setting.',
    });
  }
  if (shippingProduct.found === 'several') {
    source.notice({
      kind: 'unknown-shipping-product',
      key: settings.shippingCostProduct ?? '',
      message:
        `shippingCostProduct: ${shippingProduct.message} Until then shipping lines are imported without a product ` +
        '(or set shippingCostProduct to a SKU only one variant has).',
    });
  }
  const currencyById = new Map(
    currencies.map((row) => [
      row.id,
      { iso: scalar(row.iso_code).trim().toUpperCase(), places: currencyPlaces(row) },
    ]),
  );
  const carrierById = new Map(
    carriers.map((row) => [
      row.id,
      { reference: Number(row.id_reference) || row.id, name: scalar(row.name).trim() || `carrier ${row.id}` },
    ]),
  );
  return {
    storeName: store.name,
    languages,
    dates: StoreDates.of(store),
    states,
    rules: new OrderStateRules(settings, states),
    currency: (id) => currencyById.get(id),
    carrier: (id) => carrierById.get(id),
    carrierMappings: settings.carriers,
    paymentMappings: settings.payments,
    shippingMethods: new Set(shippingMethods.map((method) => method.code)),
    paymentMethods: new Set(paymentMethods.map((method) => method.code)),
    ...addresses,
    orderStateName: (id) => states.nameOf(id),
    shippingProduct:
      shippingProduct.found === 'one' && settings.shippingCostProduct !== null
        ? {
            variantId: shippingProduct.variant.variantId,
            sku: shippingProduct.variant.sku ?? settings.shippingCostProduct,
          }
        : null,
  };
}

/** The hub variant `id:N` names, or whose SKU is exactly `sku` — none when no variant or several have it. */
async function findShippingProduct(hub: Hub, sku: string | null): Promise<SkuLookup> {
  if (sku === null) return { found: 'none' };
  return findVariant(hub, sku);
}

/**
 * The decimal places of a currency: `precision` (1.7.6+), else 1.6's `decimals` flag (0: none,
 * 1: the store's price precision, 2 by default), else 2.
 */
function currencyPlaces(row: PsRecord): number {
  const precision = scalar(row.precision);
  if (/^\d+$/.test(precision)) return Number(precision);
  if (scalar(row.decimals) === '0') return 0;
  return 2;
}

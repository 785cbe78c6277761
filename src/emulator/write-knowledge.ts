/**
 * What the webservice's writes need to know beyond the resource definitions: PrestaShop's class
 * names (they appear in validation messages), what a freshly constructed object holds before a
 * POST assigns anything, and the few fields whose setters misbehave on 8.1. Kept beside the
 * engine, as the engine is the only reader.
 */
import type { WsErrorEntry } from './ws-error.js';
import { phpWarning } from './ws-error.js';

/** Resource → PrestaShop class, for `Property Product->price is not valid`. */
export const CLASS_NAMES: Readonly<Record<string, string>> = {
  addresses: 'Address',
  carriers: 'Carrier',
  carts: 'Cart',
  categories: 'Category',
  combinations: 'Combination',
  configurations: 'Configuration',
  countries: 'Country',
  currencies: 'Currency',
  customer_messages: 'CustomerMessage',
  customer_threads: 'CustomerThread',
  customers: 'Customer',
  groups: 'Group',
  languages: 'Language',
  manufacturers: 'Manufacturer',
  messages: 'Message',
  order_carriers: 'OrderCarrier',
  order_details: 'OrderDetail',
  order_histories: 'OrderHistory',
  order_payments: 'OrderPayment',
  order_slip: 'OrderSlip',
  order_states: 'OrderState',
  orders: 'Order',
  product_feature_values: 'FeatureValue',
  product_features: 'Feature',
  product_option_values: 'Attribute',
  product_options: 'AttributeGroup',
  product_suppliers: 'ProductSupplier',
  products: 'Product',
  shop_groups: 'ShopGroup',
  shops: 'Shop',
  specific_prices: 'SpecificPrice',
  states: 'State',
  stock_availables: 'StockAvailable',
  suppliers: 'Supplier',
  tags: 'Tag',
  tax_rule_groups: 'TaxRulesGroup',
  tax_rules: 'TaxRule',
  taxes: 'Tax',
  zones: 'Zone',
};

/**
 * Values a new PrestaShop object holds before the body is applied (PHP property defaults and
 * what the constructor sets from the context). A POST answer shows them for fields the body left
 * out; every other left-out field is empty.
 */
export const OBJECT_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  products: { id_shop_default: '1', condition: 'new', visibility: 'both' },
  combinations: { minimal_quantity: '1' },
  categories: { id_shop_default: '1' },
  customers: { id_shop: '1', id_shop_group: '1', id_default_group: '3' },
  orders: { id_shop: '1', id_shop_group: '1' },
  carts: { id_shop: '1', id_shop_group: '1' },
};

/**
 * Getter fields that are plain object properties: after a write the answer shows the property,
 * which the write left empty (product `quantity` reads back empty after PUT and POST on 8.1).
 */
export const EMPTY_AFTER_WRITE: Readonly<Record<string, readonly string[]>> = {
  products: ['quantity'],
};

/** Fields whose stored value (set by the save) is what the answer shows, not the text sent. */
export const ECHO_SAVED: Readonly<Record<string, readonly string[]>> = {
  customers: ['passwd', 'secure_key', 'last_passwd_gen'],
};

/**
 * A PHP warning raised by a field's setter, or undefined. On 8.1, sending a product's
 * `position_in_category` makes `Product::setWsPositionInCategory` read an offset of null: the
 * write still happens, but the answer is a 500 carrying the warning.
 */
export function setterWarning(resource: string, field: string, installDir: string): WsErrorEntry | undefined {
  if (resource === 'products' && field === 'position_in_category') {
    return phpWarning(
      'Trying to access array offset on value of type null',
      `${installDir}classes/Product.php`,
      7245,
    );
  }
  return undefined;
}

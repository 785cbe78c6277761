import type { HttpVerb } from '../resource-definition.js';

/** One entry of the `/api/` listing of a stock 8.1.2 store. */
export interface ApiResourceEntry {
  /** The element name and URL segment. */
  readonly name: string;
  /** The `<description>` text, exactly as the store writes it. */
  readonly description: string;
  /** False for resources served by a dedicated handler (`attachments`, `images`, `klaviyo`, `search`): no `<schema>` links. */
  readonly schemaLinks: boolean;
  /**
   * Verbs the resource allows whatever the key (PrestaShop's `forbidden_method` removed); another
   * verb answers 405, code 101. The `get`/`put`/… attributes of the listing show the key's
   * permissions instead, and `patch` is always `"false"` on 8.1.2.
   */
  readonly verbs: readonly HttpVerb[];
}

const ALL_VERBS: readonly HttpVerb[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
const READ_ONLY: readonly HttpVerb[] = ['GET', 'HEAD'];
const NO_DELETE: readonly HttpVerb[] = ['GET', 'PUT', 'POST', 'HEAD'];
const NO_POST_NO_DELETE: readonly HttpVerb[] = ['GET', 'PUT', 'HEAD'];
const NO_SCHEMA = false;

function entry(
  name: string,
  description: string,
  verbs: readonly HttpVerb[] = ALL_VERBS,
  schemaLinks = true,
): ApiResourceEntry {
  return { name, description, schemaLinks, verbs };
}

/**
 * Every resource a stock 8.1.2 store lists at `/api/` for a key allowed everything, in the
 * store's order (PrestaShop sorts the names, `ksort`). Names, descriptions and schema links are
 * from the recording `q.root.xml`; forbidden verbs from `WebserviceRequest::getResources()`.
 * `klaviyo` is added by the Klaviyo module that the 8.1 distribution installs by default.
 */
export const apiResourceTable: readonly ApiResourceEntry[] = [
  entry('addresses', 'The Customer, Brand and Customer addresses'),
  entry('attachments', 'The product Attachments', ALL_VERBS, NO_SCHEMA),
  entry('carriers', 'The Carriers'),
  entry('cart_rules', 'Cart rules management'),
  entry('carts', "Customer's carts"),
  entry('categories', 'The product categories'),
  entry('combinations', 'The product combinations'),
  entry('configurations', 'Shop configuration'),
  entry('contacts', 'Shop contacts'),
  entry('content_management_system', 'Content management system'),
  entry('countries', 'The countries'),
  entry('currencies', 'The currencies'),
  entry('customer_messages', 'Customer services messages'),
  entry('customer_threads', 'Customer services threads'),
  entry('customers', "The e-shop's customers"),
  entry('customizations', 'Customization values'),
  entry('deliveries', 'Product delivery'),
  entry('employees', 'The Employees'),
  entry('groups', "The customer's groups"),
  entry('guests', 'The guests'),
  entry('image_types', 'The image types'),
  entry('images', 'The images', ALL_VERBS, NO_SCHEMA),
  entry('klaviyo', 'Klaviyo custom endpoints', ALL_VERBS, NO_SCHEMA),
  entry('languages', 'Shop languages'),
  entry('manufacturers', 'The product brands'),
  entry('messages', 'The Messages'),
  entry('order_carriers', 'The Order carriers'),
  entry('order_cart_rules', 'The Order cart rules'),
  entry('order_details', 'Details of an order'),
  entry('order_histories', 'The Order histories'),
  entry('order_invoices', 'The Order invoices'),
  entry('order_payments', 'The Order payments'),
  entry('order_slip', 'The Order slips'),
  entry('order_states', 'The Order statuses'),
  entry('orders', 'The Customers orders'),
  entry('price_ranges', 'Price ranges'),
  entry('product_customization_fields', 'Customization Field'),
  entry('product_feature_values', 'The product feature values'),
  entry('product_features', 'The product features'),
  entry('product_option_values', 'The product options value'),
  entry('product_options', 'The product options'),
  entry('product_suppliers', 'Product Suppliers'),
  entry('products', 'The products'),
  entry('search', 'Search', READ_ONLY, NO_SCHEMA),
  entry('shop_groups', 'Shop groups from multi-shop feature'),
  entry('shop_urls', 'Shop URLs from multi-shop feature'),
  entry('shops', 'Shops from multi-shop feature'),
  entry('specific_price_rules', 'Specific price management'),
  entry('specific_prices', 'Specific price management'),
  entry('states', 'The available states of countries'),
  entry('stock_availables', 'Available quantities', NO_POST_NO_DELETE),
  entry('stock_movement_reasons', 'Stock movement reason'),
  entry('stock_movements', 'Stock movements', READ_ONLY),
  entry('stocks', 'Stocks', READ_ONLY),
  entry('stores', 'The stores'),
  entry('suppliers', 'The product suppliers'),
  entry('supply_order_details', 'Supply Order Details', READ_ONLY),
  entry('supply_order_histories', 'Supply Order Histories', READ_ONLY),
  entry('supply_order_receipt_histories', 'Supply Order Receipt Histories', READ_ONLY),
  entry('supply_order_states', 'Supply Order Statuses', READ_ONLY),
  entry('supply_orders', 'Supply Orders', READ_ONLY),
  entry('tags', 'The Products tags'),
  entry('tax_rule_groups', 'Tax rule groups'),
  entry('tax_rules', 'Tax rules entity'),
  entry('taxes', 'The tax rate'),
  entry('translated_configurations', 'Shop configuration'),
  entry('warehouse_product_locations', 'Location of products in warehouses', READ_ONLY),
  entry('warehouses', 'Warehouses', NO_DELETE),
  entry('weight_ranges', 'Weight ranges'),
  entry('zones', 'The Countries zones'),
];

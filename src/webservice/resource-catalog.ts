/**
 * What the client knows in advance about common resources: which fields are multilingual and
 * which associations a fully displayed record carries.
 *
 * JSON output loses both facts: a store (or a query) with one language in scope writes a
 * multilingual field as a plain string, and empty associations are left out. The JSON codec uses
 * this table to restore them; a resource missing from it is read as XML, whose shape says it all.
 * The facts come from the recorded 8.1 responses (`schema=synopsis`) and PrestaShop's class
 * definitions.
 */
export interface KnownResource {
  /** Multilingual fields (one `<language>` node per language in XML). */
  readonly multilingual: readonly string[];
  /** Associations rendered with `display=full`, in the store's order. */
  readonly associations: readonly string[];
  /**
   * Fields a GET shows but a write body must not carry (the store answers 400/93 or fails with a
   * 500): stripped by `update()` unless the caller sets them explicitly.
   */
  readonly writeTraps?: readonly string[];
  /**
   * Fields of the blank schema a POST body must not carry (the store answers 500 after saving):
   * stripped by `create()` unless the caller sets them.
   */
  readonly createTraps?: readonly string[];
  /**
   * Each record belongs to one shop (`id_shop`), and a list in a shop's context also holds the
   * records of the shops it shares them with (orders in a group that shares orders): a client
   * working in one shop filters such lists on it.
   */
  readonly ownedByShop?: boolean;
}

const none: readonly string[] = [];
const seo = ['meta_title', 'meta_description', 'meta_keywords'];

const catalog: Readonly<Record<string, KnownResource>> = {
  addresses: { multilingual: none, associations: none },
  carriers: { multilingual: ['delay'], associations: none },
  carts: { multilingual: none, associations: ['cart_rows'], ownedByShop: true },
  categories: {
    multilingual: ['name', 'link_rewrite', 'description', 'additional_description', ...seo],
    associations: ['categories', 'products'],
    writeTraps: ['level_depth', 'nb_products_recursive'],
  },
  combinations: {
    multilingual: ['available_now', 'available_later'],
    associations: ['product_option_values', 'images'],
  },
  configurations: { multilingual: none, associations: none },
  countries: { multilingual: ['name'], associations: none },
  currencies: { multilingual: ['names', 'symbol', 'pattern'], associations: none },
  customers: { multilingual: none, associations: ['groups'], writeTraps: ['last_passwd_gen'] },
  groups: { multilingual: ['name'], associations: none },
  languages: { multilingual: none, associations: none },
  manufacturers: {
    multilingual: ['description', 'short_description', ...seo],
    associations: ['addresses'],
  },
  order_carriers: { multilingual: none, associations: none },
  order_details: { multilingual: none, associations: none },
  order_histories: { multilingual: none, associations: none },
  order_payments: { multilingual: none, associations: none },
  order_states: { multilingual: ['name', 'template'], associations: none },
  orders: { multilingual: none, associations: ['order_rows'], ownedByShop: true },
  product_feature_values: { multilingual: ['value'], associations: none },
  product_features: { multilingual: ['name'], associations: none },
  product_option_values: { multilingual: ['name'], associations: none },
  product_options: { multilingual: ['name', 'public_name'], associations: ['product_option_values'] },
  product_suppliers: { multilingual: none, associations: none },
  products: {
    multilingual: [
      'delivery_in_stock',
      'delivery_out_stock',
      ...seo,
      'link_rewrite',
      'name',
      'description',
      'description_short',
      'available_now',
      'available_later',
    ],
    associations: [
      'categories',
      'images',
      'combinations',
      'product_option_values',
      'product_features',
      'tags',
      'stock_availables',
      'attachments',
      'accessories',
      'product_bundle',
    ],
    writeTraps: ['position_in_category', 'manufacturer_name', 'quantity', 'type'],
    createTraps: ['position_in_category'],
  },
  shops: { multilingual: none, associations: none },
  specific_prices: { multilingual: none, associations: none },
  states: { multilingual: none, associations: none },
  stock_availables: { multilingual: none, associations: none },
  suppliers: { multilingual: ['description', ...seo], associations: none },
  tax_rule_groups: { multilingual: none, associations: none },
  tax_rules: { multilingual: none, associations: none },
  taxes: { multilingual: ['name'], associations: none },
  zones: { multilingual: none, associations: none },
};

/** The catalog entry of a resource, or `undefined` when the client knows nothing of it in advance. */
export function knownResource(resource: string): KnownResource | undefined {
  return Object.hasOwn(catalog, resource) ? catalog[resource] : undefined;
}

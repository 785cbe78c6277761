import type { PsIdEntry, PsLanguageText, PsRecord } from './ps-record.js';

/*
 * Typed views of the records feeds read, field names exactly PrestaShop's (8.1, `display=full`).
 * They describe what the store sends; nothing checks it at run time. Scalars are strings as the
 * store wrote them (`price: '23.900000'`, `active: '1'`); with a `display` field list only the
 * fields asked for are present.
 */

/** A product (`products`). */
export interface PsProduct extends PsRecord {
  readonly id_manufacturer: string;
  readonly id_supplier: string;
  readonly id_category_default: string;
  readonly new: string;
  readonly cache_default_attribute: string;
  readonly id_default_image: string;
  readonly id_default_combination: string;
  readonly id_tax_rules_group: string;
  readonly position_in_category: string;
  readonly manufacturer_name: string;
  readonly quantity: string;
  readonly type: string;
  readonly id_shop_default: string;
  readonly reference: string;
  readonly supplier_reference: string;
  readonly location: string;
  readonly width: string;
  readonly height: string;
  readonly depth: string;
  readonly weight: string;
  readonly quantity_discount: string;
  readonly ean13: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly isbn?: string;
  readonly upc: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly mpn?: string;
  readonly cache_is_pack: string;
  readonly cache_has_attachments: string;
  readonly is_virtual: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly state?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly additional_delivery_times?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly delivery_in_stock?: PsLanguageText;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly delivery_out_stock?: PsLanguageText;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly product_type?: string;
  readonly on_sale: string;
  readonly online_only: string;
  readonly ecotax: string;
  readonly minimal_quantity: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly low_stock_threshold?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly low_stock_alert?: string;
  readonly price: string;
  readonly wholesale_price: string;
  readonly unity: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly unit_price?: string;
  readonly unit_price_ratio: string;
  readonly additional_shipping_cost: string;
  readonly customizable: string;
  readonly text_fields: string;
  readonly uploadable_files: string;
  readonly active: string;
  readonly redirect_type: string;
  readonly id_type_redirected: string;
  readonly available_for_order: string;
  readonly available_date: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly show_condition?: string;
  readonly condition: string;
  readonly show_price: string;
  readonly indexed: string;
  readonly visibility: string;
  readonly advanced_stock_management: string;
  readonly date_add: string;
  readonly date_upd: string;
  readonly pack_stock_type: string;
  readonly meta_description: PsLanguageText;
  readonly meta_keywords: PsLanguageText;
  readonly meta_title: PsLanguageText;
  readonly link_rewrite: PsLanguageText;
  readonly name: PsLanguageText;
  readonly description: PsLanguageText;
  readonly description_short: PsLanguageText;
  readonly available_now: PsLanguageText;
  readonly available_later: PsLanguageText;
  readonly associations?: {
    readonly categories: readonly PsIdEntry[];
    readonly images: readonly PsIdEntry[];
    readonly combinations: readonly PsIdEntry[];
    readonly product_option_values: readonly PsIdEntry[];
    readonly product_features: readonly (PsIdEntry & { readonly id_feature_value: string })[];
    readonly tags: readonly PsIdEntry[];
    readonly stock_availables: readonly (PsIdEntry & { readonly id_product_attribute: string })[];
    readonly attachments: readonly PsIdEntry[];
    readonly accessories: readonly PsIdEntry[];
    readonly product_bundle: readonly (PsIdEntry & {
      readonly id_product_attribute?: string;
      readonly quantity: string;
    })[];
  };
}

/** A combination: one sellable variant of a product (`combinations`). */
export interface PsCombination extends PsRecord {
  readonly id_product: string;
  readonly ean13: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly isbn?: string;
  readonly upc: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly mpn?: string;
  readonly reference: string;
  readonly supplier_reference: string;
  readonly wholesale_price: string;
  readonly price: string;
  readonly ecotax: string;
  readonly weight: string;
  readonly unit_price_impact: string;
  readonly minimal_quantity: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly low_stock_threshold?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly low_stock_alert?: string;
  readonly default_on: string;
  readonly available_date: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly available_now?: PsLanguageText;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly available_later?: PsLanguageText;
  readonly associations?: {
    readonly product_option_values: readonly PsIdEntry[];
    readonly images: readonly PsIdEntry[];
  };
}

/** Stock of one (product, combination, shop) (`stock_availables`); `id_product_attribute` 0 is the product-level row. */
export interface PsStockAvailable extends PsRecord {
  readonly id_product: string;
  readonly id_product_attribute: string;
  readonly id_shop: string;
  readonly id_shop_group: string;
  readonly quantity: string;
  readonly depends_on_stock: string;
  readonly out_of_stock: string;
  readonly location: string;
}

/** An order (`orders`); its lines are `associations.order_rows`. */
export interface PsOrder extends PsRecord {
  readonly id_address_delivery: string;
  readonly id_address_invoice: string;
  readonly id_cart: string;
  readonly id_currency: string;
  readonly id_lang: string;
  readonly id_customer: string;
  readonly id_carrier: string;
  readonly current_state: string;
  readonly module: string;
  readonly invoice_number: string;
  readonly invoice_date: string;
  readonly delivery_number: string;
  readonly delivery_date: string;
  readonly valid: string;
  readonly date_add: string;
  readonly date_upd: string;
  readonly shipping_number: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly note?: string;
  readonly id_shop_group: string;
  readonly id_shop: string;
  readonly secure_key: string;
  readonly payment: string;
  readonly recyclable: string;
  readonly gift: string;
  readonly gift_message: string;
  readonly mobile_theme: string;
  readonly total_discounts: string;
  readonly total_discounts_tax_incl: string;
  readonly total_discounts_tax_excl: string;
  readonly total_paid: string;
  readonly total_paid_tax_incl: string;
  readonly total_paid_tax_excl: string;
  readonly total_paid_real: string;
  readonly total_products: string;
  readonly total_products_wt: string;
  readonly total_shipping: string;
  readonly total_shipping_tax_incl: string;
  readonly total_shipping_tax_excl: string;
  readonly carrier_tax_rate: string;
  readonly total_wrapping: string;
  readonly total_wrapping_tax_incl: string;
  readonly total_wrapping_tax_excl: string;
  readonly round_mode: string;
  readonly round_type: string;
  readonly conversion_rate: string;
  readonly reference: string;
  readonly associations?: {
    readonly order_rows: readonly PsOrderRow[];
  };
}

/** A customer (`customers`). */
export interface PsCustomer extends PsRecord {
  readonly id_default_group: string;
  readonly id_lang: string;
  readonly newsletter_date_add: string;
  readonly ip_registration_newsletter: string;
  readonly last_passwd_gen: string;
  readonly secure_key: string;
  readonly deleted: string;
  readonly passwd: string;
  readonly lastname: string;
  readonly firstname: string;
  readonly email: string;
  readonly id_gender: string;
  readonly birthday: string;
  readonly newsletter: string;
  readonly optin: string;
  readonly website: string;
  readonly company: string;
  readonly siret: string;
  readonly ape: string;
  readonly outstanding_allow_amount: string;
  readonly show_public_prices: string;
  readonly id_risk: string;
  readonly max_payment_days: string;
  readonly active: string;
  readonly note: string;
  readonly is_guest: string;
  readonly id_shop: string;
  readonly id_shop_group: string;
  readonly date_add: string;
  readonly date_upd: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly reset_password_token?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly reset_password_validity?: string;
  readonly associations?: {
    readonly groups: readonly PsIdEntry[];
  };
}

/** An address (`addresses`). */
export interface PsAddress extends PsRecord {
  readonly id_customer: string;
  readonly id_manufacturer: string;
  readonly id_supplier: string;
  readonly id_warehouse: string;
  readonly id_country: string;
  readonly id_state: string;
  readonly alias: string;
  readonly company: string;
  readonly lastname: string;
  readonly firstname: string;
  readonly vat_number: string;
  readonly address1: string;
  readonly address2: string;
  readonly postcode: string;
  readonly city: string;
  readonly other: string;
  readonly phone: string;
  readonly phone_mobile: string;
  readonly dni: string;
  readonly deleted: string;
  readonly date_add: string;
  readonly date_upd: string;
}

/** A category (`categories`). */
export interface PsCategory extends PsRecord {
  readonly id_parent: string;
  readonly level_depth: string;
  readonly nb_products_recursive: string;
  readonly active: string;
  readonly id_shop_default: string;
  readonly is_root_category: string;
  readonly position: string;
  readonly date_add: string;
  readonly date_upd: string;
  readonly name: PsLanguageText;
  readonly link_rewrite: PsLanguageText;
  readonly description: PsLanguageText;
  readonly additional_description: PsLanguageText;
  readonly meta_title: PsLanguageText;
  readonly meta_description: PsLanguageText;
  readonly meta_keywords: PsLanguageText;
  readonly associations?: {
    readonly categories: readonly PsIdEntry[];
    readonly products: readonly PsIdEntry[];
  };
}

/** A supplier (`suppliers`). */
export interface PsSupplier extends PsRecord {
  readonly link_rewrite: string;
  readonly name: string;
  readonly active: string;
  readonly date_add: string;
  readonly date_upd: string;
  readonly description: PsLanguageText;
  readonly meta_title: PsLanguageText;
  readonly meta_description: PsLanguageText;
  readonly meta_keywords: PsLanguageText;
}

/** One state change of an order (`order_histories`). */
export interface PsOrderHistory extends PsRecord {
  readonly id_employee: string;
  readonly id_order_state: string;
  readonly id_order: string;
  readonly date_add: string;
}

/** An order state (`order_states`). */
export interface PsOrderState extends PsRecord {
  readonly unremovable: string;
  readonly delivery: string;
  readonly hidden: string;
  readonly send_email: string;
  readonly module_name: string;
  readonly invoice: string;
  readonly color: string;
  readonly logable: string;
  readonly shipped: string;
  readonly paid: string;
  readonly pdf_delivery: string;
  readonly pdf_invoice: string;
  readonly deleted: string;
  readonly name: PsLanguageText;
  readonly template: PsLanguageText;
}

/** A carrier (`carriers`). */
export interface PsCarrier extends PsRecord {
  readonly deleted: string;
  readonly is_module: string;
  readonly id_tax_rules_group: string;
  readonly id_reference: string;
  readonly name: string;
  readonly active: string;
  readonly is_free: string;
  readonly url: string;
  readonly shipping_handling: string;
  readonly shipping_external: string;
  readonly range_behavior: string;
  readonly shipping_method: string;
  readonly max_width: string;
  readonly max_height: string;
  readonly max_depth: string;
  readonly max_weight: string;
  readonly grade: string;
  readonly external_module_name: string;
  readonly need_range: string;
  readonly position: string;
  readonly delay: PsLanguageText;
}

/** A language (`languages`). */
export interface PsLanguage extends PsRecord {
  readonly name: string;
  readonly iso_code: string;
  readonly locale: string;
  readonly language_code: string;
  readonly active: string;
  readonly is_rtl: string;
  readonly date_format_lite: string;
  readonly date_format_full: string;
}

/** A currency (`currencies`). */
export interface PsCurrency extends PsRecord {
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly names?: PsLanguageText;
  readonly name: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly symbol?: PsLanguageText;
  readonly iso_code: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly numeric_iso_code?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly precision?: string;
  readonly conversion_rate: string;
  readonly deleted: string;
  readonly active: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly unofficial?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly modified?: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly pattern?: PsLanguageText;
}

/** A tax rule group (`tax_rule_groups`). */
export interface PsTaxRuleGroup extends PsRecord {
  readonly name: string;
  readonly active: string;
  readonly deleted: string;
  readonly date_add: string;
  readonly date_upd: string;
}

/** A shop of a multistore installation (`shops`). */
export interface PsShop extends PsRecord {
  readonly id_shop_group: string;
  readonly id_category: string;
  readonly active: string;
  readonly deleted: string;
  readonly name: string;
  readonly color: string;
  readonly theme_name: string;
}

/** One line of an order (`associations.order_rows` of an order). */
export interface PsOrderRow extends PsIdEntry {
  readonly product_id: string;
  readonly product_attribute_id: string;
  readonly product_quantity: string;
  readonly product_name: string;
  readonly product_reference: string;
  readonly product_ean13: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly product_isbn?: string;
  readonly product_upc: string;
  readonly product_price: string;
  /** Not on every version (see docs/webservice.md, Versions). */
  readonly id_customization?: string;
  readonly unit_price_tax_incl: string;
  readonly unit_price_tax_excl: string;
}

/** The link of a product (or combination) to a supplier, with its reference and price (`product_suppliers`). */
export interface PsProductSupplier extends PsRecord {
  readonly id_product: string;
  readonly id_product_attribute: string;
  readonly id_supplier: string;
  readonly id_currency: string;
  readonly product_supplier_reference: string;
  readonly product_supplier_price_te: string;
}

/** The carrier of an order, with its tracking number (`order_carriers`). */
export interface PsOrderCarrier extends PsRecord {
  readonly id_order: string;
  readonly id_carrier: string;
  readonly id_order_invoice: string;
  readonly weight: string;
  readonly shipping_cost_tax_excl: string;
  readonly shipping_cost_tax_incl: string;
  readonly tracking_number: string;
  readonly date_add: string;
}

/** A configuration value (`configurations`), e.g. `PS_TIMEZONE`. */
export interface PsConfiguration extends PsRecord {
  readonly name: string;
  readonly value: string;
  readonly id_shop_group: string;
  readonly id_shop: string;
  readonly date_add: string;
  readonly date_upd: string;
}

/** One image of a product (or category, manufacturer, …), as `listImages()` returns it. */
export interface PsImage {
  readonly id: number;
  /** `products`, `categories`, … */
  readonly ownerType: string;
  readonly ownerId: number;
}

/**
 * The typed view of each resource that has one; `client.get('products', 1)` returns a
 * `PsProduct`, a resource without a view a plain {@link PsRecord}.
 */
export interface PsResourceTypes {
  addresses: PsAddress;
  carriers: PsCarrier;
  categories: PsCategory;
  combinations: PsCombination;
  configurations: PsConfiguration;
  currencies: PsCurrency;
  customers: PsCustomer;
  languages: PsLanguage;
  order_carriers: PsOrderCarrier;
  order_histories: PsOrderHistory;
  order_states: PsOrderState;
  orders: PsOrder;
  product_suppliers: PsProductSupplier;
  products: PsProduct;
  shops: PsShop;
  stock_availables: PsStockAvailable;
  suppliers: PsSupplier;
  tax_rule_groups: PsTaxRuleGroup;
}

/** The record type of a resource: its typed view, or {@link PsRecord}. */
export type PsRecordOf<R extends string> = R extends keyof PsResourceTypes ? PsResourceTypes[R] : PsRecord;

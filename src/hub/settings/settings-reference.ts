import {
  ADDRESS_CHOICES,
  CATALOG_MATCHES,
  HUB_GENDERS,
  MAX_CART_IDLE_MINUTES,
  MIN_CART_IDLE_MINUTES,
  ORDER_STATE_RULES,
  PRODUCT_MASTERS,
} from './store-settings.js';

/**
 * The wording of every store setting: its key path (as typed in `stores set NAME key=value`), its kind,
 * what a valid value is, and what it means. Messages for invalid settings and the settings reference
 * in docs/hub.md come from here.
 */

export type SettingKind = 'boolean' | 'integer' | 'text' | 'choice' | 'integer-list' | 'text-list';

export interface SettingSpec {
  /** Key path; a `<…>` segment is a map key chosen by the user, e.g. `orderStates.<state id>`. */
  readonly key: string;
  readonly kind: SettingKind;
  /** Whether an empty value (`key=`) clears the setting. */
  readonly nullable: boolean;
  /** Completes "KEY must be …". */
  readonly mustBe: string;
  /** For map entries: completes "the key must be …". */
  readonly keyMustBe?: string;
  readonly meaning: string;
}

const FREQUENCY = 'a whole number of minutes between 1 and 10080';
const CODE = (what: string): string => `${what} code (1 to 64 characters), or empty for none`;
const BOOLEAN = 'true or false';
const STATE_ID = 'an order state id (a whole number from 1)';

function spec(
  key: string,
  kind: SettingKind,
  mustBe: string,
  meaning: string,
  extra: { nullable?: boolean; keyMustBe?: string } = {},
): SettingSpec {
  return {
    key,
    kind,
    mustBe,
    meaning,
    nullable: extra.nullable ?? false,
    ...(extra.keyMustBe ? { keyMustBe: extra.keyMustBe } : {}),
  };
}

export const SETTING_SPECS: readonly SettingSpec[] = [
  spec(
    'enabled',
    'boolean',
    BOOLEAN,
    'Sync this store at all. When false no feed runs for it, scheduled or manual.',
  ),
  spec(
    'import.enabled',
    'boolean',
    BOOLEAN,
    'Run the import feeds (catalog, customers, orders) on their schedule.',
  ),
  spec('import.frequencyMinutes', 'integer', FREQUENCY, 'Minutes between two scheduled imports.'),
  spec('export.enabled', 'boolean', BOOLEAN, 'Run the export feeds (products, stock) on their schedule.'),
  spec('export.frequencyMinutes', 'integer', FREQUENCY, 'Minutes between two scheduled exports.'),
  spec(
    'defaults.unitOfMeasure',
    'text',
    CODE('a unit-of-measure'),
    'Unit of measure given to imported products.',
    {
      nullable: true,
    },
  ),
  spec(
    'defaults.tax',
    'text',
    CODE('a tax-rate'),
    'Tax rate used when a product has none the hub recognizes.',
    {
      nullable: true,
    },
  ),
  spec(
    'defaults.salesLocation',
    'text',
    CODE('a location'),
    'Sales location that imported orders belong to.',
    {
      nullable: true,
    },
  ),
  spec(
    'defaults.stockLocation',
    'text',
    CODE('a location'),
    'Location that shipments of this store take stock from.',
    {
      nullable: true,
    },
  ),
  spec(
    'extras.autoCreateBarcodes',
    'boolean',
    BOOLEAN,
    'Give variants without a barcode a new unique EAN-13.',
  ),
  spec('extras.syncImages', 'boolean', BOOLEAN, 'Import product images (kept once per content).'),
  spec(
    'extras.allImages',
    'boolean',
    BOOLEAN,
    'With syncImages: import every image of a product; false imports the cover image only.',
  ),
  spec(
    'extras.syncCategories',
    'boolean',
    BOOLEAN,
    'Import the category tree and map categories to families.',
  ),
  spec(
    'extras.logApiRequests',
    'boolean',
    BOOLEAN,
    'Keep request and response bodies in the request log (keys redacted).',
  ),
  spec(
    'extras.barcodePrefix',
    'text',
    '1 to 11 digits (a GS1 company prefix), or empty for 20',
    'First digits of the EAN-13 barcodes created for variants without one; empty uses 20, ' +
      'a prefix GS1 reserves for numbers used inside one company.',
    { nullable: true },
  ),
  spec(
    'autoApproveStates',
    'integer-list',
    `a comma-separated list of order state ids (whole numbers from 1)`,
    'Orders imported in one of these store states are approved at once; others wait for approval.',
  ),
  spec(
    'exportFields.price',
    'boolean',
    BOOLEAN,
    'Export products: write the price (excl. tax) to the store.',
  ),
  spec('exportFields.wholesalePrice', 'boolean', BOOLEAN, 'Export products: write the wholesale price.'),
  spec('exportFields.quantity', 'boolean', BOOLEAN, 'Export stock: write the sellable quantity.'),
  spec(
    'exportFields.bomQuantity',
    'boolean',
    BOOLEAN,
    'Export stock: write kit quantities computed from their components.',
  ),
  spec(
    'productMaster',
    'choice',
    `one of ${PRODUCT_MASTERS.join(', ')}`,
    'Where products are edited: store (imported into the hub), hub (exported to the store), or both (per-item status).',
  ),
  spec(
    'catalog.matchBy',
    'choice',
    `one of ${CATALOG_MATCHES.join(', ')}`,
    'How a product of this store that is new to the store binding is matched with a hub product another store (or the hub) already has: by reference, by EAN-13, or none (always a new hub product). Two store products claiming one hub product are reported, not merged. Export to the store matches the same way (none: always created in the store).',
  ),
  spec(
    'importOrdersFromId',
    'integer',
    'a whole number (an order id), or empty for none',
    'Import orders from this store order id on (older ones are ignored); empty: from the last import.',
    { nullable: true },
  ),
  spec(
    'orderStates.<state id>',
    'choice',
    `one of ${ORDER_STATE_RULES.join(', ')} (empty removes the rule)`,
    'What to do with an order in this store state: import it, skip it, or retry (import later, when its state may have moved on).',
    { keyMustBe: STATE_ID },
  ),
  spec(
    'orderStateDefault',
    'choice',
    'import or skip',
    'What to do with orders in a state that has no rule of its own.',
  ),
  spec(
    'carriers.<carrier reference>',
    'text',
    'a shipping-method code (empty removes the mapping)',
    'Shipping method for orders sent with this store carrier (by its id_reference, stable across carrier edits).',
    { keyMustBe: 'a carrier reference id (a whole number from 1)' },
  ),
  spec(
    'payments.<payment module>',
    'text',
    'a payment-method code (empty removes the mapping)',
    'Payment method for orders paid with this store payment module (e.g. ps_wirepayment).',
    { keyMustBe: 'a payment module name (letters, digits, _ and -)' },
  ),
  spec(
    'shippingCostProduct',
    'text',
    'a product SKU (1 to 64 characters) or id:N (a hub variant id), or empty for none',
    'Orders get their shipping cost as a line on this product; empty: on a shipping line without a product.',
    { nullable: true },
  ),
  spec(
    'categoryFamilies.<category id>',
    'text',
    'a family code (empty removes the mapping)',
    'Products in this store category belong to this family (product group).',
    { keyMustBe: 'a category id (a whole number from 1)' },
  ),
  spec(
    'genders.<gender id>',
    'choice',
    `one of ${HUB_GENDERS.join(', ')} (empty removes the mapping)`,
    'Hub gender for customers with this store gender (civility) id; 1 = Mr and 2 = Mrs on a new store.',
    { keyMustBe: 'a gender id (a whole number from 1)' },
  ),
  spec(
    'customers.addresses',
    'boolean',
    BOOLEAN,
    "Import every address of a customer with the customer; false: customers only (orders keep their own copies of the order's addresses).",
  ),
  spec(
    'customers.phones',
    'boolean',
    BOOLEAN,
    "Keep phone numbers on imported customer addresses (orders keep the phones of the order's addresses).",
  ),
  spec(
    'customers.addressChoice',
    'choice',
    `one of ${ADDRESS_CHOICES.join(', ')}`,
    "Which address of a customer with several is their billing and their delivery address: those of their last order in the store, or the store's default (the first address not deleted). `prestabridge customers addresses` sets them for one customer instead.",
  ),
  spec(
    'orderStateEmails',
    'boolean',
    BOOLEAN,
    'When the hub moves an order to another state in the store (shipping confirmation, orders set-state), the store e-mails the customer as for a change made in its back office.',
  ),
  spec(
    'stockExportLocations',
    'text-list',
    'a comma-separated list of location codes',
    'Sellable quantity sent to the store = on hand in these locations − quantity reserved by open orders.',
  ),
  spec(
    'stockImportLocation',
    'text',
    CODE('a location'),
    'Location that receives the store quantities at the one-time initial stock import.',
    { nullable: true },
  ),
  spec(
    'shipmentStates.full',
    'integer',
    `${STATE_ID}, or empty for none`,
    'Store state set (with the tracking number) when an order is shipped in full; empty: the store is not told.',
    {
      nullable: true,
    },
  ),
  spec(
    'shipmentStates.partial',
    'integer',
    `${STATE_ID}, or empty for none`,
    'Store state set when part of an order is shipped; empty: the store is not told.',
    {
      nullable: true,
    },
  ),
  spec(
    'invoices.enabled',
    'boolean',
    BOOLEAN,
    'Invoice every imported order once it reaches a paid state (invoices.paidStates); the invoice-orders feed issues them.',
  ),
  spec(
    'invoices.numberPrefix',
    'text',
    'text of at most 20 characters',
    'Invoice numbers are this prefix, the year and a gapless sequence per store and year (INV-2026-000123). Give each store its own prefix.',
  ),
  spec(
    'invoices.markPaid',
    'boolean',
    BOOLEAN,
    'Mark invoices paid (date of the paid state, payment method) and write the payment journal entry.',
  ),
  spec(
    'invoices.paidStates',
    'integer-list',
    'a comma-separated list of order state ids',
    'Store states that mean paid: an order that reaches one of them is invoiced (PrestaShop: 2, 3, 4, 5, 9, 11).',
  ),
  spec(
    'invoices.creditStates',
    'integer-list',
    'a comma-separated list of order state ids',
    'Store states that undo a sale (cancelled, refunded): an invoiced order that reaches one gets a credit note.',
  ),
  spec(
    'invoices.creditNotePrefix',
    'text',
    'text of at most 20 characters',
    'Credit note numbers are this prefix, the year and their own gapless sequence (CN-2026-000004).',
  ),
  spec(
    'journal.enabled',
    'boolean',
    BOOLEAN,
    'Write journal entries for every invoice, credit note and payment.',
  ),
  spec(
    'journal.bankAccount',
    'text',
    CODE('an account'),
    'Account debited with a payment whose method has no journal.paymentAccounts entry.',
    { nullable: true },
  ),
  spec(
    'journal.salesAccount',
    'text',
    CODE('an account'),
    'Account credited with the amount excluding tax of lines whose family has no journal.familyAccounts entry (and of shipping).',
    { nullable: true },
  ),
  spec(
    'journal.taxAccount',
    'text',
    CODE('an account'),
    'Account credited with the tax of a rate that has no journal.taxAccounts entry.',
    { nullable: true },
  ),
  spec(
    'journal.receivableAccount',
    'text',
    CODE('an account'),
    'Customer account (receivable) debited by invoices and credited by payments (411000 in the French chart).',
    { nullable: true },
  ),
  spec(
    'journal.paymentAccounts.<payment method>',
    'text',
    'an account code (empty removes the mapping)',
    'Bank account debited with payments made with this payment method.',
    { keyMustBe: 'a payment-method code' },
  ),
  spec(
    'journal.familyAccounts.<family>',
    'text',
    'an account code (empty removes the mapping)',
    'Sales account credited with the lines of products of this family.',
    { keyMustBe: 'a family code' },
  ),
  spec(
    'journal.taxAccounts.<rate>',
    'text',
    'an account code (empty removes the mapping)',
    'Tax account credited with the tax at this rate (percent: 20, 5,5 — a decimal comma, as a dot would split the key).',
    { keyMustBe: 'a tax rate in percent (20, 5,5)' },
  ),
  spec(
    'journal.salesJournal',
    'text',
    'a journal code of 1 to 10 characters',
    'Journal of invoices and credit notes (FEC JournalCode).',
  ),
  spec(
    'journal.bankJournal',
    'text',
    'a journal code of 1 to 10 characters',
    'Journal of payments and refunds (FEC JournalCode).',
  ),
  spec(
    'automation.stockLowThreshold',
    'integer',
    'a whole number from 1 to 1000000, or empty for none',
    "Write a stock.low event when a variant's sellable quantity in this store falls below this number.",
    { nullable: true },
  ),
  spec(
    'automation.cartAbandonedAfterMinutes',
    'integer',
    `a whole number of minutes from ${MIN_CART_IDLE_MINUTES} to ${MAX_CART_IDLE_MINUTES} (30 days), or empty for off`,
    "Write a cart.abandoned event for a customer's cart with no order left untouched this long (the watch-carts feed); empty: carts are not watched.",
    { nullable: true },
  ),
  spec(
    'schedules.<feed name>',
    'integer',
    `${FREQUENCY}, or off (empty removes the override)`,
    "How often the scheduler runs this feed, overriding its cadence (the store's import or export frequency, or daily); off: only when run by hand. The store and the feed's direction must still be enabled.",
    { keyMustBe: 'a feed name (lower-case letters, digits and -)' },
  ),
];

/** The spec matching a key path (`orderStates.3` matches `orderStates.<state id>`), segments compared exactly. */
export function findSettingSpec(path: readonly (string | number)[]): SettingSpec | undefined {
  return SETTING_SPECS.find((candidate) => {
    const segments = candidate.key.split('.');
    return (
      segments.length === path.length &&
      segments.every((segment, index) => segment.startsWith('<') || segment === String(path[index]))
    );
  });
}

/** Whether a top-level setting is a map (its entries are user keys). */
export function isMapSetting(name: string): boolean {
  return SETTING_SPECS.some((candidate) => candidate.key.startsWith(`${name}.<`));
}

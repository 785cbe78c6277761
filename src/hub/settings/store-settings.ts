import { z } from 'zod';

/**
 * Every per-store setting (DESIGN.md's settings row), with its default. docs/hub.md lists them for
 * users; `settings-reference.ts` holds the wording of each and the messages shown when one is wrong.
 */

const MAX_FREQUENCY_MINUTES = 7 * 24 * 60;
/**
 * `automation.cartAbandonedAfterMinutes`: at least 10 minutes (a shopper between two pages is not
 * gone), at most 30 days.
 */
export const MIN_CART_IDLE_MINUTES = 10;
export const MAX_CART_IDLE_MINUTES = 30 * 24 * 60;

const code = z.string().trim().min(1).max(64);
const stateId = z.int().min(1);
const frequency = z.int().min(1).max(MAX_FREQUENCY_MINUTES);
const numericKey = z.string().regex(/^[1-9]\d*$/);
const taxRateKey = z.string().regex(/^\d{1,3}([.,]\d{1,3})?$/);
const feedName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const ORDER_STATE_RULES = ['import', 'skip', 'retry'] as const;
export const PRODUCT_MASTERS = ['store', 'hub', 'both'] as const;
export const HUB_GENDERS = ['male', 'female', 'other', 'unknown'] as const;
/** How a store's products are matched with the hub's when first imported or exported. */
export const CATALOG_MATCHES = ['reference', 'ean13', 'none'] as const;
/**
 * How import-customers chooses a customer's billing and delivery address when they have several:
 * those of their last order in the store, or the store's default (the first address not deleted,
 * the one PrestaShop offers first at checkout). A choice made per customer by a user wins over both.
 */
export const ADDRESS_CHOICES = ['last-order', 'store-default'] as const;

export type OrderStateRule = (typeof ORDER_STATE_RULES)[number];
export type ProductMaster = (typeof PRODUCT_MASTERS)[number];
export type HubGender = (typeof HUB_GENDERS)[number];
export type CatalogMatch = (typeof CATALOG_MATCHES)[number];
export type AddressChoice = (typeof ADDRESS_CHOICES)[number];

export const storeSettingsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  import: z
    .strictObject({ enabled: z.boolean().default(false), frequencyMinutes: frequency.default(15) })
    .prefault({}),
  export: z
    .strictObject({ enabled: z.boolean().default(false), frequencyMinutes: frequency.default(60) })
    .prefault({}),
  defaults: z
    .strictObject({
      unitOfMeasure: code.nullable().default(null),
      tax: code.nullable().default(null),
      salesLocation: code.nullable().default(null),
      stockLocation: code.nullable().default(null),
    })
    .prefault({}),
  extras: z
    .strictObject({
      autoCreateBarcodes: z.boolean().default(false),
      syncImages: z.boolean().default(true),
      allImages: z.boolean().default(false),
      syncCategories: z.boolean().default(true),
      logApiRequests: z.boolean().default(false),
      barcodePrefix: z
        .string()
        .regex(/^\d{1,11}$/)
        .nullable()
        .default(null),
    })
    .prefault({}),
  autoApproveStates: z.array(stateId).default([]),
  exportFields: z
    .strictObject({
      price: z.boolean().default(true),
      wholesalePrice: z.boolean().default(false),
      quantity: z.boolean().default(true),
      bomQuantity: z.boolean().default(false),
    })
    .prefault({}),
  productMaster: z.enum(PRODUCT_MASTERS).default('store'),
  catalog: z.strictObject({ matchBy: z.enum(CATALOG_MATCHES).default('reference') }).prefault({}),
  importOrdersFromId: z.int().min(0).nullable().default(null),
  orderStates: z.record(numericKey, z.enum(ORDER_STATE_RULES)).default({}),
  orderStateDefault: z.enum(['import', 'skip']).default('import'),
  carriers: z.record(numericKey, code).default({}),
  payments: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), code).default({}),
  shippingCostProduct: code.nullable().default(null),
  categoryFamilies: z.record(numericKey, code).default({}),
  genders: z.record(numericKey, z.enum(HUB_GENDERS)).default({ '1': 'male', '2': 'female' }),
  customers: z
    .strictObject({
      addresses: z.boolean().default(true),
      phones: z.boolean().default(true),
      addressChoice: z.enum(ADDRESS_CHOICES).default('last-order'),
    })
    .prefault({}),
  orderStateEmails: z.boolean().default(true),
  stockExportLocations: z.array(code).default([]),
  stockImportLocation: code.nullable().default(null),
  shipmentStates: z
    .strictObject({ full: stateId.nullable().default(null), partial: stateId.nullable().default(null) })
    .prefault({}),
  invoices: z
    .strictObject({
      enabled: z.boolean().default(false),
      numberPrefix: z.string().max(20).default('INV-'),
      markPaid: z.boolean().default(true),
      /** Store states that mean paid: an order that reaches one is invoiced (PrestaShop's paid states). */
      paidStates: z.array(stateId).default([2, 3, 4, 5, 9, 11]),
      /** Store states that undo a sale: an invoiced order that reaches one gets a credit note. */
      creditStates: z.array(stateId).default([6, 7]),
      creditNotePrefix: z.string().max(20).default('CN-'),
    })
    .prefault({}),
  journal: z
    .strictObject({
      enabled: z.boolean().default(false),
      bankAccount: code.nullable().default(null),
      salesAccount: code.nullable().default(null),
      taxAccount: code.nullable().default(null),
      receivableAccount: code.nullable().default(null),
      /** Payment-method code → bank account; a method without one uses `bankAccount`. */
      paymentAccounts: z.record(code, code).default({}),
      /** Family code → sales account; a product without one uses `salesAccount`. */
      familyAccounts: z.record(code, code).default({}),
      /** Tax rate (percent, `20`, `5.5` or `5,5`) → tax account; a rate without one uses `taxAccount`. */
      taxAccounts: z.record(taxRateKey, code).default({}),
      salesJournal: z.string().trim().min(1).max(10).default('VE'),
      bankJournal: z.string().trim().min(1).max(10).default('BQ'),
    })
    .prefault({}),
  automation: z
    .strictObject({
      stockLowThreshold: z.int().min(1).max(1_000_000).nullable().default(null),
      /** Minutes a customer's cart without an order stays untouched before `cart.abandoned`; null: not watched. */
      cartAbandonedAfterMinutes: z
        .int()
        .min(MIN_CART_IDLE_MINUTES)
        .max(MAX_CART_IDLE_MINUTES)
        .nullable()
        .default(null),
    })
    .prefault({}),
  /** Per feed: minutes between scheduled runs, or `off`; a feed without an entry follows its cadence. */
  schedules: z.record(feedName, z.union([frequency, z.literal('off')])).default({}),
});

/** A store's settings, complete (defaults filled in). */
export type StoreSettings = z.output<typeof storeSettingsSchema>;

/** Settings as given: any subset, nested like {@link StoreSettings}. */
export type StoreSettingsInput = z.input<typeof storeSettingsSchema>;

/** The settings of a new store. */
export function defaultStoreSettings(): StoreSettings {
  return storeSettingsSchema.parse({});
}

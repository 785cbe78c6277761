import { z } from 'zod';

/**
 * Every per-store setting (DESIGN.md's settings row), with its default. docs/hub.md lists them for
 * users; `settings-reference.ts` holds the wording of each and the messages shown when one is wrong.
 */

const MAX_FREQUENCY_MINUTES = 7 * 24 * 60;

const code = z.string().trim().min(1).max(64);
const stateId = z.int().min(1);
const frequency = z.int().min(1).max(MAX_FREQUENCY_MINUTES);
const numericKey = z.string().regex(/^[1-9]\d*$/);
const feedName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const ORDER_STATE_RULES = ['import', 'skip', 'retry'] as const;
export const PRODUCT_MASTERS = ['store', 'hub', 'both'] as const;
export const HUB_GENDERS = ['male', 'female', 'other', 'unknown'] as const;

export type OrderStateRule = (typeof ORDER_STATE_RULES)[number];
export type ProductMaster = (typeof PRODUCT_MASTERS)[number];
export type HubGender = (typeof HUB_GENDERS)[number];

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
  importOrdersFromId: z.int().min(0).nullable().default(null),
  orderStates: z.record(numericKey, z.enum(ORDER_STATE_RULES)).default({}),
  orderStateDefault: z.enum(['import', 'skip']).default('import'),
  carriers: z.record(numericKey, code).default({}),
  payments: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), code).default({}),
  shippingCostProduct: code.nullable().default(null),
  categoryFamilies: z.record(numericKey, code).default({}),
  genders: z.record(numericKey, z.enum(HUB_GENDERS)).default({ '1': 'male', '2': 'female' }),
  customers: z
    .strictObject({ addresses: z.boolean().default(true), phones: z.boolean().default(true) })
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
    })
    .prefault({}),
  journal: z
    .strictObject({
      enabled: z.boolean().default(false),
      bankAccount: code.nullable().default(null),
      salesAccount: code.nullable().default(null),
      taxAccount: code.nullable().default(null),
    })
    .prefault({}),
  automation: z
    .strictObject({ stockLowThreshold: z.int().min(1).max(1_000_000).nullable().default(null) })
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

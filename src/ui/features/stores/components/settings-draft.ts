/**
 * The store settings form as data: the draft the inputs edit (text as typed), the PATCH body built
 * from what changed, and the server's errors mapped back to the inputs. Pure functions, so that
 * the form's logic is tested without a browser.
 */
import type { ApiStore } from '../../../api/types';
import { ApiRequestError } from '../../../lib/api-client';
import type { UpdateStoreBody } from '../api/update-store';

/** One entry of a map setting (`orderStates`, `carriers`…); `id` keeps React rows stable while keys are typed. */
export interface MapRow {
  readonly id: number;
  readonly key: string;
  readonly value: string;
}

export const MAP_SETTINGS = ['orderStates', 'carriers', 'payments', 'categoryFamilies', 'genders'] as const;
export type MapSetting = (typeof MAP_SETTINGS)[number];

export const EXPORT_FIELDS = ['price', 'wholesalePrice', 'quantity', 'bomQuantity'] as const;

/** What the inputs hold: text as typed, '' for "none". */
export interface SettingsDraft {
  readonly url: string;
  /** A new webservice key; '' keeps the current one. */
  readonly key: string;
  /** How the key is sent: `header` (HTTP Basic) or `query` (ws_key). */
  readonly authMode: 'header' | 'query';
  readonly importEnabled: boolean;
  readonly importFrequency: string;
  readonly exportEnabled: boolean;
  readonly exportFrequency: string;
  readonly unitOfMeasure: string;
  readonly tax: string;
  readonly salesLocation: string;
  readonly stockLocation: string;
  readonly stockImportLocation: string;
  readonly stockExportLocations: readonly string[];
  readonly autoCreateBarcodes: boolean;
  readonly barcodePrefix: string;
  readonly syncImages: boolean;
  readonly allImages: boolean;
  readonly syncCategories: boolean;
  readonly logApiRequests: boolean;
  readonly importOrdersFromId: string;
  readonly orderStateDefault: string;
  readonly autoApproveStates: readonly string[];
  readonly shippingCostProduct: string;
  readonly shipmentFull: string;
  readonly shipmentPartial: string;
  readonly orderStateEmails: boolean;
  readonly productMaster: string;
  readonly exportFields: readonly string[];
  readonly customerAddresses: boolean;
  readonly customerPhones: boolean;
  readonly maps: Readonly<Record<MapSetting, readonly MapRow[]>>;
}

let nextRowId = 1;

/** A new map row (an id unique in this page). */
export function mapRow(key: string, value: string): MapRow {
  return { id: nextRowId++, key, value };
}

const text = (value: string | number | null | undefined): string => (value == null ? '' : String(value));

/** The draft showing a store's current settings. */
export function draftFromStore(store: ApiStore): SettingsDraft {
  const s = store.settings;
  const rows = (map: Readonly<Record<string, string>> | undefined): MapRow[] =>
    Object.entries(map ?? {}).map(([key, value]) => mapRow(key, value));
  return {
    url: store.url,
    key: '',
    authMode: store.authMode,
    importEnabled: s.import.enabled,
    importFrequency: text(s.import.frequencyMinutes),
    exportEnabled: s.export.enabled,
    exportFrequency: text(s.export.frequencyMinutes),
    unitOfMeasure: text(s.defaults.unitOfMeasure),
    tax: text(s.defaults.tax),
    salesLocation: text(s.defaults.salesLocation),
    stockLocation: text(s.defaults.stockLocation),
    stockImportLocation: text(s.stockImportLocation),
    stockExportLocations: [...s.stockExportLocations],
    autoCreateBarcodes: s.extras.autoCreateBarcodes,
    barcodePrefix: text(s.extras.barcodePrefix),
    syncImages: s.extras.syncImages,
    allImages: s.extras.allImages,
    syncCategories: s.extras.syncCategories,
    logApiRequests: s.extras.logApiRequests,
    importOrdersFromId: text(s.importOrdersFromId),
    orderStateDefault: s.orderStateDefault,
    autoApproveStates: s.autoApproveStates.map(String),
    shippingCostProduct: text(s.shippingCostProduct),
    shipmentFull: text(s.shipmentStates.full),
    shipmentPartial: text(s.shipmentStates.partial),
    orderStateEmails: s.orderStateEmails,
    productMaster: s.productMaster,
    exportFields: EXPORT_FIELDS.filter((field) => s.exportFields[field]),
    customerAddresses: s.customers.addresses,
    customerPhones: s.customers.phones,
    maps: {
      orderStates: rows(s.orderStates),
      carriers: rows(s.carriers),
      payments: rows(s.payments),
      categoryFamilies: rows(s.categoryFamilies),
      genders: rows(s.genders),
    },
  };
}

/**
 * A typed number as the API wants it: '' is null, digits a number; anything else is sent as typed
 * so that the server says what is wrong with it, beside the field.
 */
export function integerOrText(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const codeOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function mapOf(rows: readonly MapRow[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key !== '' && row.value.trim() !== '') map[key] = row.value.trim();
  }
  return map;
}

/** The settings the form manages, as the API takes them. */
export function settingsFromDraft(draft: SettingsDraft): Record<string, unknown> {
  return {
    import: { enabled: draft.importEnabled, frequencyMinutes: integerOrText(draft.importFrequency) },
    export: { enabled: draft.exportEnabled, frequencyMinutes: integerOrText(draft.exportFrequency) },
    defaults: {
      unitOfMeasure: codeOrNull(draft.unitOfMeasure),
      tax: codeOrNull(draft.tax),
      salesLocation: codeOrNull(draft.salesLocation),
      stockLocation: codeOrNull(draft.stockLocation),
    },
    stockImportLocation: codeOrNull(draft.stockImportLocation),
    stockExportLocations: draft.stockExportLocations.map((code) => code.trim()).filter((code) => code !== ''),
    extras: {
      autoCreateBarcodes: draft.autoCreateBarcodes,
      barcodePrefix: codeOrNull(draft.barcodePrefix),
      syncImages: draft.syncImages,
      allImages: draft.allImages,
      syncCategories: draft.syncCategories,
      logApiRequests: draft.logApiRequests,
    },
    importOrdersFromId: integerOrText(draft.importOrdersFromId),
    orderStateDefault: draft.orderStateDefault,
    autoApproveStates: draft.autoApproveStates
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map(integerOrText),
    shippingCostProduct: codeOrNull(draft.shippingCostProduct),
    shipmentStates: {
      full: integerOrText(draft.shipmentFull),
      partial: integerOrText(draft.shipmentPartial),
    },
    orderStateEmails: draft.orderStateEmails,
    productMaster: draft.productMaster,
    exportFields: Object.fromEntries(
      EXPORT_FIELDS.map((field) => [field, draft.exportFields.includes(field)]),
    ),
    customers: { addresses: draft.customerAddresses, phones: draft.customerPhones },
    orderStates: mapOf(draft.maps.orderStates),
    carriers: mapOf(draft.maps.carriers),
    payments: mapOf(draft.maps.payments),
    categoryFamilies: mapOf(draft.maps.categoryFamilies),
    genders: mapOf(draft.maps.genders),
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // Lists are sets here (states to approve, locations to sum): order does not matter.
    const sorted = (list: unknown[]) => list.map((item) => JSON.stringify(item)).sort();
    return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What changed from `original` to `next`, nested as the PATCH takes it. Settings the form does not
 * manage (absent from `next`) are left alone; in maps, an entry that went away becomes null.
 */
export function diffSettings(
  original: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
  isMap = false,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = original[key];
    if (isPlainObject(value) && isPlainObject(before)) {
      const nested = diffSettings(before, value, !isMap && (MAP_SETTINGS as readonly string[]).includes(key));
      if (Object.keys(nested).length > 0) changes[key] = nested;
    } else if (!sameValue(before, value)) {
      changes[key] = value;
    }
  }
  if (isMap) {
    for (const key of Object.keys(original)) if (!(key in next)) changes[key] = null;
  }
  return changes;
}

/** The one PATCH /stores/{store} body for the form: only what changed; the key only when a new one was typed. */
export function patchFromDraft(store: ApiStore, draft: SettingsDraft): UpdateStoreBody {
  const settings = diffSettings(
    store.settings as unknown as Record<string, unknown>,
    settingsFromDraft(draft),
  );
  const url = draft.url.trim();
  return {
    ...(url !== store.url ? { url } : {}),
    ...(draft.key.trim() !== '' ? { key: draft.key.trim() } : {}),
    ...(draft.authMode !== store.authMode ? { auth: draft.authMode } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
}

export function isEmptyPatch(body: UpdateStoreBody): boolean {
  return Object.keys(body).length === 0;
}

/** The id of the input of a setting (`import.frequencyMinutes` → `setting-import-frequencyMinutes`). */
export function settingFieldId(key: string): string {
  if (key === 'url') return 'store-url';
  if (key === 'key') return 'store-key';
  if (key === 'auth') return 'store-auth';
  return `setting-${key.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** One wrong setting, for the message beside its input and the summary at the top. */
export interface SettingError {
  /** `import.frequencyMinutes`, `url`, or '' when the server named no field. */
  readonly key: string;
  readonly message: string;
}

/**
 * The server's answer to a failed save, one entry per wrong setting: from `fields` (422
 * `invalid-settings`), else from `field` (400 `body.settings.import.frequencyMinutes`), else from the
 * `problems` lines ("import.frequencyMinutes must be …"), else the message alone.
 */
export function settingErrors(error: unknown): SettingError[] {
  if (!(error instanceof ApiRequestError)) {
    return [{ key: '', message: error instanceof Error ? error.message : String(error) }];
  }
  if (error.fields.length > 0) return error.fields.map(({ key, message }) => ({ key, message }));
  if (error.field !== undefined) {
    const key = error.field.replace(/^body\.(settings\.)?/, '');
    return [{ key, message: error.message }];
  }
  if (error.problems.length > 0) {
    return error.problems.map((problem) => {
      const named = /^([A-Za-z][\w-]*(?:\.[\w-]+)*) (?:must|is|has|needs|cannot)\b/.exec(problem);
      return { key: named?.[1] ?? '', message: problem };
    });
  }
  return [{ key: '', message: error.message }];
}

/** Answers of the API as the server gives them, for the component tests. */
import type {
  ApiFeed,
  ApiFeedStatus,
  ApiMasterData,
  ApiRun,
  ApiSettingsReference,
  ApiStore,
  ApiStoreLive,
  ApiStoreSettings,
} from '../../../src/ui/api/types';

export function storeSettings(overrides: Partial<ApiStoreSettings> = {}): ApiStoreSettings {
  return {
    enabled: true,
    import: { enabled: true, frequencyMinutes: 15 },
    export: { enabled: true, frequencyMinutes: 60 },
    defaults: { unitOfMeasure: 'PCE', tax: null, salesLocation: 'SHOP', stockLocation: 'MAIN' },
    extras: {
      autoCreateBarcodes: false,
      syncImages: true,
      allImages: false,
      syncCategories: true,
      logApiRequests: false,
      barcodePrefix: null,
    },
    autoApproveStates: [2],
    exportFields: { price: true, wholesalePrice: false, quantity: true, bomQuantity: false },
    productMaster: 'store',
    importOrdersFromId: null,
    orderStates: { '1': 'retry', '6': 'skip' },
    orderStateDefault: 'import',
    carriers: { '2': 'POST' },
    payments: {},
    shippingCostProduct: null,
    categoryFamilies: {},
    genders: { '1': 'male', '2': 'female' },
    customers: { addresses: true, phones: true },
    orderStateEmails: true,
    stockExportLocations: ['MAIN', 'SHOP'],
    stockImportLocation: 'MAIN',
    shipmentStates: { full: 4, partial: null },
    schedules: {},
    ...overrides,
  };
}

export function store(overrides: Partial<ApiStore> = {}): ApiStore {
  return {
    id: 1,
    name: 'demo',
    url: 'https://shop.example.com',
    authMode: 'header',
    key: '********',
    psVersion: '8.1.2',
    languageId: 1,
    shopId: 1,
    shop: null,
    timeZone: 'Europe/Paris',
    languages: [{ id: 1, iso: 'en' }],
    settings: storeSettings(),
    lastImportAt: '2026-12-02T09:58:00.000Z',
    lastExportAt: null,
    initialStockImportedAt: '2026-12-01T09:00:00.000Z',
    createdAt: '2026-12-01T08:00:00.000Z',
    updatedAt: '2026-12-02T09:00:00.000Z',
    ...overrides,
  };
}

export function storeLive(): ApiStoreLive {
  return {
    orderStates: [
      {
        id: 1,
        name: 'Awaiting check payment',
        color: '#4169E1',
        paid: false,
        shipped: false,
        deliverySlip: false,
      },
      { id: 2, name: 'Payment accepted', color: '#32CD32', paid: true, shipped: false, deliverySlip: false },
      { id: 4, name: 'Shipped', color: '#8A2BE2', paid: true, shipped: true, deliverySlip: false },
      { id: 6, name: 'Canceled', color: '#DC143C', paid: false, shipped: false, deliverySlip: false },
    ],
    carriers: [
      { id: 7, reference: 2, name: 'My carrier', active: true },
      { id: 8, reference: 3, name: 'Express', active: false },
    ],
    categories: [
      { id: 2, parentId: 1, name: 'Home', depth: 1 },
      { id: 3, parentId: 2, name: 'Clothes', depth: 2 },
    ],
    paymentModules: [{ module: 'ps_wirepayment', name: 'Bank wire' }],
    problems: [],
  };
}

export function masterData(): ApiMasterData {
  return {
    unitsOfMeasure: [{ code: 'PCE', name: 'Piece' }],
    taxRates: [{ code: 'VAT20', name: 'VAT', rate: '20.000' }],
    locations: [
      { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' },
      { code: 'SHOP', name: 'Shop floor', kind: 'sales' },
      { code: 'RET', name: 'Returns', kind: 'warehouse' },
    ],
    families: [{ code: 'TOPS', name: 'Tops', parentCode: null }],
    shippingMethods: [
      { code: 'POST', name: 'Post' },
      { code: 'EXPRESS', name: 'Express courier' },
    ],
    paymentMethods: [{ code: 'WIRE', name: 'Bank transfer' }],
    accounts: [{ code: '512000', name: 'Bank', kind: 'bank' }],
  };
}

export function settingsReference(): ApiSettingsReference {
  return {
    items: [
      {
        key: 'import.frequencyMinutes',
        kind: 'integer',
        nullable: false,
        mustBe: 'a whole number of minutes between 1 and 10080',
        meaning: 'Minutes between two scheduled imports.',
      },
      {
        key: 'orderStates.<state id>',
        kind: 'choice',
        nullable: false,
        mustBe: 'one of import, skip, retry',
        meaning: 'What to do with an order in this store state.',
      },
    ],
  };
}

export function run(overrides: Partial<ApiRun> = {}): ApiRun {
  return {
    id: 7,
    storeId: 1,
    feed: 'import-orders',
    trigger: 'api',
    status: 'succeeded',
    owner: null,
    counts: { created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    progress: { done: 3, total: null, step: null },
    startedAt: '2026-12-02T10:00:00.000Z',
    heartbeatAt: '2026-12-02T10:00:00.000Z',
    finishedAt: '2026-12-02T10:00:02.000Z',
    durationMs: 2000,
    error: null,
    stopRequestedAt: null,
    ...overrides,
  };
}

export function feed(overrides: Partial<ApiFeed> = {}): ApiFeed {
  return {
    name: 'import-orders',
    description: 'Import new orders.',
    direction: 'import',
    cadence: 'frequency',
    needs: [],
    writes: [],
    options: [],
    ...overrides,
  };
}

export function feedStatus(overrides: Partial<ApiFeedStatus> = {}): ApiFeedStatus {
  return {
    storeId: 1,
    store: 'demo',
    feed: 'import-orders',
    direction: 'import',
    cadence: 'frequency',
    intervalMinutes: 15,
    override: null,
    lastRun: run(),
    nextRunAt: '2026-12-02T10:15:00.000Z',
    notReady: null,
    ...overrides,
  };
}

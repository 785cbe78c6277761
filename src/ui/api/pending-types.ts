/**
 * API types written by hand, for what /openapi.json does not describe (yet).
 *
 * Remove each type once the route is in /openapi.json: run `npm run api-types`, point its alias in
 * `api/types.ts` at the generated type from `schema.gen.ts`, and delete it here. The shapes follow
 * the console's API contract for issue 11 and what the server sends today.
 */
import type { components } from './schema.gen';

type ApiRun = components['schemas']['ApiRun'];

// ---------------------------------------------------------------------------------------------
// Live events: `GET /events` is in /openapi.json as a text stream; the `data:` of each event type is not.

export interface ApiLiveEvents {
  readonly hello: { readonly at: string; readonly user: string | null };
  readonly 'run.started': { readonly run: ApiRun; readonly store: string };
  /** Thinned by the server to one per run every 250 ms, the last one always sent. */
  readonly 'run.progress': {
    readonly runId: number;
    readonly storeId: number;
    readonly store: string;
    readonly feed: string;
    readonly step: string | null;
    readonly done: number;
    readonly total: number | null;
  };
  readonly 'run.finished': { readonly run: ApiRun; readonly store: string };
  /** Only when a pass sent, failed or retried something. */
  readonly 'outbox.pass': {
    readonly storeId: number;
    readonly store: string;
    readonly sent: number;
    readonly failed: number;
    readonly retrying: number;
    /** Why the store's outbox cannot be sent (wrong key, store down), or null. */
    readonly blocked: string | null;
  };
  readonly 'store.changed': {
    readonly storeId: number;
    readonly store: string;
    readonly change: 'added' | 'updated' | 'removed';
  };
}

// ---------------------------------------------------------------------------------------------
// Shapes /openapi.json leaves open (`additionalProperties: true`): remove each once the server
// describes it (then the generated type replaces it).

/**
 * `ApiStore.settings`, as src/hub/settings/store-settings.ts defines them (defaults filled in).
 * Maps are keyed by store ids as strings.
 */
export interface ApiStoreSettings {
  readonly enabled: boolean;
  readonly import: { readonly enabled: boolean; readonly frequencyMinutes: number };
  readonly export: { readonly enabled: boolean; readonly frequencyMinutes: number };
  readonly defaults: {
    readonly unitOfMeasure: string | null;
    readonly tax: string | null;
    readonly salesLocation: string | null;
    readonly stockLocation: string | null;
  };
  readonly extras: {
    readonly autoCreateBarcodes: boolean;
    readonly syncImages: boolean;
    readonly allImages: boolean;
    readonly syncCategories: boolean;
    readonly logApiRequests: boolean;
    readonly barcodePrefix: string | null;
  };
  readonly autoApproveStates: readonly number[];
  readonly exportFields: {
    readonly price: boolean;
    readonly wholesalePrice: boolean;
    readonly quantity: boolean;
    readonly bomQuantity: boolean;
  };
  readonly productMaster: 'store' | 'hub' | 'both';
  readonly importOrdersFromId: number | null;
  readonly orderStates: Readonly<Record<string, 'import' | 'skip' | 'retry'>>;
  readonly orderStateDefault: 'import' | 'skip';
  readonly carriers: Readonly<Record<string, string>>;
  readonly payments: Readonly<Record<string, string>>;
  readonly shippingCostProduct: string | null;
  readonly categoryFamilies: Readonly<Record<string, string>>;
  readonly genders: Readonly<Record<string, 'male' | 'female' | 'other' | 'unknown'>>;
  readonly customers: { readonly addresses: boolean; readonly phones: boolean };
  readonly orderStateEmails: boolean;
  readonly stockExportLocations: readonly string[];
  readonly stockImportLocation: string | null;
  readonly shipmentStates: { readonly full: number | null; readonly partial: number | null };
  readonly schedules: Readonly<Record<string, number | 'off'>>;
}

/** `ApiRunDetail.report`: the feed's report once the run ended (src/sync/feed-report.ts). */
export interface ApiRunReport {
  readonly feed: string;
  readonly store: string;
  readonly status: string;
  readonly durationMs?: number;
  readonly counts?: Readonly<Record<string, number>>;
  readonly failures?: readonly { readonly recordId: string; readonly reason: string }[];
  readonly skips?: readonly {
    readonly reason: string;
    readonly count: number;
    readonly sample: readonly string[];
  }[];
  readonly notices?: readonly { readonly kind: string; readonly key: string; readonly message: string }[];
  /** HTTP requests made to the store, retries included. */
  readonly requests?: number;
  readonly error?: string;
}

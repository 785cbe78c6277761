/**
 * What the HTTP API sends (`Api*` types) and the one place hub objects become them. Their JSON
 * schemas are in `api-wire-schemas.ts`; the response serializer writes only the fields those
 * schemas declare, so nothing the hub adds later (and never a key) leaks by accident.
 */
import {
  type LocalizedText,
  type Order,
  type OrderAddress,
  type OrderSummary,
  type Product,
  redact,
  type RequestLogEntry,
  type Run,
  type RunCounts,
  type RunFailure,
  type RunProgress,
  type Shipment,
  type StockListItem,
  type Store,
  type StoreDate,
  type StoreLanguage,
  type Variant,
  type VariantListItem,
} from '../hub/index.js';
import { MINUTE_MS, type ScheduledFeedStatus } from '../jobs/index.js';
import type { ConnectionCheck, Feed, FeedPermissions } from '../sync/index.js';
import { groupNotices, type NoticeGroup } from './notice-fixes.js';

/** Shown instead of a stored webservice key. */
export const MASKED_KEY = '********';

export interface ApiStore {
  readonly id: number;
  readonly name: string;
  readonly url: string;
  readonly authMode: 'header' | 'query';
  /** {@link MASKED_KEY} when a key is stored, null otherwise. Never the key. */
  readonly key: string | null;
  readonly psVersion: string | null;
  readonly languageId: number | null;
  readonly shopId: number | null;
  /** Multistore: the shop's name, its group, and whether the group shares its stock; null when unknown. */
  readonly shop: { readonly name: string; readonly groupId: number; readonly stockShared: boolean } | null;
  readonly timeZone: string;
  readonly languages: readonly StoreLanguage[];
  readonly settings: Store['settings'];
  readonly lastImportAt: string | null;
  readonly lastExportAt: string | null;
  readonly initialStockImportedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toApiStore(store: Store): ApiStore {
  return {
    id: store.id,
    name: store.name,
    url: store.url,
    authMode: store.authMode,
    key: store.hasKey ? MASKED_KEY : null,
    psVersion: store.psVersion,
    languageId: store.languageId,
    shopId: store.shopId,
    shop: store.shop,
    timeZone: store.timeZone,
    languages: store.languages,
    settings: store.settings,
    lastImportAt: store.lastImportAt,
    lastExportAt: store.lastExportAt,
    initialStockImportedAt: store.initialStockImportedAt,
    createdAt: store.createdAt,
    updatedAt: store.updatedAt,
  };
}

/** A verb on a resource: `{ resource: 'order_carriers', verb: 'PUT' }`. */
export interface ApiPermission {
  readonly resource: string;
  readonly verb: string;
}

/** What the key lacks for one feed: its run, then each write its records lead to. */
export interface ApiFeedPermissions {
  readonly feed: string;
  readonly description: string;
  readonly direction: 'import' | 'export';
  /** Everything lacking, the parts together (empty: nothing fails or waits for want of a permission). */
  readonly missing: readonly ApiPermission[];
  readonly parts: ReadonlyArray<{
    /** The feed's name for its own run, else what the writes are for (`confirm shipments`). */
    readonly label: string;
    /** The outbox kind (`shipment`), null for the feed's own run. */
    readonly outboxKind: string | null;
    readonly missing: readonly ApiPermission[];
  }>;
  /** `import-orders: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories`. */
  readonly summary: string;
}

export function toApiFeedPermissions(feed: FeedPermissions): ApiFeedPermissions {
  const permissions = (list: FeedPermissions['missing']) =>
    list.map(({ resource, verb }) => ({ resource, verb }));
  return {
    feed: feed.feed,
    description: feed.description,
    direction: feed.direction,
    missing: permissions(feed.missing),
    parts: feed.parts.map((part) => ({
      label: part.label,
      outboxKind: part.outboxKind,
      missing: permissions(part.missing),
    })),
    summary: feed.summary,
  };
}

export interface ApiConnectionCheck {
  readonly apiUrl: string;
  readonly version: string | null;
  readonly shopName: string | null;
  readonly authMode: 'header' | 'query';
  readonly missing: ReadonlyArray<{
    readonly resource: string;
    readonly verbs: readonly string[];
    readonly feeds: readonly string[];
    readonly grant: string;
  }>;
  /** Every feed with what the key lacks for it, part by part. */
  readonly feeds: readonly ApiFeedPermissions[];
  readonly warnings: readonly string[];
}

export function toApiConnectionCheck(check: ConnectionCheck): ApiConnectionCheck {
  return {
    apiUrl: check.apiUrl,
    version: check.version,
    shopName: check.shopName,
    authMode: check.authMode,
    missing: check.missing,
    feeds: check.feeds.map(toApiFeedPermissions),
    warnings: check.warnings,
  };
}

export interface ApiRun {
  readonly id: number;
  readonly storeId: number | null;
  readonly feed: string;
  readonly trigger: string;
  readonly status: Run['status'];
  /** The process running it (host:pid:token). */
  readonly owner: string | null;
  readonly counts: RunCounts;
  readonly progress: RunProgress;
  readonly startedAt: string;
  readonly heartbeatAt: string;
  readonly finishedAt: string | null;
  /** Null while running. */
  readonly durationMs: number | null;
  readonly error: string | null;
  readonly stopRequestedAt: string | null;
}

export function toApiRun(run: Run): ApiRun {
  return {
    id: run.id,
    storeId: run.storeId,
    feed: run.feed,
    trigger: run.trigger,
    status: run.status,
    owner: run.owner,
    counts: run.counts,
    progress: run.progress,
    startedAt: run.startedAt,
    heartbeatAt: run.heartbeatAt,
    finishedAt: run.finishedAt,
    durationMs: run.finishedAt === null ? null : Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    // Feeds' messages may quote a URL: never with its ws_key.
    error: run.error === null ? null : redact(run.error),
    stopRequestedAt: run.stopRequestedAt,
  };
}

/** A run with its report (the feed's, once finished) and its failed records. */
export interface ApiRunDetail extends ApiRun {
  readonly report: Readonly<Record<string, unknown>> | null;
  /** The report's notices grouped by kind, each group with the fix to apply. */
  readonly noticeGroups: readonly NoticeGroup[];
  readonly failures: ReadonlyArray<{
    readonly recordId: string;
    readonly reason: string;
    readonly at: string;
  }>;
}

export function toApiRunDetail(run: Run, failures: readonly RunFailure[]): ApiRunDetail {
  const report =
    typeof run.report === 'object' && run.report !== null
      ? (JSON.parse(redact(JSON.stringify(run.report))) as Record<string, unknown>)
      : null;
  const notices = Array.isArray(report?.notices)
    ? (report.notices as Array<{ kind: string; key: string; message: string }>)
    : [];
  return {
    ...toApiRun(run),
    report,
    noticeGroups: groupNotices(notices),
    failures: failures.map(({ recordId, reason, at }) => ({ recordId, reason: redact(reason), at })),
  };
}

export interface ApiFeed {
  readonly name: string;
  readonly description: string;
  readonly direction: Feed['direction'];
  readonly cadence: Feed['cadence'];
  readonly needs: ReadonlyArray<{ readonly resource: string; readonly verb: string }>;
  readonly writes: readonly string[];
  readonly options: ReadonlyArray<{
    readonly name: string;
    readonly flag: string;
    readonly kind: string;
    readonly description: string;
  }>;
}

export function toApiFeed(feed: Feed): ApiFeed {
  return {
    name: feed.name,
    description: feed.description,
    direction: feed.direction,
    cadence: feed.cadence,
    needs: feed.needs.map(({ resource, verb }) => ({ resource, verb })),
    writes: feed.writes,
    options: (feed.options ?? []).map(({ name, flag, kind, description }) => ({
      name,
      flag,
      kind,
      description,
    })),
  };
}

/** One feed of one store: how the scheduler treats it, its last run and its next time. */
export interface ApiFeedStatus {
  readonly storeId: number;
  readonly store: string;
  readonly feed: string;
  readonly direction: Feed['direction'];
  readonly cadence: Feed['cadence'];
  /** Minutes between scheduled runs; null when the scheduler does not run it on its own. */
  readonly intervalMinutes: number | null;
  /** The store's `schedules.<feed>` setting, if any. */
  readonly override: number | 'off' | null;
  readonly lastRun: ApiRun | null;
  readonly nextRunAt: string | null;
  /** Why the scheduler holds it back (not ready), or null. */
  readonly notReady: string | null;
}

export function toApiFeedStatus(status: ScheduledFeedStatus, intervalMs: number | null): ApiFeedStatus {
  return {
    storeId: status.store.id,
    store: status.store.name,
    feed: status.feed.name,
    direction: status.feed.direction,
    cadence: status.feed.cadence,
    intervalMinutes: intervalMs === null ? null : intervalMs / MINUTE_MS,
    override: status.store.settings.schedules[status.feed.name] ?? null,
    lastRun: status.lastRun ? toApiRun(status.lastRun) : null,
    nextRunAt: status.nextRunAt?.toISOString() ?? null,
    notReady: status.notReady,
  };
}

/** One row of the product list: a sellable variant with its product's name and price. */
export interface ApiProductRow {
  readonly variantId: number;
  readonly productId: number;
  readonly sku: string | null;
  readonly skuDerived: boolean;
  readonly barcode: string | null;
  readonly name: string;
  /** Excl. tax, decimal string. */
  readonly price: string;
  readonly family: string | null;
  readonly active: boolean;
  readonly storeIds: readonly number[];
}

export function toApiProductRow(item: VariantListItem): ApiProductRow {
  return {
    variantId: item.variantId,
    productId: item.productId,
    sku: item.sku,
    skuDerived: item.skuDerived,
    barcode: item.barcode,
    name: item.name,
    price: item.price,
    family: item.family,
    active: item.active,
    storeIds: item.storeIds,
  };
}

export interface ApiVariant {
  readonly id: number;
  readonly position: number;
  readonly sku: string | null;
  readonly skuDerived: boolean;
  readonly barcode: string | null;
  readonly upc: string | null;
  readonly isbn: string | null;
  readonly mpn: string | null;
  readonly attributes: ReadonlyArray<{ readonly name: LocalizedText; readonly value: LocalizedText }>;
  readonly priceImpact: string;
  readonly wholesalePrice: string | null;
  readonly weightImpact: string | null;
  readonly active: boolean;
}

export interface ApiProduct {
  readonly id: number;
  readonly kind: Product['kind'];
  readonly name: string;
  readonly names: LocalizedText;
  readonly description: LocalizedText;
  readonly summary: LocalizedText;
  readonly reference: string | null;
  readonly ean13: string | null;
  readonly upc: string | null;
  readonly isbn: string | null;
  readonly mpn: string | null;
  readonly price: string;
  readonly wholesalePrice: string | null;
  readonly taxRate: string | null;
  readonly family: string | null;
  readonly unitOfMeasure: string | null;
  readonly manufacturer: string | null;
  readonly weight: string | null;
  readonly active: boolean;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly categoryIds: readonly number[];
  readonly variants: readonly ApiVariant[];
}

function toApiVariant(variant: Variant): ApiVariant {
  return {
    id: variant.id,
    position: variant.position,
    sku: variant.sku,
    skuDerived: variant.skuDerived,
    barcode: variant.barcode,
    upc: variant.upc,
    isbn: variant.isbn,
    mpn: variant.mpn,
    attributes: variant.attributes,
    priceImpact: variant.priceImpact,
    wholesalePrice: variant.wholesalePrice,
    weightImpact: variant.weightImpact,
    active: variant.active,
  };
}

export function toApiProduct(product: Product): ApiProduct {
  return {
    id: product.id,
    kind: product.kind,
    name: product.name,
    names: product.names,
    description: product.description,
    summary: product.summary,
    reference: product.reference,
    ean13: product.ean13,
    upc: product.upc,
    isbn: product.isbn,
    mpn: product.mpn,
    price: product.price,
    wholesalePrice: product.wholesalePrice,
    taxRate: product.taxRate,
    family: product.family,
    unitOfMeasure: product.unitOfMeasure,
    manufacturer: product.manufacturer,
    weight: product.weight,
    active: product.active,
    archivedAt: product.archivedAt,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    categoryIds: product.categoryIds,
    variants: product.variants.map(toApiVariant),
  };
}

export interface ApiRequestLogEntry {
  readonly id: number;
  readonly storeId: number | null;
  readonly at: string;
  readonly method: string;
  /** Redacted: never a `ws_key`. */
  readonly url: string;
  readonly status: number | null;
  readonly durationMs: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly error: string | null;
}

/** One entry with the bodies kept (only when the store's `extras.logApiRequests` was on). */
export interface ApiRequestLogDetail extends ApiRequestLogEntry {
  readonly requestBody: string | null;
  readonly responseBody: string | null;
}

export function toApiRequestLogEntry(entry: RequestLogEntry): ApiRequestLogEntry {
  return {
    id: entry.id,
    storeId: entry.storeId,
    at: entry.at,
    method: entry.method,
    url: entry.url,
    status: entry.status,
    durationMs: entry.durationMs,
    bytesSent: entry.bytesSent,
    bytesReceived: entry.bytesReceived,
    error: entry.error,
  };
}

export function toApiRequestLogDetail(entry: RequestLogEntry): ApiRequestLogDetail {
  return {
    ...toApiRequestLogEntry(entry),
    requestBody: entry.requestBody ?? null,
    responseBody: entry.responseBody ?? null,
  };
}

export interface ApiOrderSummary {
  readonly id: number;
  readonly storeId: number;
  /** The store's order id. */
  readonly externalId: string | null;
  readonly reference: string | null;
  readonly customerId: number | null;
  readonly customerName: string | null;
  readonly currency: string;
  readonly totalPaidTaxIncl: string;
  readonly totalsMismatch: boolean;
  readonly lineCount: number;
  readonly storeStateId: number | null;
  readonly hubStatus: OrderSummary['hubStatus'];
  readonly placedAt: StoreDate;
}

export function toApiOrderSummary(order: OrderSummary): ApiOrderSummary {
  return {
    id: order.id,
    storeId: order.storeId,
    externalId: order.externalId,
    reference: order.reference,
    customerId: order.customerId,
    customerName: order.customerName,
    currency: order.currency,
    totalPaidTaxIncl: order.totalPaidTaxIncl,
    totalsMismatch: order.totalsMismatch,
    lineCount: order.lineCount,
    storeStateId: order.storeStateId,
    hubStatus: order.hubStatus,
    placedAt: order.placedAt,
  };
}

export interface ApiShipment {
  readonly id: number;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly trackingUrl: string | null;
  readonly complete: boolean;
  readonly shippedAt: string;
  readonly lines: ReadonlyArray<{ readonly orderLineId: number; readonly quantity: number }>;
}

export function toApiShipment(shipment: Shipment): ApiShipment {
  return {
    id: shipment.id,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    trackingUrl: shipment.trackingUrl,
    complete: shipment.complete,
    shippedAt: shipment.shippedAt,
    lines: shipment.lines.map(({ orderLineId, quantity }) => ({ orderLineId, quantity })),
  };
}

/** An order with its lines, addresses, totals, messages, state history and shipments. */
export interface ApiOrder extends ApiOrderSummary {
  readonly billingAddress: OrderAddress;
  readonly deliveryAddress: OrderAddress;
  readonly paymentModule: string | null;
  readonly paymentLabel: string | null;
  readonly paymentMethod: string | null;
  readonly carrierId: string | null;
  readonly shippingMethod: string | null;
  readonly salesLocation: string | null;
  readonly totals: Order['totals'];
  readonly note: string | null;
  readonly storeUpdatedAt: StoreDate | null;
  readonly lines: Order['lines'];
  readonly messages: Order['messages'];
  readonly stateHistory: Order['stateHistory'];
  readonly shipments: readonly ApiShipment[];
}

export function toApiOrder(order: Order): ApiOrder {
  return {
    ...toApiOrderSummary(order),
    billingAddress: order.billingAddress,
    deliveryAddress: order.deliveryAddress,
    paymentModule: order.paymentModule,
    paymentLabel: order.paymentLabel,
    paymentMethod: order.paymentMethod,
    carrierId: order.carrierId,
    shippingMethod: order.shippingMethod,
    salesLocation: order.salesLocation,
    totals: order.totals,
    note: order.note,
    storeUpdatedAt: order.storeUpdatedAt,
    lines: order.lines,
    messages: order.messages,
    stateHistory: order.stateHistory,
    shipments: order.shipments.map(toApiShipment),
  };
}

/** A variant's stock: on hand per location, reserved by open orders, sellable per store. */
export interface ApiStockItem {
  readonly variantId: number;
  readonly sku: string | null;
  readonly name: string;
  readonly kit: boolean;
  readonly onHand: ReadonlyArray<{ readonly location: string; readonly onHand: number }>;
  readonly reserved: number;
  readonly sellable: ReadonlyArray<{
    readonly storeId: number;
    readonly store: string;
    readonly quantity: number;
  }>;
}

export function toApiStockItem(item: StockListItem): ApiStockItem {
  return {
    variantId: item.variantId,
    sku: item.sku,
    name: item.name,
    kit: item.kit,
    onHand: item.onHand.map(({ location, onHand }) => ({ location, onHand })),
    reserved: item.reserved,
    sellable: item.sellable.map(({ storeId, store, quantity }) => ({ storeId, store, quantity })),
  };
}

// prestabridge/hub — the back office's data: schema, migrations and repositories on SQLite or PostgreSQL.
export { type DatabaseTarget, DEFAULT_DATABASE_PATH, parseDatabaseUrl } from './database-url.js';
export { Decimal, DECIMAL_SCALE, type DecimalInput, type RoundingMode, toStoredDecimal } from './decimal.js';
export type { EngineKind } from './engine/engine.js';
export { type Hub, type HubRepositories, type HubTransaction, openHub, type OpenHubOptions } from './hub.js';
export type { HubClock } from './hub-context.js';
export {
  AlreadyExistsError,
  CorruptValueError,
  DatabaseBusyError,
  DatabaseReadOnlyError,
  DatabaseUnreachableError,
  DatabaseUrlError,
  DiskFullError,
  HubError,
  InvalidRecordError,
  LastAdminError,
  MissingSecretError,
  NewerDatabaseError,
  NotFoundError,
  SettingsValidationError,
  WrongSecretError,
} from './hub-errors.js';
export { redact, REDACTED, redactUrl } from './redact.js';
export type {
  AbandonedCartInput,
  AbandonedCartRepository,
  ReportedCart,
} from './repositories/abandoned-cart.repository.js';
export type {
  AccountingRepository,
  Invoice,
  InvoiceCandidate,
  InvoiceCursor,
  InvoiceInput,
  InvoiceKind,
  InvoiceLineInput,
  InvoiceListQuery,
  InvoiceSummary,
  IssuedLineInput,
  IssueDocumentInput,
  JournalEntry,
  JournalEntryLine,
  JournalLineInput,
  PostJournalEntryInput,
} from './repositories/accounting.repository.js';
export type { ActivityRepository, OutboxBacklog } from './repositories/activity.repository.js';
export type {
  Binding,
  BindingInput,
  BindingRepository,
  BindingResource,
} from './repositories/binding.repository.js';
export type {
  BoundCustomer,
  BoundOrder,
  BoundOrderLine,
  BoundProduct,
  BoundReadQuery,
  BoundRecordRepository,
} from './repositories/bound-record.repository.js';
export type { CatalogRepository } from './repositories/catalog.repository.js';
export {
  type CatalogConflict,
  type CategoryRecord,
  type ExportCandidate,
  type HubProductInput,
  type HubProductPatch,
  type HubVariantInput,
  type KitComponentInput,
  type LocalizedText,
  type Product,
  type ProductImageInput,
  type ProductKind,
  type ProductRecord,
  type ProductSupplierLink,
  type ProductUpsertOptions,
  type ProductUpsertResult,
  type StoreCategory,
  type SupplierRecord,
  type UpsertCounts,
  type UpsertedItem,
  type UpsertOutcome,
  type UpsertResult,
  type Variant,
  type VariantAttribute,
  type VariantListItem,
  type VariantListQuery,
  type VariantRecord,
} from './repositories/catalog.types.js';
export type {
  AddressChoiceInput,
  AddressRecord,
  AddressRole,
  AddressUpsertResult,
  Customer,
  CustomerAddress,
  CustomerOrder,
  CustomerRecord,
  CustomerRepository,
} from './repositories/customer.repository.js';
export { EventRepository } from './repositories/event.repository.js';
export type {
  CartAbandonedEventData,
  CustomerEventData,
  EventInput,
  EventListQuery,
  HubEvent,
  HubEventDataMap,
  HubEventType,
  OrderEventData,
  OrderStateChangedEventData,
  OrderStatusEventData,
  OrderUpdatedEventData,
  ProductEventData,
  RunFailedEventData,
  StockEventData,
  StoreUnreachableEventData,
  WebhookFailingEventData,
} from './repositories/event.types.js';
export { HUB_EVENT_TYPES } from './repositories/event.types.js';
export type { HostPaceRepository } from './repositories/host-pace.repository.js';
export type {
  ImportPlanRepository,
  PlanMatch,
  PlannedHubProduct,
} from './repositories/import-plan.repository.js';
export type { LockHolder, LockRepository } from './repositories/lock.repository.js';
export {
  type Account,
  ACCOUNT_KINDS,
  type AccountKind,
  type CodeReference,
  type Family,
  type Location,
  LOCATION_KINDS,
  type LocationKind,
  type MasterData,
  type MasterDataChanges,
  type MasterDataInput,
  type MasterDataKind,
  type MasterDataListOptions,
  type MasterDataRepository,
  type PaymentMethod,
  type ShippingMethod,
  type TaxRate,
  type UnitOfMeasure,
  type UnusableCode,
} from './repositories/master-data.repository.js';
export {
  addMasterDataCommand,
  MASTER_DATA_KINDS,
  masterDataCommand,
  masterDataKindNamed,
  masterDataLabel,
  restoreMasterDataCommand,
} from './repositories/master-data-kinds.js';
export {
  type MasterDataUsage,
  type MasterDataUsageRepository,
  type RecordCount,
  type SettingUse,
  USAGE_RECORDS,
  type UsageRecord,
  usageRecordsOf,
} from './repositories/master-data-usage.repository.js';
export type { OrderRepository } from './repositories/order.repository.js';
export {
  HUB_ORDER_STATUSES,
  type HubOrderStatus,
  type Order,
  type OrderAddress,
  type OrderLine,
  type OrderLineKind,
  type OrderLineRecord,
  type OrderListQuery,
  type OrderRecord,
  type OrderRetry,
  type OrderStanding,
  type OrderSummary,
  type OrderTotals,
  type OrderTotalsRecord,
  type OrderUpsertResult,
  RESERVING_STATUSES,
  type Shipment,
  type ShipmentLine,
} from './repositories/order.types.js';
export type {
  ClaimedOutboxEntry,
  ClaimOptions,
  CompleteOutcome,
  OutboxEntry,
  OutboxInput,
  OutboxKind,
  OutboxRepository,
  OutboxStatus,
} from './repositories/outbox.repository.js';
export type {
  RequestLogEntry,
  RequestLogInput,
  RequestLogQuery,
  RequestLogRepository,
} from './repositories/request-log.repository.js';
export type {
  Run,
  RunCounts,
  RunFailure,
  RunListQuery,
  RunProgress,
  RunRepository,
  RunStatus,
  RunTrigger,
} from './repositories/run.repository.js';
export type {
  ShipmentConfirmation,
  ShipmentInput,
  ShipmentRepository,
  ShipmentResult,
} from './repositories/shipment.repository.js';
export type {
  StockKit,
  StockLevel,
  StockListItem,
  StockListQuery,
  StockMovement,
  StockMovementInput,
  StockMovementKind,
  StockOutboxPayload,
  StockRepository,
  StockTarget,
  StockVariantRef,
  StoreStockRow,
  StoreStockRowRest,
} from './repositories/stock.repository.js';
export type { SellableQuantities } from './repositories/stock-sellable.js';
export type {
  AuthMode,
  NewStore,
  Store,
  StoreChanges,
  StoreLanguage,
  StoreRemoval,
  StoreRepository,
  StoreShopFacts,
} from './repositories/store.repository.js';
export {
  type ActiveSession,
  API_TOKEN_PREFIX,
  MIN_PASSWORD_LENGTH,
  type NewSession,
  type NewUser,
  roleAllows,
  type SessionLifetime,
  type User,
  USER_ROLES,
  type UserChanges,
  type UserRepository,
  type UserRole,
  type UserToken,
} from './repositories/user.repository.js';
export type { Watermark, WatermarkRepository, WatermarkValue } from './repositories/watermark.repository.js';
export { WebhookRepository } from './repositories/webhook.repository.js';
export type {
  WebhookAttempt,
  WebhookAttemptOutcome,
  WebhookAttemptResult,
  WebhookMessage,
  WebhookMessageQuery,
  WebhookMessageStatus,
  WebhookMode,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionInput,
} from './repositories/webhook.types.js';
export type {
  WorkerJob,
  WorkerRecord,
  WorkerRegistration,
  WorkerRepository,
} from './repositories/worker.repository.js';
export {
  journalCodeReferences,
  newCodeReferences,
  type SettingCodeReference,
  settingCodeReferences,
  settingCodeUses,
} from './settings/setting-codes.js';
export {
  applySettingsPatch,
  describeSetting,
  type ParsedAssignments,
  parseSettingAssignments,
  serializeSettings,
  type SettingsPatch,
} from './settings/settings-keys.js';
export { SETTING_SPECS, type SettingKind, type SettingSpec } from './settings/settings-reference.js';
export {
  ADDRESS_CHOICES,
  type AddressChoice,
  type CatalogMatch,
  defaultStoreSettings,
  type HubGender,
  type OrderStateRule,
  type ProductMaster,
  type StoreSettings,
  type StoreSettingsInput,
} from './settings/store-settings.js';
export { parseSettings, type SettingsValidation, validateSettings } from './settings/validate-settings.js';
export { instantToStoreLocal, type StoreDate, storeDate, storeLocalToInstant } from './store-time.js';

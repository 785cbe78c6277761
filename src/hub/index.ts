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
  AccountingRepository,
  Invoice,
  InvoiceInput,
  InvoiceLineInput,
  JournalEntry,
  JournalLineInput,
} from './repositories/accounting.repository.js';
export type { ActivityRepository, OutboxBacklog } from './repositories/activity.repository.js';
export type {
  Binding,
  BindingInput,
  BindingRepository,
  BindingResource,
} from './repositories/binding.repository.js';
export type { CatalogRepository } from './repositories/catalog.repository.js';
export {
  type CategoryRecord,
  type ExportCandidate,
  type KitComponentInput,
  type LocalizedText,
  type Product,
  type ProductImageInput,
  type ProductKind,
  type ProductRecord,
  type ProductSupplierLink,
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
  AddressRecord,
  AddressUpsertResult,
  Customer,
  CustomerAddress,
  CustomerRecord,
  CustomerRepository,
} from './repositories/customer.repository.js';
export type { HostPaceRepository } from './repositories/host-pace.repository.js';
export type { LockHolder, LockRepository } from './repositories/lock.repository.js';
export type {
  Family,
  Location,
  LocationKind,
  MasterData,
  MasterDataInput,
  MasterDataKind,
  MasterDataRepository,
  PaymentMethod,
  ShippingMethod,
  TaxRate,
  UnitOfMeasure,
} from './repositories/master-data.repository.js';
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
} from './repositories/stock.repository.js';
export type { SellableQuantities } from './repositories/stock-sellable.js';
export type {
  AuthMode,
  NewStore,
  Store,
  StoreChanges,
  StoreLanguage,
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
export type {
  WorkerJob,
  WorkerRecord,
  WorkerRegistration,
  WorkerRepository,
} from './repositories/worker.repository.js';
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
  defaultStoreSettings,
  type HubGender,
  type OrderStateRule,
  type ProductMaster,
  type StoreSettings,
  type StoreSettingsInput,
} from './settings/store-settings.js';
export { parseSettings, type SettingsValidation, validateSettings } from './settings/validate-settings.js';
export { instantToStoreLocal, type StoreDate, storeDate, storeLocalToInstant } from './store-time.js';

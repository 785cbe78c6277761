// src/sync: one module per feed, plus what every feed runs on (contract, tally, report, store session).
export type {
  Feed,
  FeedCadence,
  FeedContext,
  FeedDirection,
  FeedNotice,
  FeedOptions,
  FeedOptionSpec,
  FeedOutboxWrites,
  FeedProgress,
  PageTally,
} from './feed.js';
export {
  FeedBusyError,
  FeedError,
  FeedPreconditionError,
  FeedStoppedError,
  MissingPermissionsError,
  StoreNotReadyError,
  UnknownFeedError,
} from './feed-errors.js';
export {
  checkFeedPermissions,
  describeLack,
  type FeedPermissionGap,
  type FeedPermissionPart,
  feedPermissionParts,
  type FeedPermissions,
  keyLacksMessage,
  permissionsNeededBy,
} from './feed-permissions.js';
export { allFeeds, findFeed } from './feed-registry.js';
export { type FeedReport, formatReport } from './feed-report.js';
export {
  approveOrders,
  findStoreOrderState,
  IMPORT_CUSTOMERS,
  IMPORT_ORDERS,
  orderFeeds,
  orderTrackingOutboxHandler,
  type OrderTrackingPayload,
  recordShipment,
  RETRY_ORDERS,
  sendOrderConfirmations,
  setOrderState,
  SHIPPING_CONFIRMATION,
  type StateChangeResult,
  type StoreOrderState,
  UPDATE_ORDERS,
} from './orders/index.js';
export {
  builtInOutboxHandlers,
  classifyOutboxError,
  createDrainOutboxFeed,
  type DecodedOutboxEntry,
  DEFAULT_OUTBOX_RETRY,
  drainOutbox,
  drainOutboxFeed,
  type DrainOutboxOptions,
  OutboxDrainLoop,
  type OutboxDrainLoopOptions,
  type OutboxDrainReport,
  type OutboxHandler,
  type OutboxHandlerSet,
  outboxHandlerSet,
  type OutboxRetryPolicy,
  type OutboxSendContext,
  type OutboxSendResult,
  type SettledOutboxEntry,
  UndeliverableError,
} from './outbox/index.js';
export { FAILURE_SAMPLE, RunTally, type SkipGroup, type TalliedFailure } from './run-tally.js';
export {
  adjustStock,
  ambiguousSkuMessage,
  countStock,
  exportStockFeed,
  findVariantBySku,
  importStockFeed,
  type SkuLookup,
  type StockChangeResult,
  stockCheckFeed,
  stockExportNotReady,
  stockFeeds,
  stockImportLocation,
  stockOutboxHandler,
} from './stock/index.js';
export { readStoreChoices, type StoreChoices } from './store-choices.js';
export {
  type ConnectedStore,
  CONNECTION_NEEDS,
  type ConnectionCheck,
  connectStore,
  type MissingPermission,
  type NewStoreConnection,
  probeStoreConnection,
  readStoreFacts,
  refreshStore,
  type ShopChoice,
  StoreConnectionError,
  type StoreConnectionOptions,
  type StoreFacts,
  testStore,
} from './store-connection.js';
export { type StoreClientOverrides, StoreSession } from './store-session.js';
export { describeShops, SHOP_READS, type StoreShop } from './store-shops.js';

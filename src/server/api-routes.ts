import type { RouteRegistration } from './api-context.js';
import { registerAddMasterData } from './routes/add-master-data.route.js';
import { registerAddProduct } from './routes/add-product.route.js';
import { registerAddStore } from './routes/add-store.route.js';
import { registerAddUser } from './routes/add-user.route.js';
import { registerAddUserToken } from './routes/add-user-token.route.js';
import { registerAddWebhook } from './routes/add-webhook.route.js';
import { registerAdjustStock } from './routes/adjust-stock.route.js';
import { registerApproveOrder } from './routes/approve-order.route.js';
import { registerArchiveMasterData } from './routes/archive-master-data.route.js';
import { registerChooseCustomerAddresses } from './routes/choose-customer-addresses.route.js';
import { registerCountStock } from './routes/count-stock.route.js';
import { registerDeleteStore } from './routes/delete-store.route.js';
import { registerDeleteWebhook } from './routes/delete-webhook.route.js';
import { registerExportInvoices } from './routes/export-invoices.route.js';
import { registerExportJournal } from './routes/export-journal.route.js';
import { registerGetActionOrder } from './routes/get-action-order.route.js';
import { registerGetActionProduct } from './routes/get-action-product.route.js';
import { registerGetCustomer } from './routes/get-customer.route.js';
import { registerGetDashboard } from './routes/get-dashboard.route.js';
import { registerGetEvents } from './routes/get-events.route.js';
import { registerGetGoLive } from './routes/get-go-live.route.js';
import { registerGetHealth } from './routes/get-health.route.js';
import { registerGetInvoice } from './routes/get-invoice.route.js';
import { registerGetInvoicePdf } from './routes/get-invoice-pdf.route.js';
import { registerGetMasterData } from './routes/get-master-data.route.js';
import { registerGetMasterDataUsage } from './routes/get-master-data-usage.route.js';
import { registerGetMe } from './routes/get-me.route.js';
import { registerGetMetrics } from './routes/get-metrics.route.js';
import { registerGetOrder } from './routes/get-order.route.js';
import { registerGetProduct } from './routes/get-product.route.js';
import { registerGetProductStores } from './routes/get-product-stores.route.js';
import { registerGetRequestLogEntry } from './routes/get-request-log-entry.route.js';
import { registerGetRun } from './routes/get-run.route.js';
import { registerGetSettingsReference } from './routes/get-settings-reference.route.js';
import { registerGetStore } from './routes/get-store.route.js';
import { registerGetStoreLive } from './routes/get-store-live.route.js';
import { registerGetWebhook } from './routes/get-webhook.route.js';
import { registerGetWebhookDelivery } from './routes/get-webhook-delivery.route.js';
import { registerListActionCarts } from './routes/list-action-carts.route.js';
import { registerListActionCustomers } from './routes/list-action-customers.route.js';
import { registerListActionOrders } from './routes/list-action-orders.route.js';
import { registerListActionProducts } from './routes/list-action-products.route.js';
import { registerListCustomers } from './routes/list-customers.route.js';
import { registerListEventTypes } from './routes/list-event-types.route.js';
import { registerListFeeds } from './routes/list-feeds.route.js';
import { registerListInvoices } from './routes/list-invoices.route.js';
import { registerListJournal } from './routes/list-journal.route.js';
import { registerListMasterData } from './routes/list-master-data.route.js';
import { registerListMasterDataUsage } from './routes/list-master-data-usage.route.js';
import { registerListOrderInvoices } from './routes/list-order-invoices.route.js';
import { registerListOrders } from './routes/list-orders.route.js';
import { registerListOutbox } from './routes/list-outbox.route.js';
import { registerListProducts } from './routes/list-products.route.js';
import { registerListRequestLog } from './routes/list-request-log.route.js';
import { registerListRuns } from './routes/list-runs.route.js';
import { registerListStock } from './routes/list-stock.route.js';
import { registerListStockKits } from './routes/list-stock-kits.route.js';
import { registerListStockMovements } from './routes/list-stock-movements.route.js';
import { registerListStoreFeeds } from './routes/list-store-feeds.route.js';
import { registerListStores } from './routes/list-stores.route.js';
import { registerListUserTokens } from './routes/list-user-tokens.route.js';
import { registerListUsers } from './routes/list-users.route.js';
import { registerListWebhookDeliveries } from './routes/list-webhook-deliveries.route.js';
import { registerListWebhooks } from './routes/list-webhooks.route.js';
import { registerListWorkers } from './routes/list-workers.route.js';
import { registerPauseWebhook } from './routes/pause-webhook.route.js';
import { registerPlanFeed } from './routes/plan-feed.route.js';
import { registerProbeStore } from './routes/probe-store.route.js';
import { registerReplayWebhookDelivery } from './routes/replay-webhook-delivery.route.js';
import { registerResetFeed } from './routes/reset-feed.route.js';
import { registerResumeWebhook } from './routes/resume-webhook.route.js';
import { registerRevokeUserToken } from './routes/revoke-user-token.route.js';
import { registerRotateWebhookSecret } from './routes/rotate-webhook-secret.route.js';
import { registerRunFeed } from './routes/run-feed.route.js';
import { registerRunGoLiveStep } from './routes/run-go-live-step.route.js';
import { registerScheduleFeed } from './routes/schedule-feed.route.js';
import { registerSetActionOrderState } from './routes/set-action-order-state.route.js';
import { registerSetActionTracking } from './routes/set-action-tracking.route.js';
import { registerSetOrderState } from './routes/set-order-state.route.js';
import { registerShipOrder } from './routes/ship-order.route.js';
import { registerSignIn } from './routes/sign-in.route.js';
import { registerSignInLink } from './routes/sign-in-link.route.js';
import { registerSignOut } from './routes/sign-out.route.js';
import { registerStopRun } from './routes/stop-run.route.js';
import { registerTestStore } from './routes/test-store.route.js';
import { registerUpdateMasterData } from './routes/update-master-data.route.js';
import { registerUpdateProduct } from './routes/update-product.route.js';
import { registerUpdateStore } from './routes/update-store.route.js';
import { registerUpdateUser } from './routes/update-user.route.js';

/** Every route of the API, in the order `/openapi.json` lists them. */
export const apiRoutes: readonly RouteRegistration[] = [
  registerGetHealth,
  registerGetMetrics,
  registerListWorkers,
  registerSignIn,
  registerSignInLink,
  registerGetMe,
  registerSignOut,
  registerGetEvents,
  registerGetDashboard,
  registerListStores,
  registerProbeStore,
  registerAddStore,
  registerGetStore,
  registerUpdateStore,
  registerDeleteStore,
  registerTestStore,
  registerGetStoreLive,
  registerGetSettingsReference,
  registerGetMasterData,
  registerListMasterData,
  registerListMasterDataUsage,
  registerGetMasterDataUsage,
  registerAddMasterData,
  registerUpdateMasterData,
  registerArchiveMasterData,
  registerListFeeds,
  registerListStoreFeeds,
  registerRunFeed,
  registerPlanFeed,
  registerResetFeed,
  registerScheduleFeed,
  registerGetGoLive,
  registerRunGoLiveStep,
  registerListRuns,
  registerGetRun,
  registerStopRun,
  registerListProducts,
  registerGetProduct,
  registerGetProductStores,
  registerAddProduct,
  registerUpdateProduct,
  registerListOrders,
  registerGetOrder,
  registerApproveOrder,
  registerShipOrder,
  registerSetOrderState,
  registerListCustomers,
  registerGetCustomer,
  registerListOrderInvoices,
  registerChooseCustomerAddresses,
  registerListInvoices,
  registerExportInvoices,
  registerGetInvoice,
  registerGetInvoicePdf,
  registerListJournal,
  registerExportJournal,
  registerListStock,
  registerAdjustStock,
  registerCountStock,
  registerListStockKits,
  registerListStockMovements,
  registerListOutbox,
  registerListRequestLog,
  registerGetRequestLogEntry,
  registerListUsers,
  registerAddUser,
  registerUpdateUser,
  registerListUserTokens,
  registerAddUserToken,
  registerRevokeUserToken,
  registerListEventTypes,
  registerListWebhooks,
  registerAddWebhook,
  registerGetWebhook,
  registerPauseWebhook,
  registerResumeWebhook,
  registerRotateWebhookSecret,
  registerDeleteWebhook,
  registerListWebhookDeliveries,
  registerGetWebhookDelivery,
  registerReplayWebhookDelivery,
  registerListActionProducts,
  registerGetActionProduct,
  registerListActionOrders,
  registerGetActionOrder,
  registerListActionCustomers,
  registerListActionCarts,
  registerSetActionOrderState,
  registerSetActionTracking,
];

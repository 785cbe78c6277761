import type { RouteRegistration } from './api-context.js';
import { registerAddStore } from './routes/add-store.route.js';
import { registerAddUser } from './routes/add-user.route.js';
import { registerAddUserToken } from './routes/add-user-token.route.js';
import { registerAdjustStock } from './routes/adjust-stock.route.js';
import { registerApproveOrder } from './routes/approve-order.route.js';
import { registerDeleteStore } from './routes/delete-store.route.js';
import { registerGetDashboard } from './routes/get-dashboard.route.js';
import { registerGetEvents } from './routes/get-events.route.js';
import { registerGetGoLive } from './routes/get-go-live.route.js';
import { registerGetHealth } from './routes/get-health.route.js';
import { registerGetMasterData } from './routes/get-master-data.route.js';
import { registerGetMe } from './routes/get-me.route.js';
import { registerGetMetrics } from './routes/get-metrics.route.js';
import { registerGetOrder } from './routes/get-order.route.js';
import { registerGetProduct } from './routes/get-product.route.js';
import { registerGetRequestLogEntry } from './routes/get-request-log-entry.route.js';
import { registerGetRun } from './routes/get-run.route.js';
import { registerGetSettingsReference } from './routes/get-settings-reference.route.js';
import { registerGetStore } from './routes/get-store.route.js';
import { registerGetStoreLive } from './routes/get-store-live.route.js';
import { registerListFeeds } from './routes/list-feeds.route.js';
import { registerListOrders } from './routes/list-orders.route.js';
import { registerListProducts } from './routes/list-products.route.js';
import { registerListRequestLog } from './routes/list-request-log.route.js';
import { registerListRuns } from './routes/list-runs.route.js';
import { registerListStock } from './routes/list-stock.route.js';
import { registerListStoreFeeds } from './routes/list-store-feeds.route.js';
import { registerListStores } from './routes/list-stores.route.js';
import { registerListUserTokens } from './routes/list-user-tokens.route.js';
import { registerListUsers } from './routes/list-users.route.js';
import { registerListWorkers } from './routes/list-workers.route.js';
import { registerProbeStore } from './routes/probe-store.route.js';
import { registerRevokeUserToken } from './routes/revoke-user-token.route.js';
import { registerRunFeed } from './routes/run-feed.route.js';
import { registerRunGoLiveStep } from './routes/run-go-live-step.route.js';
import { registerScheduleFeed } from './routes/schedule-feed.route.js';
import { registerSetOrderState } from './routes/set-order-state.route.js';
import { registerShipOrder } from './routes/ship-order.route.js';
import { registerSignIn } from './routes/sign-in.route.js';
import { registerSignInLink } from './routes/sign-in-link.route.js';
import { registerSignOut } from './routes/sign-out.route.js';
import { registerStopRun } from './routes/stop-run.route.js';
import { registerTestStore } from './routes/test-store.route.js';
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
  registerListFeeds,
  registerListStoreFeeds,
  registerRunFeed,
  registerScheduleFeed,
  registerGetGoLive,
  registerRunGoLiveStep,
  registerListRuns,
  registerGetRun,
  registerStopRun,
  registerListProducts,
  registerGetProduct,
  registerListOrders,
  registerGetOrder,
  registerApproveOrder,
  registerShipOrder,
  registerSetOrderState,
  registerListStock,
  registerAdjustStock,
  registerListRequestLog,
  registerGetRequestLogEntry,
  registerListUsers,
  registerAddUser,
  registerUpdateUser,
  registerListUserTokens,
  registerAddUserToken,
  registerRevokeUserToken,
];

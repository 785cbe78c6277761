// src/server: `prestabridge serve` — the HTTP API, the embedded scheduler and the outbox loop in one process.
export type { ApiContext, RouteRegistration } from './api-context.js';
export { ApiError, type ApiErrorBody, errorAnswer, ServerStoppingError } from './api-errors.js';
export {
  type ApiToken,
  bearerMatches,
  isLoopbackHost,
  resolveApiToken,
  ServerConfigError,
  type TokenSource,
} from './api-token.js';
export type {
  ApiConnectionCheck,
  ApiFeed,
  ApiFeedStatus,
  ApiOrder,
  ApiOrderSummary,
  ApiProduct,
  ApiProductRow,
  ApiRequestLogDetail,
  ApiRequestLogEntry,
  ApiRun,
  ApiRunDetail,
  ApiShipment,
  ApiStockItem,
  ApiStore,
  ApiVariant,
} from './api-wire.js';
export { MASKED_KEY } from './api-wire.js';
export { type ApiOptions, buildApi } from './build-api.js';
export { createServerLogger, LOG_REDACT_PATHS } from './server-logger.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TICK_MS,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './start-server.js';

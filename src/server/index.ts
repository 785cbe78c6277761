// src/server: `prestabridge serve` — the HTTP API, the embedded scheduler and the outbox loop in one process.
export {
  type Access,
  CSRF_HEADER,
  DEFAULT_SESSION_LIFETIME,
  type Principal,
  SERVER_TOKEN_NAME,
  SESSION_COOKIE,
} from './access-control.js';
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
export { type LiveEvent, LiveEvents, type LiveEventType } from './live-events.js';
export { createServerLogger, LOG_REDACT_PATHS } from './server-logger.js';
export { SignInLimiter } from './sign-in-limiter.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TICK_MS,
  type RunningServer,
  type ServerOptions,
  startServer,
} from './start-server.js';
export type { ApiUser, ApiUserToken } from './user-wire.js';

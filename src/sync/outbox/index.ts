// src/sync/outbox: delivering the outbox — handlers per kind, the drainer, its feed and the serve loop.
export { builtInOutboxHandlers } from './built-in-handlers.js';
export {
  createDrainOutboxFeed,
  drainOutboxFeed,
  reportDrainProblems,
  tallySettledEntry,
} from './drain-outbox.feed.js';
export {
  drainOutbox,
  type DrainOutboxOptions,
  type OutboxDrainReport,
  type OutboxFailureRecord,
  type OutboxOutcome,
  type OutboxWarningRecord,
  type SettledOutboxEntry,
} from './drain-outbox.js';
export { OutboxDrainLoop, type OutboxDrainLoopOptions } from './outbox-drain-loop.js';
export {
  classifyOutboxError,
  DEFAULT_OUTBOX_RETRY,
  nextAttemptAt,
  type OutboxFailure,
  type OutboxRetryPolicy,
  UndeliverableError,
} from './outbox-failure.js';
export {
  type DecodedOutboxEntry,
  type OutboxBatchResult,
  type OutboxHandler,
  type OutboxHandlerSet,
  outboxHandlerSet,
  type OutboxSendContext,
  type OutboxSendResult,
} from './outbox-handler.js';

export * from './actions/index.js';
export type { BatchBody, EventEnvelope } from './event-catalogue.js';
export {
  batchBodySchema,
  EVENT_DATA_SCHEMAS,
  EVENT_DESCRIPTIONS,
  eventEnvelopeSchema,
  eventJsonSchemas,
  HUB_EVENT_TYPES_HELP,
} from './event-catalogue.js';
export {
  checkReceiver,
  isInternalAddress,
  parseReceiverUrl,
  ReceiverRefusedError,
  resolveReceiver,
} from './receiver-address.js';
export { DEFAULT_RETRY_POLICY, nextWebhookAttempt, type WebhookRetryPolicy } from './webhook-backoff.js';
export {
  defaultDelivererId,
  deliverWebhooks,
  type WebhookAttemptReport,
  type WebhookDeliveryOptions,
  type WebhookDeliveryReport,
} from './webhook-delivery.js';
export { WebhookDeliveryLoop, type WebhookDeliveryLoopOptions } from './webhook-delivery-loop.js';
export { eventEnvelope, messageBody, signedHeaders } from './webhook-payload.js';
export { newWebhookSecret } from './webhook-secret.js';
export { postWebhook, type WebhookPost, type WebhookPostResult } from './webhook-sender.js';
export {
  type AddedWebhook,
  addWebhook,
  type AddWebhookInput,
  parseEventTypes,
  rotateWebhookSecret,
  SECRET_OVERLAP_MS,
} from './webhook-subscriptions.js';

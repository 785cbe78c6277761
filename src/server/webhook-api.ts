import {
  type Hub,
  InvalidRecordError,
  NotFoundError,
  type WebhookAttempt,
  type WebhookMessage,
  type WebhookSubscription,
} from '../hub/index.js';

/** The API's form of a subscription (never its secret). */
export async function toApiWebhook(
  hub: Hub,
  subscription: WebhookSubscription,
): Promise<Record<string, unknown>> {
  const counts = await hub.webhooks.counts(subscription.id);
  return {
    id: subscription.id,
    url: subscription.url,
    events: subscription.eventTypes,
    storeId: subscription.storeId,
    form: subscription.mode,
    intervalSeconds: subscription.pollIntervalSeconds,
    ceiling: subscription.ceiling,
    allowPrivate: subscription.allowPrivate,
    status: subscription.status,
    failingSince: subscription.failingSince,
    description: subscription.description,
    watermarkEventId: subscription.watermarkEventId,
    previousSecretExpiresAt: subscription.previousSecretExpiresAt,
    createdAt: subscription.createdAt,
    counts,
  };
}

export function toApiDelivery(
  message: WebhookMessage,
  attempts?: readonly WebhookAttempt[],
): Record<string, unknown> {
  return {
    id: message.id,
    webhookId: message.webhookId,
    eventType: message.eventType,
    eventIds: message.eventIds,
    itemCount: message.itemCount,
    status: message.status,
    attempts: message.attempts,
    nextAttemptAt: message.nextAttemptAt,
    lastStatusCode: message.lastStatusCode,
    lastError: message.lastError,
    createdAt: message.createdAt,
    deliveredAt: message.deliveredAt,
    ...(attempts === undefined
      ? {}
      : {
          attemptList: attempts.map((attempt) => ({
            attempt: attempt.attempt,
            at: attempt.at,
            ok: attempt.ok,
            statusCode: attempt.statusCode,
            durationMs: attempt.durationMs,
            responseExcerpt: attempt.responseExcerpt,
            error: attempt.error,
          })),
        }),
  };
}

/** A message of this subscription, or 404. */
export async function deliveryOf(
  hub: Hub,
  subscriptionId: number,
  messageId: number,
): Promise<WebhookMessage> {
  await hub.webhooks.get(subscriptionId);
  const message = await hub.webhooks.message(messageId);
  if (message.subscriptionId !== subscriptionId)
    throw new NotFoundError(`Webhook ${subscriptionId} has no delivery ${messageId}.`);
  return message;
}

/** A refused receiver is the hub refusing the change: 422 with what to do. */
export function asRefusal(error: unknown): never {
  if (error instanceof Error && error.name === 'ReceiverRefusedError')
    throw new InvalidRecordError(error.message);
  throw error;
}

import { Webhook } from 'standardwebhooks';

import type { HubEvent, WebhookMessage, WebhookSubscription } from '../hub/index.js';
import type { BatchBody, EventEnvelope } from './event-catalogue.js';

/** An event as sent: `evt_<id>`, its type, when it happened, what it is about, its data. */
export function eventEnvelope(event: HubEvent): EventEnvelope {
  return {
    id: `evt_${event.id}`,
    type: event.type,
    timestamp: event.occurredAt,
    storeId: event.storeId,
    subject: event.subject,
    data: (event.data ?? {}) as Record<string, unknown>,
  };
}

/**
 * The body of a message, built from its events only (so every attempt and replay sends the same
 * bytes): one event's envelope, or for a batching subscription the `order-updated` trigger's form —
 * `items` oldest first, one per record (an order changed twice in a cycle is there once, as its
 * newest change).
 */
export function messageBody(
  subscription: WebhookSubscription,
  message: WebhookMessage,
  events: readonly HubEvent[],
): string {
  if (subscription.mode === 'event') {
    const event = events[0];
    if (event === undefined) throw new Error(`The event of webhook message ${message.id} is gone.`);
    return JSON.stringify(eventEnvelope(event));
  }
  const newest = new Map<string, HubEvent>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    newest.delete(event.subject);
    newest.set(event.subject, event);
  }
  const onlyOrders = subscription.eventTypes.length === 1 && subscription.eventTypes[0] === 'order.updated';
  const body: BatchBody = {
    type: message.eventType,
    trigger: onlyOrders ? 'order-updated' : 'events',
    timestamp: message.createdAt,
    subscriptionId: subscription.id,
    items: [...newest.values()].map(eventEnvelope),
  };
  return JSON.stringify(body);
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-id` (the message's, the same on every
 * attempt), `webhook-timestamp` (this attempt, seconds) and `webhook-signature` — one `v1,…`
 * signature per secret (two while a rotated-out secret is still valid), by the reference library.
 */
export function signedHeaders(
  webhookId: string,
  at: Date,
  body: string,
  secrets: readonly string[],
): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'PrestaBridge-Webhooks/1',
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

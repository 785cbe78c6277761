import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Hub, WebhookMessage, WebhookSubscription } from '../hub/index.js';
import { DEFAULT_RETRY_POLICY, nextWebhookAttempt, type WebhookRetryPolicy } from './webhook-backoff.js';
import { messageBody, signedHeaders } from './webhook-payload.js';
import { postWebhook, type WebhookPostResult } from './webhook-sender.js';

export interface WebhookDeliveryOptions {
  readonly hub: Hub;
  /** This deliverer's token (default: host, pid and a random part). */
  readonly owner?: string;
  /** Default: the system clock. Tests pass the hub's manual clock. */
  readonly clock?: () => Date;
  /** One attempt, connection to last byte (default 10 s). */
  readonly timeoutMs?: number;
  /** Bytes of an answer read at most (default 64 KiB). */
  readonly maxResponseBytes?: number;
  /** How long a claim on a subscription holds without news (default 2 min); renewed by each attempt. */
  readonly leaseMs?: number;
  /** Subscriptions served at once (default 4). */
  readonly concurrency?: number;
  readonly retry?: Partial<WebhookRetryPolicy>;
  /** No attempt starts after it; attempts in flight finish and are recorded. */
  readonly signal?: AbortSignal;
  /** A line for the log: a message given up, a subscription marked failing. */
  readonly log?: (level: 'info' | 'warn', line: string) => void;
  /** Called after each attempt is recorded (tests and benchmarks wait on it). */
  readonly onAttempt?: (attempt: WebhookAttemptReport) => void;
}

export interface WebhookAttemptReport {
  readonly subscriptionId: number;
  readonly messageId: number;
  readonly webhookId: string;
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly result: 'done' | 'retrying' | 'failed' | 'lost';
}

/** What one pass did. */
export interface WebhookDeliveryReport {
  /** Subscriptions claimed. */
  readonly subscriptions: number;
  readonly attempts: number;
  readonly delivered: number;
  readonly retrying: number;
  /** Messages given up (their subscription is failing now). */
  readonly failed: number;
  readonly lost: number;
  readonly stopped: boolean;
}

const MESSAGES_PER_READ = 100;
/** Successful attempts recorded together (a crash before they are re-sends them, same webhook-id). */
const RECORD_EVERY = 50;
const MAX_CLAIMS_PER_PASS = 1000;

export function defaultDelivererId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * One delivery pass: claims the subscriptions with something due (a lease each, so that one
 * deliverer at a time serves a subscription and its messages go out in order), composes the cycle
 * of a batching subscription whose time has come, sends pending messages oldest first — signed as
 * Standard Webhooks specifies — and records every attempt. A failed attempt stops the subscription
 * for this pass (its next message waits behind it) and is retried with exponential backoff for a
 * day; then the message is given up and the subscription marked failing (a `webhook.failing` event
 * and a warn line). Claims again until nothing is due. A crash anywhere leaves at most the message
 * in flight to be sent again, with the same `webhook-id`, once the lease has expired.
 *
 * @example
 * const report = await deliverWebhooks({ hub });
 * // { subscriptions: 1, attempts: 3, delivered: 3, retrying: 0, failed: 0, lost: 0, stopped: false }
 */
export async function deliverWebhooks(options: WebhookDeliveryOptions): Promise<WebhookDeliveryReport> {
  const { hub } = options;
  const owner = options.owner ?? defaultDelivererId();
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 120_000;
  const policy: WebhookRetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const tally = { subscriptions: 0, attempts: 0, delivered: 0, retrying: 0, failed: 0, lost: 0 };
  const stopped = () => options.signal?.aborted === true;

  /** Successful attempts not yet recorded: written together, every `RECORD_EVERY` or before anything else. */
  type Delivered = Parameters<Hub['webhooks']['recordDelivered']>[2][number];

  const serve = async (subscription: WebhookSubscription): Promise<void> => {
    const secrets = await hub.webhooks.signingSecrets(subscription.id);
    const delivered: Delivered[] = [];
    const flush = async (): Promise<boolean> => {
      if (delivered.length === 0) return true;
      const batch = delivered.splice(0);
      const result = await hub.webhooks.recordDelivered(subscription.id, owner, batch, leaseMs);
      tally.attempts += batch.length;
      if (result === 'lost') tally.lost += batch.length;
      else tally.delivered += batch.length;
      for (const entry of batch)
        options.onAttempt?.({
          subscriptionId: subscription.id,
          messageId: entry.message.id,
          webhookId: entry.message.webhookId,
          ok: true,
          statusCode: entry.statusCode,
          result: result === 'lost' ? 'lost' : 'done',
        });
      return result !== 'lost';
    };
    try {
      for (;;) {
        if (subscription.mode === 'batch') await hub.webhooks.composeCycle(subscription.id, owner);
        const messages = await hub.webhooks.pendingMessages(subscription.id, MESSAGES_PER_READ);
        if (messages.length === 0) return;
        const events = new Map(
          (await hub.events.byIds(messages.flatMap((message) => message.eventIds))).map((event) => [
            event.id,
            event,
          ]),
        );
        for (const message of messages) {
          if (stopped() || message.nextAttemptAt > clock().toISOString()) return;
          const body = messageBody(
            subscription,
            message,
            message.eventIds.flatMap((id) => events.get(id) ?? []),
          );
          const sent = await send(subscription, message, body, secrets);
          if (sent.ok) {
            delivered.push({
              message,
              statusCode: sent.statusCode,
              durationMs: sent.durationMs,
              responseExcerpt: sent.responseExcerpt,
            });
            if (delivered.length >= RECORD_EVERY && !(await flush())) return;
            continue;
          }
          if (!(await flush())) return;
          await recordFailure(subscription, message, sent);
          return;
        }
        if (!(await flush())) return;
      }
    } finally {
      await flush();
    }
  };

  const send = (
    subscription: WebhookSubscription,
    message: WebhookMessage,
    body: string,
    secrets: readonly string[],
  ) =>
    postWebhook({
      url: subscription.url,
      headers: signedHeaders(message.webhookId, clock(), body, secrets),
      body,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxResponseBytes: options.maxResponseBytes ?? 64 * 1024,
      allowPrivate: subscription.allowPrivate,
    });

  const recordFailure = async (
    subscription: WebhookSubscription,
    message: WebhookMessage,
    sent: WebhookPostResult,
  ): Promise<void> => {
    const now = clock();
    const retryAt = sent.permanent
      ? null
      : nextWebhookAttempt(
          policy,
          now,
          message.attempts + 1,
          new Date(message.firstAttemptAt ?? now.toISOString()),
        );
    const result = await hub.webhooks.recordAttempt(message, owner, {
      ok: false,
      statusCode: sent.statusCode,
      durationMs: sent.durationMs,
      responseExcerpt: sent.responseExcerpt,
      error: sent.error,
      retryAt,
      leaseMs,
    });
    tally.attempts += 1;
    if (result === 'retrying') tally.retrying += 1;
    else if (result === 'lost') tally.lost += 1;
    else if (result === 'failed') {
      tally.failed += 1;
      options.log?.(
        'warn',
        `Webhook subscription ${subscription.id} (${subscription.url}) is failing: message ${message.webhookId} was given up after ${message.attempts + 1} attempts (${sent.error ?? 'no answer'}). ` +
          `Fix the receiver, then: prestabridge webhooks resume ${subscription.id}`,
      );
    }
    options.onAttempt?.({
      subscriptionId: subscription.id,
      messageId: message.id,
      webhookId: message.webhookId,
      ok: false,
      statusCode: sent.statusCode,
      result,
    });
  };

  for (let claims = 0; claims < MAX_CLAIMS_PER_PASS && !stopped(); claims += 1) {
    const claimed = await hub.webhooks.claimDue({ owner, limit: concurrency, leaseMs });
    if (claimed.length === 0) break;
    tally.subscriptions += claimed.length;
    try {
      await Promise.all(claimed.map(serve));
    } finally {
      await hub.webhooks.release(
        claimed.map((subscription) => subscription.id),
        owner,
      );
    }
  }
  return { ...tally, stopped: stopped() };
}

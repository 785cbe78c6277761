import { type Kysely, sql } from 'kysely';

import { bulkInsert, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';
import { redact } from '../redact.js';
import type {
  DbWebhookAttempt,
  DbWebhookMessage,
  DbWebhookSubscription,
  HubDatabase,
} from '../schema/hub-database.js';
import { openSealedSecret, sealSecret } from '../secret-box.js';
import { appendEvents, newWebhookId } from './event.repository.js';
import { HUB_EVENT_TYPES, type HubEventType } from './event.types.js';
import type {
  WebhookAttempt,
  WebhookAttemptOutcome,
  WebhookAttemptResult,
  WebhookMessage,
  WebhookMessageQuery,
  WebhookMessageStatus,
  WebhookMode,
  WebhookStatus,
  WebhookSubscription,
  WebhookSubscriptionInput,
} from './webhook.types.js';

const DEFAULT_INTERVAL_SECONDS = 60;
const DEFAULT_CEILING = 100;
const MAX_CEILING = 1000;

function toSubscription(row: DbWebhookSubscription): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: parseJson<HubEventType[]>(row.event_types, []),
    storeId: row.store_id,
    mode: row.mode as WebhookMode,
    pollIntervalSeconds: row.poll_interval_seconds,
    ceiling: row.ceiling,
    allowPrivate: row.allow_private === 1,
    status: row.status as WebhookStatus,
    failingSince: row.failing_since,
    description: row.description,
    watermarkEventId: row.watermark_event_id,
    nextCycleAt: row.next_cycle_at,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMessage(row: DbWebhookMessage): WebhookMessage {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    webhookId: row.webhook_id,
    eventType: row.event_type,
    eventIds: parseJson<number[]>(row.event_ids, []),
    itemCount: row.item_count,
    status: row.status as WebhookMessageStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    firstAttemptAt: row.first_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

function toAttempt(row: DbWebhookAttempt): WebhookAttempt {
  return {
    id: row.id,
    messageId: row.message_id,
    attempt: row.attempt,
    at: row.at,
    ok: row.ok === 1,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

function checkInput(input: WebhookSubscriptionInput): void {
  if (input.eventTypes.length === 0)
    throw new InvalidRecordError(
      `A subscription needs at least one event type (${HUB_EVENT_TYPES.join(', ')}).`,
    );
  const unknown = input.eventTypes.find((type) => !(HUB_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown !== undefined)
    throw new InvalidRecordError(`'${unknown}' is not an event type (${HUB_EVENT_TYPES.join(', ')}).`);
  const interval = input.pollIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  if (!Number.isInteger(interval) || interval < 1 || interval > 86_400)
    throw new InvalidRecordError(`The poll interval must be 1 to 86400 seconds, not ${interval}.`);
  const ceiling = input.ceiling ?? DEFAULT_CEILING;
  if (!Number.isInteger(ceiling) || ceiling < 1 || ceiling > MAX_CEILING)
    throw new InvalidRecordError(`The ceiling must be 1 to ${MAX_CEILING} items per cycle, not ${ceiling}.`);
  if (!input.secret.startsWith('whsec_'))
    throw new InvalidRecordError('A signing secret starts with whsec_ (Standard Webhooks).');
}

/**
 * Webhook subscriptions and what is sent to them. Events reach them through `appendEvents` (in the
 * transaction of the change); a deliverer then claims due subscriptions under a lease — one
 * deliverer per subscription at a time, so that its messages go out in order — sends their pending
 * messages oldest first, and records every attempt.
 *
 * @example
 * const [subscription] = await hub.webhooks.claimDue({ owner, limit: 10, leaseMs: 60_000 });
 * for (const message of await hub.webhooks.pendingMessages(subscription.id, 50)) {
 *   const result = await hub.webhooks.recordAttempt(message, owner, outcomeOf(await send(message)));
 *   if (result !== 'done') break;
 * }
 * await hub.webhooks.release([subscription.id], owner);
 */
export class WebhookRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async create(input: WebhookSubscriptionInput): Promise<WebhookSubscription> {
    checkInput(input);
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      if (input.storeId != null) {
        const store = await db
          .selectFrom('stores')
          .select('id')
          .where('id', '=', input.storeId)
          .executeTakeFirst();
        if (!store) throw new NotFoundError(`No store with id ${input.storeId}.`);
      }
      const row = await db
        .insertInto('webhook_subscriptions')
        .values({
          url: input.url,
          event_types: JSON.stringify([...new Set(input.eventTypes)]),
          store_id: input.storeId ?? null,
          mode: input.mode ?? 'event',
          poll_interval_seconds: input.pollIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
          ceiling: input.ceiling ?? DEFAULT_CEILING,
          secret: sealSecret(await this.#ctx.keyring.key(db), input.secret),
          allow_private: input.allowPrivate === true ? 1 : 0,
          status: 'active',
          description: input.description ?? null,
          next_cycle_at: now,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSubscription(row);
    });
  }

  async list(): Promise<WebhookSubscription[]> {
    const rows = await this.#ctx.db.selectFrom('webhook_subscriptions').selectAll().orderBy('id').execute();
    return rows.map(toSubscription);
  }

  /** {@link NotFoundError} when there is none. */
  async get(id: number): Promise<WebhookSubscription> {
    return toSubscription(await this.#row(this.#ctx.db, id));
  }

  async #row(db: Kysely<HubDatabase>, id: number): Promise<DbWebhookSubscription> {
    const row = await db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row)
      throw new NotFoundError(`No webhook subscription with id ${id}: see prestabridge webhooks list.`);
    return row;
  }

  /** Messages per status of a subscription. */
  async counts(id: number): Promise<Record<WebhookMessageStatus, number> & { queued: number }> {
    const counts = { pending: 0, done: 0, failed: 0, queued: 0 };
    const rows = await this.#ctx.db
      .selectFrom('webhook_messages')
      .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
      .where('subscription_id', '=', id)
      .groupBy('status')
      .execute();
    for (const row of rows) counts[row.status as WebhookMessageStatus] = Number(row.count);
    const queued = await this.#ctx.db
      .selectFrom('webhook_queue')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('subscription_id', '=', id)
      .executeTakeFirst();
    counts.queued = Number(queued?.count ?? 0);
    return counts;
  }

  /** The secrets that sign a subscription's messages: the current one, then a rotated-out one still valid. */
  async signingSecrets(id: number): Promise<string[]> {
    const row = await this.#row(this.#ctx.db, id);
    const key = await this.#ctx.keyring.key(this.#ctx.db);
    const what = `the signing secret of webhook subscription ${id}`;
    const secrets = [openSealedSecret(key, row.secret, what)];
    if (
      row.previous_secret !== null &&
      row.previous_secret_expires_at !== null &&
      row.previous_secret_expires_at > nowIso(this.#ctx)
    )
      secrets.push(openSealedSecret(key, row.previous_secret, what));
    return secrets;
  }

  /** A new signing secret; the old one keeps signing (a second signature) until `previousValidUntil`. */
  async rotateSecret(id: number, secret: string, previousValidUntil: Date): Promise<WebhookSubscription> {
    if (!secret.startsWith('whsec_'))
      throw new InvalidRecordError('A signing secret starts with whsec_ (Standard Webhooks).');
    return write(this.#ctx, async (db) => {
      const row = await this.#row(db, id);
      const updated = await db
        .updateTable('webhook_subscriptions')
        .set({
          secret: sealSecret(await this.#ctx.keyring.key(db), secret),
          previous_secret: row.secret,
          previous_secret_expires_at: previousValidUntil.toISOString(),
          updated_at: nowIso(this.#ctx),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSubscription(updated);
    });
  }

  async pause(id: number): Promise<WebhookSubscription> {
    return write(this.#ctx, (db) => this.#setStatus(db, id, 'paused'));
  }

  /**
   * Active again; messages given up while it was failing go back in the queue, in their order, with
   * a new day of retries.
   */
  async resume(id: number): Promise<WebhookSubscription> {
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      const subscription = await this.#setStatus(db, id, 'active');
      await db
        .updateTable('webhook_messages')
        .set({ status: 'pending', next_attempt_at: now, first_attempt_at: null })
        .where('subscription_id', '=', id)
        .where('status', '=', 'failed')
        .execute();
      return subscription;
    });
  }

  async #setStatus(db: Kysely<HubDatabase>, id: number, status: WebhookStatus): Promise<WebhookSubscription> {
    await this.#row(db, id);
    const row = await db
      .updateTable('webhook_subscriptions')
      .set({
        status,
        ...(status === 'active' ? { failing_since: null } : {}),
        updated_at: nowIso(this.#ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  }

  /** Removes a subscription with its messages, queue and attempts. */
  async remove(id: number): Promise<void> {
    await write(this.#ctx, async (db) => {
      await this.#row(db, id);
      const messages = db.selectFrom('webhook_messages').select('id').where('subscription_id', '=', id);
      await db.deleteFrom('webhook_attempts').where('message_id', 'in', messages).execute();
      await db.deleteFrom('webhook_messages').where('subscription_id', '=', id).execute();
      await db.deleteFrom('webhook_queue').where('subscription_id', '=', id).execute();
      await db.deleteFrom('webhook_subscriptions').where('id', '=', id).execute();
    });
  }

  /**
   * Claims up to `limit` active subscriptions with something due — their oldest pending message's
   * time has come, or (batching) their next cycle has and events wait for it — whose lease is free
   * or expired (a deliverer that died). PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one writer.
   */
  async claimDue(options: { owner: string; limit: number; leaseMs: number }): Promise<WebhookSubscription[]> {
    const now = nowIso(this.#ctx);
    const leaseEnd = new Date(this.#ctx.clock().getTime() + options.leaseMs).toISOString();
    const postgres = this.#ctx.engine.kind === 'postgres';
    const rows = await write(this.#ctx, (db) =>
      db
        .updateTable('webhook_subscriptions')
        .set({ lease_owner: options.owner, lease_expires_at: leaseEnd })
        .where('id', 'in', (eb) => {
          const due = eb
            .selectFrom('webhook_subscriptions as s')
            .select('s.id')
            .where('s.status', '=', 'active')
            .where((w) => w.or([w('s.lease_owner', 'is', null), w('s.lease_expires_at', '<=', now)]))
            .where((w) => {
              // The oldest pending message: messages go out in order, so only its time counts.
              const head = w
                .selectFrom('webhook_messages as m')
                .select('m.next_attempt_at')
                .whereRef('m.subscription_id', '=', 's.id')
                .where('m.status', '=', 'pending')
                .orderBy('m.id')
                .limit(1);
              return w.or([
                w(head, '<=', now),
                w.and([
                  w('s.mode', '=', 'batch'),
                  w('s.next_cycle_at', '<=', now),
                  w.not(w.exists(head)),
                  w.exists(
                    w
                      .selectFrom('webhook_queue as q')
                      .select('q.event_id')
                      .whereRef('q.subscription_id', '=', 's.id'),
                  ),
                ]),
              ]);
            })
            .orderBy('s.id')
            .limit(options.limit);
          return postgres ? due.forUpdate().skipLocked() : due;
        })
        .returningAll()
        .execute(),
    );
    return rows.sort((a, b) => a.id - b.id).map(toSubscription);
  }

  /** Frees the leases of these subscriptions held by `owner`. */
  async release(ids: readonly number[], owner: string): Promise<void> {
    if (ids.length === 0) return;
    await write(this.#ctx, (db) =>
      db
        .updateTable('webhook_subscriptions')
        .set({ lease_owner: null, lease_expires_at: null })
        .where(inList(this.#ctx.engine.kind, 'id', [...ids]))
        .where('lease_owner', '=', owner)
        .execute(),
    );
  }

  /**
   * A batching subscription's cycle: its oldest waiting events, at most `ceiling`, become one
   * message (the rest wait for the next cycle), and the next cycle is set `pollIntervalSeconds`
   * later. Nothing while a message of the subscription is still pending: one activation at a time.
   */
  async composeCycle(id: number, owner: string): Promise<WebhookMessage | undefined> {
    const now = this.#ctx.clock();
    return write(this.#ctx, async (db) => {
      const sub = await this.#row(db, id);
      if (sub.lease_owner !== owner || sub.mode !== 'batch' || sub.next_cycle_at > now.toISOString())
        return undefined;
      const pending = await db
        .selectFrom('webhook_messages')
        .select('id')
        .where('subscription_id', '=', id)
        .where('status', '=', 'pending')
        .limit(1)
        .executeTakeFirst();
      if (pending) return undefined;
      const waiting = await db
        .selectFrom('webhook_queue as q')
        .innerJoin('events as e', 'e.id', 'q.event_id')
        .select(['q.event_id', 'e.type'])
        .where('q.subscription_id', '=', id)
        .orderBy('q.event_id')
        .limit(sub.ceiling)
        .execute();
      if (waiting.length === 0) return undefined;
      const eventIds = waiting.map((row) => row.event_id);
      const types = [...new Set(waiting.map((row) => row.type))];
      const stamp = now.toISOString();
      const message = await db
        .insertInto('webhook_messages')
        .values({
          subscription_id: id,
          webhook_id: newWebhookId(),
          event_type: types.length === 1 ? (types[0] ?? 'batch') : 'batch',
          event_ids: JSON.stringify(eventIds),
          item_count: eventIds.length,
          status: 'pending',
          attempts: 0,
          next_attempt_at: stamp,
          created_at: stamp,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await db
        .deleteFrom('webhook_queue')
        .where('subscription_id', '=', id)
        .where(inList(this.#ctx.engine.kind, 'event_id', eventIds))
        .execute();
      await db
        .updateTable('webhook_subscriptions')
        .set({ next_cycle_at: new Date(now.getTime() + sub.poll_interval_seconds * 1000).toISOString() })
        .where('id', '=', id)
        .execute();
      return toMessage(message);
    });
  }

  /** A subscription's pending messages, oldest first. */
  async pendingMessages(id: number, limit: number): Promise<WebhookMessage[]> {
    const rows = await this.#ctx.db
      .selectFrom('webhook_messages')
      .selectAll()
      .where('subscription_id', '=', id)
      .where('status', '=', 'pending')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toMessage);
  }

  /**
   * Keeps an attempt and settles its message, in one transaction: delivered (the subscription's
   * watermark moves past its events), pending again at `retryAt`, or given up — then the
   * subscription is marked failing and a `webhook.failing` event is written. The lease is extended.
   */
  async recordAttempt(
    message: WebhookMessage,
    owner: string,
    outcome: WebhookAttemptOutcome,
  ): Promise<WebhookAttemptResult> {
    const now = nowIso(this.#ctx);
    const error = outcome.error === null ? null : redact(outcome.error).slice(0, 2000);
    return write(this.#ctx, async (db) => {
      const sub = await this.#row(db, message.subscriptionId);
      const current = await db
        .selectFrom('webhook_messages')
        .select(['attempts', 'status'])
        .where('id', '=', message.id)
        .executeTakeFirst();
      if (!current) return 'lost';
      await db
        .insertInto('webhook_attempts')
        .values({
          message_id: message.id,
          attempt: current.attempts + 1,
          at: now,
          ok: outcome.ok ? 1 : 0,
          status_code: outcome.statusCode,
          duration_ms: Math.round(outcome.durationMs),
          response_excerpt: outcome.responseExcerpt,
          error,
        })
        .execute();
      if (sub.lease_owner !== owner || current.status !== 'pending') return 'lost';
      const leaseEnd = new Date(this.#ctx.clock().getTime() + outcome.leaseMs).toISOString();
      const common = {
        attempts: current.attempts + 1,
        last_status_code: outcome.statusCode,
        first_attempt_at: message.firstAttemptAt ?? now,
      };
      if (outcome.ok) {
        await db
          .updateTable('webhook_messages')
          .set({ ...common, status: 'done', delivered_at: now, last_error: null })
          .where('id', '=', message.id)
          .execute();
        const newest = Math.max(...message.eventIds);
        await db
          .updateTable('webhook_subscriptions')
          .set({
            lease_expires_at: leaseEnd,
            watermark_event_id: sql<number>`case when watermark_event_id is null or watermark_event_id < ${newest} then ${newest} else watermark_event_id end`,
          })
          .where('id', '=', sub.id)
          .execute();
        return 'done';
      }
      if (outcome.retryAt !== null) {
        await db
          .updateTable('webhook_messages')
          .set({
            ...common,
            status: 'pending',
            next_attempt_at: outcome.retryAt.toISOString(),
            last_error: error,
          })
          .where('id', '=', message.id)
          .execute();
        await db
          .updateTable('webhook_subscriptions')
          .set({ lease_expires_at: leaseEnd })
          .where('id', '=', sub.id)
          .execute();
        return 'retrying';
      }
      await db
        .updateTable('webhook_messages')
        .set({ ...common, status: 'failed', last_error: error })
        .where('id', '=', message.id)
        .execute();
      await db
        .updateTable('webhook_subscriptions')
        .set({
          status: 'failing',
          failing_since: now,
          lease_owner: null,
          lease_expires_at: null,
          updated_at: now,
        })
        .where('id', '=', sub.id)
        .execute();
      await appendEvents(this.#ctx, db, [
        {
          type: 'webhook.failing',
          storeId: sub.store_id,
          subject: `webhook:${sub.id}`,
          data: {
            subscriptionId: sub.id,
            url: sub.url,
            webhookId: message.webhookId,
            attempts: current.attempts + 1,
            lastError: error ?? `HTTP ${outcome.statusCode ?? '?'}`,
            failingSince: now,
          },
        },
      ]);
      return 'failed';
    });
  }

  /**
   * Records several successful attempts of one subscription in one transaction — what a deliverer
   * does for a run of messages that were all delivered (the per-message transaction would cost more
   * than the HTTP request). Same effect as {@link recordAttempt} with `ok` for each, in order.
   * @returns `lost` when the subscription's lease moved on (the attempts are kept, nothing settled).
   */
  async recordDelivered(
    subscriptionId: number,
    owner: string,
    delivered: readonly {
      message: WebhookMessage;
      statusCode: number | null;
      durationMs: number;
      responseExcerpt: string | null;
    }[],
    leaseMs: number,
  ): Promise<'done' | 'lost'> {
    if (delivered.length === 0) return 'done';
    const now = nowIso(this.#ctx);
    const kind = this.#ctx.engine.kind;
    return write(this.#ctx, async (db) => {
      const sub = await this.#row(db, subscriptionId);
      await bulkInsert(
        db,
        this.#ctx.engine,
        'webhook_attempts',
        delivered.map((entry) => ({
          message_id: entry.message.id,
          attempt: entry.message.attempts + 1,
          at: now,
          ok: 1,
          status_code: entry.statusCode,
          duration_ms: Math.round(entry.durationMs),
          response_excerpt: entry.responseExcerpt,
          error: null,
        })),
      );
      if (sub.lease_owner !== owner) return 'lost';
      const byStatus = new Map<number | null, number[]>();
      for (const entry of delivered)
        byStatus.set(entry.statusCode, [...(byStatus.get(entry.statusCode) ?? []), entry.message.id]);
      for (const [statusCode, ids] of byStatus) {
        await db
          .updateTable('webhook_messages')
          .set((eb) => ({
            status: 'done',
            delivered_at: now,
            last_error: null,
            last_status_code: statusCode,
            attempts: eb('attempts', '+', 1),
            first_attempt_at: eb.fn.coalesce('first_attempt_at', eb.val(now)),
          }))
          .where(inList(kind, 'id', ids))
          .where('status', '=', 'pending')
          .execute();
      }
      const newest = Math.max(...delivered.flatMap((entry) => entry.message.eventIds));
      await db
        .updateTable('webhook_subscriptions')
        .set({
          lease_expires_at: new Date(this.#ctx.clock().getTime() + leaseMs).toISOString(),
          watermark_event_id: sql<number>`case when watermark_event_id is null or watermark_event_id < ${newest} then ${newest} else watermark_event_id end`,
        })
        .where('id', '=', sub.id)
        .execute();
      return 'done';
    });
  }

  async messages(id: number, query: WebhookMessageQuery = {}): Promise<WebhookMessage[]> {
    let select = this.#ctx.db.selectFrom('webhook_messages').selectAll().where('subscription_id', '=', id);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(Math.min(query.limit ?? 50, 1000))
      .execute();
    return rows.map(toMessage);
  }

  /** {@link NotFoundError} when there is none. */
  async message(messageId: number): Promise<WebhookMessage> {
    const row = await this.#ctx.db
      .selectFrom('webhook_messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError(`No webhook delivery with id ${messageId}.`);
    return toMessage(row);
  }

  async attempts(messageId: number): Promise<WebhookAttempt[]> {
    const rows = await this.#ctx.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('message_id', '=', messageId)
      .orderBy('id')
      .execute();
    return rows.map(toAttempt);
  }

  /**
   * Sends a delivered or given-up message again, with the same `webhook-id` and body (receivers
   * that deduplicate on it see a repeat). A pending message is already going out: false.
   */
  async replay(messageId: number): Promise<boolean> {
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      const result = await db
        .updateTable('webhook_messages')
        .set({ status: 'pending', next_attempt_at: now, first_attempt_at: null })
        .where('id', '=', messageId)
        .where('status', 'in', ['done', 'failed'])
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) return true;
      const exists = await db
        .selectFrom('webhook_messages')
        .select('id')
        .where('id', '=', messageId)
        .executeTakeFirst();
      if (!exists) throw new NotFoundError(`No webhook delivery with id ${messageId}.`);
      return false;
    });
  }
}

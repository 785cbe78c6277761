import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import { bulkInsert, chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import type { DbEvent, HubDatabase } from '../schema/hub-database.js';
import type { EventInput, EventListQuery, HubEvent, HubEventType } from './event.types.js';

/** A new message's `webhook-id` (Standard Webhooks: unique per message, the same on every retry). */
export function newWebhookId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

interface SubscriptionTarget {
  readonly id: number;
  readonly types: ReadonlySet<string>;
  readonly storeId: number | null;
  readonly batch: boolean;
}

function wants(subscription: SubscriptionTarget, event: EventInput): boolean {
  if (!subscription.types.has(event.type)) return false;
  return subscription.storeId === null || subscription.storeId === event.storeId;
}

/**
 * Writes events on `db` (the caller's transaction: no event without its change, no change without
 * its event) and hands each to the webhook subscriptions that want it, in the same transaction: a
 * message to send for a subscription that takes single events, an entry of its next cycle for one
 * that batches them. Nothing is lost between the change and its delivery, even across a crash.
 * @returns the events' ids, in the order given.
 */
export async function appendEvents(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  inputs: readonly EventInput[],
): Promise<number[]> {
  if (inputs.length === 0) return [];
  const now = nowIso(ctx);
  const rows = inputs.map((input) => ({
    type: input.type,
    store_id: input.storeId,
    subject: input.subject,
    data: JSON.stringify(input.data),
    occurred_at: now,
  }));
  // Ids are handed out in the order of the VALUES list; RETURNING gives them in no set order.
  const ids = (
    await bulkInsert<{ id: number | string }>(db, ctx.engine, 'events', rows, { returning: ['id'] })
  )
    .map((row) => Number(row.id))
    .sort((a, b) => a - b);
  const subscriptions: SubscriptionTarget[] = (
    await db.selectFrom('webhook_subscriptions').select(['id', 'event_types', 'store_id', 'mode']).execute()
  ).map((row) => ({
    id: row.id,
    types: new Set(parseJson<string[]>(row.event_types, [])),
    storeId: row.store_id,
    batch: row.mode === 'batch',
  }));
  if (subscriptions.length === 0) return ids;
  const messages: Record<string, unknown>[] = [];
  const queued: Record<string, unknown>[] = [];
  inputs.forEach((input, index) => {
    const eventId = ids[index];
    if (eventId === undefined) return;
    for (const subscription of subscriptions) {
      if (!wants(subscription, input)) continue;
      if (subscription.batch) {
        queued.push({ subscription_id: subscription.id, event_id: eventId });
      } else {
        messages.push({
          subscription_id: subscription.id,
          webhook_id: newWebhookId(),
          event_type: input.type,
          event_ids: JSON.stringify([eventId]),
          item_count: 1,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
        });
      }
    }
  });
  await bulkInsert(db, ctx.engine, 'webhook_messages', messages);
  await bulkInsert(db, ctx.engine, 'webhook_queue', queued, { conflict: ['subscription_id', 'event_id'] });
  return ids;
}

export function toHubEvent(row: DbEvent): HubEvent {
  return {
    id: row.id,
    type: row.type as HubEventType,
    storeId: row.store_id,
    subject: row.subject,
    data: parseJson<unknown>(row.data, null),
    occurredAt: row.occurred_at,
  };
}

/**
 * The hub's events. Repositories write them with {@link appendEvents} inside the transaction of the
 * change; this reads them back (the API, the CLI, webhook payloads).
 *
 * @example
 * await hub.transaction((tx) => tx.events.append([{ type: 'run.failed', storeId: 1, subject: 'run:9', data }]));
 * const recent = await hub.events.list({ types: ['order.updated'], limit: 50 });
 */
export class EventRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  append(inputs: readonly EventInput[]): Promise<number[]> {
    return write(this.#ctx, (db) => appendEvents(this.#ctx, db, inputs));
  }

  /** Newest first, unless `afterId` is given (then oldest first after it). */
  async list(query: EventListQuery = {}): Promise<HubEvent[]> {
    let select = this.#ctx.db.selectFrom('events').selectAll();
    if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
    if (query.beforeId !== undefined) select = select.where('id', '<', query.beforeId);
    if (query.types !== undefined && query.types.length > 0) select = select.where('type', 'in', query.types);
    if (query.storeId !== undefined) select = select.where('store_id', '=', query.storeId);
    const rows = await select
      .orderBy('id', query.afterId === undefined ? 'desc' : 'asc')
      .limit(Math.min(query.limit ?? 100, 1000))
      .execute();
    return rows.map(toHubEvent);
  }

  /** These events, in id order (missing ids are left out). */
  async byIds(ids: readonly number[]): Promise<HubEvent[]> {
    const events: HubEvent[] = [];
    for (const chunk of chunked([...new Set(ids)], IDS_PER_QUERY)) {
      const rows = await this.#ctx.db
        .selectFrom('events')
        .selectAll()
        .where(inList(this.#ctx.engine.kind, 'id', chunk))
        .execute();
      events.push(...rows.map(toHubEvent));
    }
    return events.sort((a, b) => a.id - b.id);
  }
}

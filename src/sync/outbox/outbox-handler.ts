import type { ClaimedOutboxEntry, Hub, OutboxKind, Store } from '../../hub/index.js';
import type { PrestaShopClient, PsPermission } from '../../webservice/index.js';

/** What a handler may use to deliver one entry. */
export interface OutboxSendContext {
  readonly client: PrestaShopClient;
  readonly store: Store;
  /**
   * The hub, for what a delivery must record as it goes (the store ids of a created product are
   * bound before anything else is written, so that a retry never creates it twice).
   */
  readonly hub: Hub;
  readonly now: () => Date;
}

/**
 * The result of one delivery: `done`; done with a `warning` (the change was made, but the store said
 * something around it went wrong — the customer's e-mail could not be sent: the entry is delivered,
 * and the warning is kept on it and reported); or a failure the handler chose to report as a value —
 * `retryAt` a time to try again, or `null` to give up at once (the store refused the change for
 * good). Handlers may also throw: the drainer then decides from the error (see
 * `classifyOutboxError`).
 */
export type OutboxSendResult =
  'done' | { readonly warning: string } | { readonly retryAt: Date | null; readonly error: string };

/**
 * One entry's result in a batch: a {@link OutboxSendResult}, or what a delivery of it alone would
 * have thrown (the drainer classifies it the same way).
 */
export type OutboxBatchResult = OutboxSendResult | { readonly thrown: unknown };

/** A claimed entry whose payload the handler has decoded. */
export type DecodedOutboxEntry<P> = Omit<ClaimedOutboxEntry, 'payload'> & { readonly payload: P };

/**
 * Delivers the outbox entries of one `kind` to a store. Later kinds (`stock`, `order_state`,
 * `shipment`) are new handlers in the built-in list; the drainer never changes for them.
 *
 * @example
 * const priceHandler: OutboxHandler<{ productId: number; price: string }> = {
 *   kind: 'price',
 *   purpose: 'update prices',
 *   needs: [{ resource: 'products', verb: 'GET' }, { resource: 'products', verb: 'PUT' }],
 *   decode: (payload) => payload as { productId: number; price: string },
 *   async send(entry, { client }) {
 *     await client.update('products', entry.payload.productId, { price: entry.payload.price });
 *     return 'done';
 *   },
 * };
 */
export interface OutboxHandler<P = unknown> {
  readonly kind: OutboxKind;
  /**
   * What its writes are for, as a user would say it (`confirm shipments`): how `stores test` and
   * the console name these permissions beside each feed whose records lead to such entries.
   */
  readonly purpose: string;
  /**
   * Every request a delivery may make, reads included; entries of a kind whose permissions are
   * missing wait. The single source of what the kind needs: feeds name the kinds they lead to
   * (`Feed.outbox`) and inherit these.
   */
  readonly needs: readonly PsPermission[];
  /** Checks and types a stored payload; throwing gives the entry up (a payload never gets better). */
  decode(payload: unknown): P;
  send(entry: DecodedOutboxEntry<P>, context: OutboxSendContext): Promise<OutboxSendResult>;
  /**
   * Delivers several entries of the kind at once (several records in one request): one result per
   * entry, in their order. When a handler has it, the drainer hands it the claimed entries of its
   * kind, up to {@link batchSize} at a time, instead of calling {@link send} for each.
   */
  sendBatch?(
    entries: readonly DecodedOutboxEntry<P>[],
    context: OutboxSendContext,
  ): Promise<readonly OutboxBatchResult[]>;
  /** Entries per {@link sendBatch} call (the drain claims enough to fill one per delivery in flight). */
  readonly batchSize?: number;
}

/** Handlers by kind, as the drainer takes them. */
export type OutboxHandlerSet = ReadonlyMap<OutboxKind, OutboxHandler>;

/**
 * Builds a handler set, refusing two handlers for one kind.
 *
 * @example
 * const handlers = outboxHandlerSet([productOutboxHandler, priceHandler]);
 */
export function outboxHandlerSet(handlers: readonly OutboxHandler[]): OutboxHandlerSet {
  const set = new Map<OutboxKind, OutboxHandler>();
  for (const handler of handlers) {
    if (set.has(handler.kind)) throw new Error(`Two outbox handlers for the kind '${handler.kind}'.`);
    set.set(handler.kind, handler);
  }
  return set;
}

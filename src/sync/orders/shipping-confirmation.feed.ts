import type { Feed } from '../feed.js';
import { reportDrainProblems, tallySettledEntry } from '../outbox/drain-outbox.feed.js';
import { drainOutbox } from '../outbox/drain-outbox.js';
import { outboxHandlerSet } from '../outbox/outbox-handler.js';
import { orderStateOutboxHandler } from './order-state.handler.js';
import { shipmentOutboxHandler } from './shipment.handler.js';

export const SHIPPING_CONFIRMATION = 'shipping-confirmation';

/** The outbox kinds that tell a store about its orders. */
export const ORDER_OUTBOX_HANDLERS = [shipmentOutboxHandler, orderStateOutboxHandler] as const;

/**
 * shipping-confirmation: delivers what the hub has to tell the store about its orders — shipments
 * (tracking number on the order's carrier and the "full shipment" state, or the "partial shipment"
 * state) and state changes asked for (`orders set-state`) — through the outbox: one order's changes
 * in the order they were made, retried with backoff when the store fails, each applied once.
 */
export const shippingConfirmationFeed: Feed = {
  name: SHIPPING_CONFIRMATION,
  description:
    'Tell the store about shipments (tracking number, full or partial shipment state) and order state changes made in the hub.',
  direction: 'export',
  cadence: 'frequency',
  // Each kind's handler names its own permissions; a kind the key cannot write waits with a notice.
  needs: [],
  outbox: ORDER_OUTBOX_HANDLERS,
  writes: ['outbox'],
  async run(ctx) {
    let settled = 0;
    await ctx.progress({ step: 'confirmations', done: 0 });
    const report = await drainOutbox({
      hub: ctx.hub,
      store: ctx.store,
      client: ctx.client,
      handlers: outboxHandlerSet([...ORDER_OUTBOX_HANDLERS]),
      kinds: ORDER_OUTBOX_HANDLERS.map((handler) => handler.kind),
      owner: `run:${ctx.runId}`,
      signal: ctx.signal,
      clock: ctx.now,
      onSettled(entry) {
        tallySettledEntry(ctx, entry);
        settled += 1;
      },
    });
    await ctx.progress({ done: settled });
    reportDrainProblems(ctx, report);
    ctx.throwIfStopped();
  },
};

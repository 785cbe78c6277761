import type { FeedContext } from '../feed.js';
import { FeedError } from '../feed-errors.js';
import { drainOutbox, type SettledOutboxEntry } from '../outbox/drain-outbox.js';
import { outboxHandlerSet } from '../outbox/outbox-handler.js';
import { createStockOutboxHandler, STOCK_OUTBOX_KIND, type StockEntry } from './stock-outbox.handler.js';

/** Progress is written every this many settled entries (and at the end). */
const PROGRESS_EVERY = 100;

/** What one push did to the store. */
export interface StockPushSummary {
  /** Quantities written. */
  readonly pushed: number;
  /** Entries whose value the store already held: nothing sent. */
  readonly unchanged: number;
  /** Entries of rows the store's warehouses drive: nothing sent. */
  readonly dependsOnStock: number;
  /** Given up (the store refused the value), or waiting for a retry. */
  readonly failed: number;
  readonly retrying: number;
}

type Delivery = { readonly kind: 'pushed' | 'unchanged' } | { readonly kind: 'depends'; productId: number };

function label(entry: { readonly id: number; readonly target: string; readonly payload: unknown }): string {
  const payload = entry.payload as { externalId?: unknown } | null;
  const store = typeof payload?.externalId === 'string' ? ` (store ${payload.externalId})` : '';
  return `${entry.target}${store}`;
}

/**
 * Pushes the store's waiting `stock` entries now: claims them, writes each value that differs from
 * what the store holds, retries later what failed, and tallies the run — written `updated`, already
 * right `unchanged`, rows driven by the store's warehouses skipped with one notice per product,
 * refused `failed`. Stops at Stop; a key that cannot write stock fails the run. `quiet`: no progress
 * of its own (a push running beside another step).
 *
 * @example
 * const summary = await pushStockEntries(ctx);
 */
export async function pushStockEntries(
  ctx: FeedContext,
  options: { readonly quiet?: boolean } = {},
): Promise<StockPushSummary> {
  const progress = async (update: Parameters<FeedContext['progress']>[0]): Promise<void> => {
    if (options.quiet !== true) await ctx.progress(update);
  };
  const deliveries = new Map<number, Delivery>();
  const summary = { pushed: 0, unchanged: 0, dependsOnStock: 0, failed: 0, retrying: 0 };
  const handler = createStockOutboxHandler({
    pushed: (entry: StockEntry) => deliveries.set(entry.id, { kind: 'pushed' }),
    unchanged: (entry: StockEntry) => deliveries.set(entry.id, { kind: 'unchanged' }),
    dependsOnStock: (entry: StockEntry, productId: number) =>
      deliveries.set(entry.id, { kind: 'depends', productId }),
  });
  let settledCount = 0;
  const settle = async (settled: SettledOutboxEntry): Promise<void> => {
    const { entry } = settled;
    switch (settled.outcome) {
      case 'sent':
      case 'superseded': {
        const delivery = deliveries.get(entry.id);
        deliveries.delete(entry.id);
        if (delivery?.kind === 'unchanged') {
          summary.unchanged += 1;
          ctx.tally.unchanged();
        } else if (delivery?.kind === 'depends') {
          summary.dependsOnStock += 1;
          ctx.tally.skipped(label(entry), "driven by the store's warehouse stock (depends_on_stock)");
          ctx.notice(dependsOnStockNotice(delivery.productId));
        } else {
          summary.pushed += 1;
          ctx.tally.updated();
        }
        break;
      }
      case 'failed':
        summary.failed += 1;
        ctx.tally.failed(label(entry), settled.error ?? 'failed');
        break;
      case 'retrying':
        summary.retrying += 1;
        ctx.tally.skipped(
          label(entry),
          'not delivered yet: the store failed or did not answer; retried later',
        );
        break;
      case 'lost':
        ctx.tally.skipped(label(entry), 'taken over by another drainer (its lease had expired)');
        break;
    }
    settledCount += 1;
    if (settledCount % PROGRESS_EVERY === 0) await progress({ done: settledCount });
  };
  await progress({ step: 'push', done: 0, total: null });
  const report = await drainOutbox({
    hub: ctx.hub,
    store: ctx.store,
    client: ctx.client,
    handlers: outboxHandlerSet([handler]),
    kinds: [STOCK_OUTBOX_KIND],
    owner: `run:${ctx.runId}`,
    signal: ctx.signal,
    clock: ctx.now,
    onSettled: settle,
  });
  await progress({ done: settledCount });
  for (const { kind, missing } of report.waiting) {
    ctx.notice({
      kind: 'outbox-permission',
      key: kind,
      message: `Stock quantities wait in the outbox: ${missing}.`,
    });
  }
  if (report.blocked !== null) {
    throw new FeedError(`Stock could not be pushed; the quantities wait in the outbox. ${report.blocked}`);
  }
  ctx.throwIfStopped();
  return summary;
}

/** One notice per store product whose stock rows the store's warehouses drive. */
export function dependsOnStockNotice(productId: number): { kind: string; key: string; message: string } {
  return {
    kind: 'depends-on-stock',
    key: String(productId),
    message:
      `Store product ${productId} takes its quantities from the store's warehouses (advanced stock management, ` +
      `depends_on_stock=1): the store ignores quantities written to it, so the hub does not push them. ` +
      `Switch "depends on stock" off for this product in the store to let the hub drive it.`,
  };
}

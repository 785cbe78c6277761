import type { Feed, FeedContext } from '../feed.js';
import { FeedError } from '../feed-errors.js';
import { builtInOutboxHandlers } from './built-in-handlers.js';
import { drainOutbox, type OutboxDrainReport, type SettledOutboxEntry } from './drain-outbox.js';
import { type OutboxHandler, outboxHandlerSet } from './outbox-handler.js';

/** Progress is written every this many settled entries (and at the end). */
const PROGRESS_EVERY = 25;

/**
 * Tallies one settled entry: delivered → updated (or what `sentAs` says, e.g. created for a new
 * product), given up → failed with the store's message, to be retried or taken over → skipped
 * (grouped by reason). An entry delivered with a warning (the store made the change but could not
 * e-mail the customer) is also a notice of kind `outbox-warning`.
 */
export function tallySettledEntry(
  ctx: Pick<FeedContext, 'tally' | 'notice'>,
  settled: SettledOutboxEntry,
  sentAs: (settled: SettledOutboxEntry) => 'created' | 'updated' = () => 'updated',
): void {
  const { entry } = settled;
  const label = `${entry.kind} ${entry.target} (#${entry.id})`;
  switch (settled.outcome) {
    case 'sent':
    case 'superseded':
      if (sentAs(settled) === 'created') ctx.tally.created();
      else ctx.tally.updated();
      if (settled.warning !== undefined)
        ctx.notice({ kind: 'outbox-warning', key: `${entry.id}`, message: `${label}: ${settled.warning}.` });
      break;
    case 'failed':
      ctx.tally.failed(label, settled.error ?? 'failed');
      break;
    case 'retrying':
      ctx.tally.skipped(label, 'not delivered yet: the store failed or did not answer; retried later');
      break;
    case 'lost':
      ctx.tally.skipped(label, 'taken over by another drainer (its lease had expired)');
      break;
  }
}

/** Turns what a drain could not do into notices, or a failed run when the store refused everything. */
export function reportDrainProblems(ctx: Pick<FeedContext, 'notice'>, report: OutboxDrainReport): void {
  for (const { kind, purpose, missing } of report.waiting) {
    ctx.notice({
      kind: 'outbox-permission',
      key: kind,
      message: `Outbox entries to ${purpose} (kind '${kind}') wait: ${missing}.`,
    });
  }
  if (report.blocked !== null) {
    throw new FeedError(`The outbox could not be delivered; the entries wait. ${report.blocked}`);
  }
}

/**
 * The `drain-outbox` feed: delivers everything due in a store's outbox with the given handlers
 * (default: the built-in ones), so that `sync run drain-outbox` and the scheduler retry what
 * failed before. Entries of a kind the key may not write wait, with a notice.
 *
 * @example
 * const feed = createDrainOutboxFeed([...builtInOutboxHandlers, myHandler]);
 */
export function createDrainOutboxFeed(handlers: readonly OutboxHandler[] = builtInOutboxHandlers): Feed {
  const set = outboxHandlerSet(handlers);
  return {
    name: 'drain-outbox',
    description:
      'Sends the changes waiting in the outbox to the store (products, stock, order states, tracking numbers), retrying what failed.',
    direction: 'export',
    cadence: 'frequency',
    // Each kind's handler names its own permissions; a kind the key cannot write waits with a notice.
    needs: [],
    outbox: handlers,
    writes: ['outbox'],
    async run(ctx) {
      let settledCount = 0;
      await ctx.progress({ step: 'outbox', done: 0 });
      const report = await drainOutbox({
        hub: ctx.hub,
        store: ctx.store,
        client: ctx.client,
        handlers: set,
        owner: `run:${ctx.runId}`,
        signal: ctx.signal,
        clock: ctx.now,
        async onSettled(settled) {
          tallySettledEntry(ctx, settled);
          settledCount += 1;
          if (settledCount % PROGRESS_EVERY === 0) await ctx.progress({ done: settledCount });
        },
      });
      await ctx.progress({ done: settledCount });
      reportDrainProblems(ctx, report);
      ctx.throwIfStopped();
    },
  };
}

export const drainOutboxFeed: Feed = createDrainOutboxFeed();

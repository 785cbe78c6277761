import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { ClaimedOutboxEntry, CompleteOutcome, Hub, OutboxKind, Store } from '../../hub/index.js';
import type { PrestaShopClient, PsPermission } from '../../webservice/index.js';
import { keyLacksMessage } from '../feed-permissions.js';
import {
  classifyOutboxError,
  DEFAULT_OUTBOX_RETRY,
  nextAttemptAt,
  type OutboxFailure,
  type OutboxRetryPolicy,
} from './outbox-failure.js';
import type {
  OutboxBatchResult,
  OutboxHandler,
  OutboxHandlerSet,
  OutboxSendContext,
  OutboxSendResult,
} from './outbox-handler.js';

export interface DrainOutboxOptions {
  readonly hub: Hub;
  readonly store: Store;
  readonly client: PrestaShopClient;
  readonly handlers: OutboxHandlerSet;
  /** This drainer's token in the leases (default: host, pid and a random id). */
  readonly owner?: string;
  /**
   * Entries claimed at once (default 50, or enough to fill one batch per delivery in flight when a
   * handler delivers several entries per request: `batchSize` × `concurrency`).
   */
  readonly batch?: number;
  /**
   * How long a claim holds (default 5 min). It must outlast a delivery, retries of the client
   * included: an entry still in flight after it is handed to another drainer.
   */
  readonly leaseMs?: number;
  /** Deliveries in flight at once (default 4; the client has its own limit too). */
  readonly concurrency?: number;
  /** Stop: no new delivery starts, claimed entries not yet sent are handed back. */
  readonly signal?: AbortSignal;
  /** For retry times (default the system clock). */
  readonly clock?: () => Date;
  readonly retry?: Partial<OutboxRetryPolicy>;
  /** Random source in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** Only these kinds (default every kind `handlers` knows). */
  readonly kinds?: readonly OutboxKind[];
  /** Only entries of these targets (default every target): a run delivering its own selection. */
  readonly targets?: readonly string[];
  /** Called after each entry is settled, in the order they settle. */
  readonly onSettled?: (settled: SettledOutboxEntry) => void | Promise<void>;
}

/**
 * `sent`: delivered and done; `superseded`: delivered, but a newer value was coalesced meanwhile
 * and waits to be sent; `retrying`: failed, tried again at `retryAt`; `failed`: given up;
 * `lost`: the lease had expired and another drainer has the entry.
 */
export type OutboxOutcome = 'sent' | 'superseded' | 'retrying' | 'failed' | 'lost';

export interface SettledOutboxEntry {
  readonly entry: ClaimedOutboxEntry;
  readonly outcome: OutboxOutcome;
  readonly error?: string;
  readonly retryAt?: string;
  /** Delivered, but the store said something around the change went wrong (kept on the entry). */
  readonly warning?: string;
}

export interface OutboxFailureRecord {
  readonly id: number;
  readonly kind: string;
  readonly target: string;
  readonly error: string;
}

/** An entry delivered with a warning (the change was made; something around it was not). */
export interface OutboxWarningRecord {
  readonly id: number;
  readonly kind: string;
  readonly target: string;
  readonly warning: string;
}

/** What one drain did. */
export interface OutboxDrainReport {
  readonly claimed: number;
  readonly sent: number;
  readonly superseded: number;
  readonly retrying: number;
  readonly failed: number;
  readonly lost: number;
  /** Claimed, then handed back unsent (Stop, or the drain was blocked). */
  readonly released: number;
  /** The first given-up entries with the store's message. */
  readonly failures: readonly OutboxFailureRecord[];
  /** The first entries delivered with a warning. */
  readonly warnings: readonly OutboxWarningRecord[];
  /** Stopped by the signal before the queue was empty. */
  readonly stopped: boolean;
  /** Why the drain stopped early when every entry would have failed the same way (wrong key, …). */
  readonly blocked: string | null;
  /** Kinds left waiting because the key lacks a permission their handler needs. */
  readonly waiting: readonly WaitingKind[];
}

/** Entries of one kind the drain left alone: the key lacks what their handler needs. */
export interface WaitingKind {
  readonly kind: string;
  /** The handler's purpose: `confirm shipments`. */
  readonly purpose: string;
  /**
   * `the key lacks PUT on order_carriers — give the webservice key that permission in the store's
   * back office (Advanced Parameters > Webservice)`.
   */
  readonly missing: string;
  readonly permissions: readonly PsPermission[];
}

const FAILURES_KEPT = 100;

/**
 * How long a client's `/api/` listing is trusted when it says a kind must wait. A session can live
 * for hours (the serve loop keeps one per store): a permission granted since is seen at the next
 * drain after this, at the cost of one request.
 */
const LISTING_TRUSTED_MS = 5 * 60_000;
/** When a drain last saw each client's listing read (or read it again). */
const listingSeenAt = new WeakMap<PrestaShopClient, number>();

/**
 * Delivers a store's due outbox entries: claims them under a lease, sends them through their
 * kind's handler with bounded concurrency, and completes them — or records the failure: transient
 * ones (network, timeout, 5xx, 429) come back later with exponential backoff, permanent ones
 * (validation, permission, not found) and those past the attempt limit are given up with the
 * store's message. A coalesced entry that got a newer value while in flight is sent again, with
 * that value, in the same drain. An entry its handler delivered with a warning (the change was made,
 * the store's e-mail was not sent) is done, keeps the warning and is listed in the report's
 * `warnings`. Returns when nothing is due any more, or at Stop.
 *
 * @example
 * const report = await drainOutbox({ hub, store, client, handlers: outboxHandlerSet(builtInOutboxHandlers) });
 * console.log(`${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed`);
 */
export async function drainOutbox(options: DrainOutboxOptions): Promise<OutboxDrainReport> {
  const { hub, store, client, handlers } = options;
  const owner = options.owner ?? `drain:${hostname()}:${process.pid}:${randomUUID()}`;
  const concurrencyAsked = Math.max(1, options.concurrency ?? 4);
  const largestBatch = Math.max(
    1,
    ...[...handlers.values()].map((handler) =>
      handler.sendBatch === undefined ? 1 : (handler.batchSize ?? 1),
    ),
  );
  const batch = options.batch ?? Math.max(50, largestBatch * concurrencyAsked);
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const concurrency = concurrencyAsked;
  const clock = options.clock ?? (() => new Date());
  const random = options.random ?? Math.random;
  const retry = { ...DEFAULT_OUTBOX_RETRY, ...options.retry };
  const signal = options.signal;
  const context: OutboxSendContext = { client, store, hub, now: clock };

  const counts = { claimed: 0, sent: 0, superseded: 0, retrying: 0, failed: 0, lost: 0, released: 0 };
  const failures: OutboxFailureRecord[] = [];
  const warnings: OutboxWarningRecord[] = [];
  const {
    kinds,
    waiting,
    blocked: probeProblem,
  } = await deliverableKinds(client, handlers, options.kinds, clock);
  let blocked: string | null = probeProblem;
  // Entries that failed (or were lost) in this drain are not sent again by it.
  const settledOnce = new Set<number>();

  const settle = async (settled: SettledOutboxEntry): Promise<void> => {
    counts[settled.outcome] += 1;
    if (settled.outcome === 'retrying' || settled.outcome === 'lost') settledOnce.add(settled.entry.id);
    if (settled.outcome === 'failed' && failures.length < FAILURES_KEPT) {
      const { id, kind, target } = settled.entry;
      failures.push({ id, kind, target, error: settled.error ?? '' });
    }
    if (settled.warning !== undefined && settled.outcome !== 'lost' && warnings.length < FAILURES_KEPT) {
      const { id, kind, target } = settled.entry;
      warnings.push({ id, kind, target, warning: settled.warning });
    }
    await options.onSettled?.(settled);
  };

  const recordFailure = async (entry: ClaimedOutboxEntry, failure: OutboxFailure): Promise<void> => {
    const giveUp = failure.permanent || (!failure.blocking && entry.attempts >= retry.maxAttempts);
    const error =
      giveUp && !failure.permanent
        ? `gave up after ${entry.attempts} attempts: ${failure.message}`
        : failure.message;
    const retryAt = giveUp
      ? null
      : nextAttemptAt(entry.attempts, retry, clock(), random, failure.retryAfterMs);
    const status = await hub.outbox.fail(entry, { error, retryAt });
    await settle({
      entry,
      outcome: status === 'lost' ? 'lost' : status === 'failed' ? 'failed' : 'retrying',
      error,
      ...(status === 'pending' && retryAt !== null ? { retryAt: retryAt.toISOString() } : {}),
    });
  };

  /** The entry's payload, or undefined when it cannot be read (the entry is then given up). */
  const decoded = async (
    entry: ClaimedOutboxEntry,
    handler: OutboxHandler,
  ): Promise<{ payload: unknown } | undefined> => {
    try {
      return { payload: handler.decode(entry.payload) };
    } catch (error) {
      const message = `the ${entry.kind} entry's payload cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      await recordFailure(entry, { permanent: true, blocking: false, message });
      return undefined;
    }
  };

  const deliver = async (entry: ClaimedOutboxEntry, handler: OutboxHandler): Promise<void> => {
    const payload = await decoded(entry, handler);
    if (payload === undefined) return;
    let result: OutboxSendResult;
    try {
      result = await handler.send({ ...entry, payload: payload.payload }, context);
    } catch (error) {
      await settleResult(entry, { thrown: error });
      return;
    }
    await settleResult(entry, result);
  };

  /** Several entries of one kind through the handler's `sendBatch`. */
  const deliverBatch = async (
    entries: readonly ClaimedOutboxEntry[],
    handler: OutboxHandler,
  ): Promise<void> => {
    const claimedOnes: ClaimedOutboxEntry[] = [];
    const ready: Array<ClaimedOutboxEntry & { payload: unknown }> = [];
    for (const entry of entries) {
      const payload = await decoded(entry, handler);
      if (payload === undefined) continue;
      claimedOnes.push(entry);
      ready.push({ ...entry, payload: payload.payload });
    }
    if (ready.length === 0 || handler.sendBatch === undefined) return;
    let results: readonly OutboxBatchResult[];
    try {
      results = await handler.sendBatch(ready, context);
    } catch (error) {
      results = ready.map(() => ({ thrown: error }));
    }
    const outcomes = claimedOnes.map((entry, index) => {
      const result = results[index] ?? {
        thrown: new Error(`the ${entry.kind} handler returned no result for it`),
      };
      return { entry, result, warning: deliveredWarning(result) };
    });
    // What the store took is recorded in one transaction (one commit per batch, not per row);
    // failures are recorded one by one, as before.
    const delivered = outcomes.filter((outcome) => outcome.warning !== null);
    const completed = await hub.outbox.completeMany(
      delivered.map(({ entry, warning }) => ({ entry, ...(warning == null ? {} : { note: warning }) })),
    );
    const completedOf = new Map(delivered.map(({ entry }, index) => [entry.id, completed[index]!]));
    for (const { entry, result, warning } of outcomes) {
      const outcome = completedOf.get(entry.id);
      if (outcome === undefined) await settleResult(entry, result);
      else await settleCompleted(entry, outcome, warning ?? undefined);
    }
  };

  const settleCompleted = async (
    entry: ClaimedOutboxEntry,
    outcome: CompleteOutcome,
    warning: string | undefined,
  ): Promise<void> => {
    await settle({
      entry,
      outcome: outcome === 'done' ? 'sent' : outcome === 'requeued' ? 'superseded' : 'lost',
      ...(warning === undefined ? {} : { warning }),
    });
  };

  const settleResult = async (entry: ClaimedOutboxEntry, result: OutboxBatchResult): Promise<void> => {
    if (typeof result === 'object' && 'thrown' in result) {
      const failure = classifyOutboxError(result.thrown);
      if (failure.blocking) blocked ??= failure.message;
      await recordFailure(entry, failure);
      return;
    }
    if (result === 'done' || 'warning' in result) {
      const warning = result === 'done' ? undefined : result.warning;
      const outcome = await hub.outbox.complete(entry, warning === undefined ? {} : { note: warning });
      await settleCompleted(entry, outcome, warning);
      return;
    }
    await recordFailure(entry, {
      permanent: result.retryAt === null,
      blocking: false,
      message: result.error,
    });
  };

  while (kinds.length > 0 && blocked === null && signal?.aborted !== true) {
    const claimed = await hub.outbox.claim({
      owner,
      limit: batch,
      leaseMs,
      storeId: store.id,
      kinds,
      ...(options.targets === undefined ? {} : { targets: options.targets }),
    });
    if (claimed.length === 0) break;
    counts.claimed += claimed.length;
    const unsent: ClaimedOutboxEntry[] = [];
    let delivered = 0;
    // One unit of work: an entry, or a batch of entries of a kind whose handler sends several at once.
    const units: ClaimedOutboxEntry[][] = [];
    const batches = new Map<OutboxKind, ClaimedOutboxEntry[][]>();
    for (const entry of claimed) {
      const handler = handlers.get(entry.kind);
      if (handler?.sendBatch === undefined) {
        units.push([entry]);
        continue;
      }
      const open = batches.get(entry.kind) ?? [];
      const last = open.at(-1);
      if (last !== undefined && last.length < (handler.batchSize ?? 1)) last.push(entry);
      else {
        const unit = [entry];
        open.push(unit);
        units.push(unit);
      }
      batches.set(entry.kind, open);
    }
    await forEachConcurrently(units, concurrency, async (unit) => {
      const handler = handlers.get(unit[0]?.kind ?? '');
      const sendable: ClaimedOutboxEntry[] = [];
      for (const entry of unit) {
        if (
          handler === undefined ||
          blocked !== null ||
          signal?.aborted === true ||
          settledOnce.has(entry.id)
        )
          unsent.push(entry);
        else sendable.push(entry);
      }
      if (handler === undefined || sendable.length === 0) return;
      delivered += sendable.length;
      if (handler.sendBatch !== undefined) await deliverBatch(sendable, handler);
      else await deliver(sendable[0] as ClaimedOutboxEntry, handler);
    });
    counts.released += await hub.outbox.release(unsent);
    if (delivered === 0) break;
  }

  return {
    ...counts,
    failures,
    warnings,
    stopped: signal?.aborted === true,
    blocked,
    waiting,
  };
}

/**
 * The kinds this drain may deliver: those asked for that have a handler whose permissions the key
 * has, from the client's `/api/` listing. When a kind must wait on a listing read more than a few
 * minutes ago, it is read again: a permission granted meanwhile is not left unseen. A store that
 * cannot be probed blocks the drain.
 */
async function deliverableKinds(
  client: PrestaShopClient,
  handlers: OutboxHandlerSet,
  only: readonly OutboxKind[] | undefined,
  clock: () => Date,
): Promise<{
  kinds: OutboxKind[];
  waiting: WaitingKind[];
  blocked: string | null;
}> {
  const now = clock().getTime();
  const sort = async () => {
    const kinds: OutboxKind[] = [];
    const waiting: WaitingKind[] = [];
    for (const [kind, handler] of handlers) {
      if (only !== undefined && !only.includes(kind)) continue;
      const missing = handler.needs.length === 0 ? [] : await client.missingPermissions(handler.needs);
      if (missing.length === 0) kinds.push(kind);
      else
        waiting.push({
          kind,
          purpose: handler.purpose,
          missing: keyLacksMessage(missing),
          permissions: missing,
        });
    }
    return { kinds, waiting };
  };
  try {
    let sorted = await sort();
    const seenAt = listingSeenAt.get(client);
    if (seenAt === undefined) listingSeenAt.set(client, now);
    else if (sorted.waiting.length > 0 && now - seenAt >= LISTING_TRUSTED_MS) {
      await client.probe();
      listingSeenAt.set(client, now);
      sorted = await sort();
    }
    return { ...sorted, blocked: null };
  } catch (error) {
    return { kinds: [], waiting: [], blocked: classifyOutboxError(error).message };
  }
}

/** Runs `work` over `items` with at most `limit` at once; the first error is rethrown after the others settle. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        firstError ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError !== undefined) throw firstError.error;
}

/** A result that delivered the entry: its warning (undefined: none); null: it was not delivered. */
function deliveredWarning(result: OutboxBatchResult): string | undefined | null {
  if (result === 'done') return undefined;
  if (typeof result === 'object' && 'warning' in result) return result.warning;
  return null;
}

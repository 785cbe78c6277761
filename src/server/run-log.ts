import type { Logger } from 'pino';

import { redact, type Run } from '../hub/index.js';
import type { OutboxDrainReport } from '../sync/index.js';

/** One line when a run starts. */
export function logRunStarted(logger: Logger, run: Run, store: string | null): void {
  logger.info(
    { event: 'run-started', runId: run.id, store, feed: run.feed, trigger: run.trigger },
    `run ${run.id} started: ${run.feed}${store === null ? '' : ` for ${store}`}`,
  );
}

/**
 * One line when a run ends, with its counts and duration: info when it succeeded, warn when it was
 * stopped or interrupted, error when it failed.
 */
export function logRunFinished(logger: Logger, run: Run, report: unknown): void {
  const facts = typeof report === 'object' && report !== null ? (report as Record<string, unknown>) : {};
  const durationMs = run.finishedAt === null ? null : Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  const line = {
    event: 'run-finished',
    runId: run.id,
    store: typeof facts.store === 'string' ? facts.store : null,
    feed: run.feed,
    trigger: run.trigger,
    status: run.status,
    counts: run.counts,
    durationMs,
    requests: typeof facts.requests === 'number' ? facts.requests : null,
    ...(run.error === null ? {} : { error: redact(run.error) }),
  };
  const message = `run ${run.id} ${run.status}: ${run.feed} — created ${run.counts.created}, updated ${run.counts.updated}, unchanged ${run.counts.unchanged}, skipped ${run.counts.skipped}, failed ${run.counts.failed}`;
  if (run.status === 'failed') logger.error(line, message);
  else if (run.status === 'succeeded') logger.info(line, message);
  else logger.warn(line, message);
}

/**
 * Lines for one outbox pass: one per entry given up, one per entry delivered with a warning (the
 * store made the change but could not e-mail the customer), and one when a store's drain is blocked
 * (said once until it changes, not at every pass).
 */
export function logOutboxPass(
  logger: Logger,
  reports: ReadonlyMap<string, OutboxDrainReport>,
  blockedBefore: Map<string, string>,
): void {
  for (const [store, report] of reports) {
    for (const failure of report.failures) {
      logger.error(
        {
          event: 'outbox-failed',
          store,
          entryId: failure.id,
          kind: failure.kind,
          target: failure.target,
          error: redact(failure.error),
        },
        `outbox entry ${failure.id} (${failure.kind} ${failure.target}) for ${store} given up`,
      );
    }
    for (const warning of report.warnings) {
      logger.warn(
        {
          event: 'outbox-warning',
          store,
          entryId: warning.id,
          kind: warning.kind,
          target: warning.target,
          warning: redact(warning.warning),
        },
        `outbox entry ${warning.id} (${warning.kind} ${warning.target}) for ${store} delivered with a warning: ${redact(warning.warning)}`,
      );
    }
    if (report.sent + report.superseded > 0) {
      logger.debug(
        { event: 'outbox-sent', store, sent: report.sent, retrying: report.retrying },
        'outbox delivered',
      );
    }
    const blocked = report.blocked;
    if (blocked !== null && blockedBefore.get(store) !== blocked) {
      logger.warn({ event: 'outbox-blocked', store, reason: redact(blocked) }, `outbox for ${store} blocked`);
    }
    if (blocked === null) blockedBefore.delete(store);
    else blockedBefore.set(store, blocked);
  }
}

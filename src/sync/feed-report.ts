import type { RunCounts, RunStatus } from '../hub/index.js';
import type { FeedNotice } from './feed.js';
import type { SkipGroup, TalliedFailure } from './run-tally.js';

/**
 * What a run did, kept with the run (`runs.report`) and shown at the end of `sync run`: counts,
 * the failed records with their reasons, skips grouped by reason, and notices the user must act on.
 */
export interface FeedReport {
  readonly feed: string;
  readonly store: string;
  readonly status: Exclude<RunStatus, 'running'>;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly counts: RunCounts;
  /** The first failures (all of them are in the run's failure list). */
  readonly failures: readonly TalliedFailure[];
  readonly skips: readonly SkipGroup[];
  readonly notices: readonly FeedNotice[];
  /** HTTP requests made to the store, retries included. */
  readonly requests: number;
  /** Why the run failed or stopped. */
  readonly error?: string;
}

/** The report as text, for the terminal. */
export function formatReport(report: FeedReport): string {
  const { counts } = report;
  const seconds = (report.durationMs / 1000).toFixed(1);
  const lines = [
    `${report.feed} for ${report.store}: ${report.status} in ${seconds} s, ${report.requests} request(s)`,
    `  created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}, ` +
      `skipped ${counts.skipped}, failed ${counts.failed}`,
  ];
  for (const skip of report.skips) {
    lines.push(`  skipped ${skip.count}: ${skip.reason} (e.g. ${skip.sample.join(', ')})`);
  }
  for (const failure of report.failures) lines.push(`  failed ${failure.recordId}: ${failure.reason}`);
  if (counts.failed > report.failures.length) {
    lines.push(
      `  … and ${counts.failed - report.failures.length} more failure(s): see the run's failure list`,
    );
  }
  for (const notice of report.notices) lines.push(`  ! ${notice.message}`);
  if (report.error) lines.push(`  ${report.error}`);
  return lines.join('\n');
}

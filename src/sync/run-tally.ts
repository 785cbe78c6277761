import type { RunCounts } from '../hub/index.js';
import type { PageTally } from './feed.js';

export interface TalliedFailure {
  readonly recordId: string;
  readonly reason: string;
}

/** Skips are grouped by reason: a run may skip thousands of records for the same reason. */
export interface SkipGroup {
  readonly reason: string;
  count: number;
  /** The first few record ids skipped for this reason. */
  readonly sample: string[];
}

const SKIP_SAMPLE = 5;
/** Failures kept in memory for the report; all of them are in the run's failure table. */
export const FAILURE_SAMPLE = 100;

/** Counts of one page (or of a whole run): what was created, updated, … and why records failed. */
export class RunTally implements PageTally {
  created_ = 0;
  updated_ = 0;
  unchanged_ = 0;
  skipped_ = 0;
  failed_ = 0;
  /** Every failure of a page; for a run's running total, the first {@link FAILURE_SAMPLE}. */
  readonly skipGroups = new Map<string, SkipGroup>();
  readonly failedRecords: TalliedFailure[] = [];

  created(count = 1): void {
    this.created_ += count;
  }

  updated(count = 1): void {
    this.updated_ += count;
  }

  unchanged(count = 1): void {
    this.unchanged_ += count;
  }

  skipped(recordId: string | number, reason: string): void {
    this.skipped_ += 1;
    const group = this.skipGroups.get(reason) ?? { reason, count: 0, sample: [] };
    group.count += 1;
    if (group.sample.length < SKIP_SAMPLE) group.sample.push(String(recordId));
    this.skipGroups.set(reason, group);
  }

  /** Adds another tally (a committed page) to this one (the run's running total). */
  merge(other: RunTally): void {
    this.created_ += other.created_;
    this.updated_ += other.updated_;
    this.unchanged_ += other.unchanged_;
    this.failed_ += other.failed_;
    for (const failure of other.failedRecords) {
      if (this.failedRecords.length >= FAILURE_SAMPLE) break;
      this.failedRecords.push(failure);
    }
    for (const group of other.skipGroups.values()) {
      const mine = this.skipGroups.get(group.reason) ?? { reason: group.reason, count: 0, sample: [] };
      mine.count += group.count;
      for (const id of group.sample) if (mine.sample.length < SKIP_SAMPLE) mine.sample.push(id);
      this.skipGroups.set(group.reason, mine);
    }
    this.skipped_ += other.skipped_;
  }

  failed(recordId: string | number, reason: string): void {
    this.failed_ += 1;
    this.failedRecords.push({ recordId: String(recordId), reason });
  }

  get counts(): RunCounts {
    return {
      created: this.created_,
      updated: this.updated_,
      unchanged: this.unchanged_,
      skipped: this.skipped_,
      failed: this.failed_,
    };
  }

  get isEmpty(): boolean {
    const c = this.counts;
    return c.created + c.updated + c.unchanged + c.skipped + c.failed === 0;
  }
}

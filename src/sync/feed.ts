import type { Hub, HubTransaction, OutboxKind, Store } from '../hub/index.js';
import type { PrestaShopClient, PsPermission } from '../webservice/index.js';
import type { ImportPlanner } from './import-plan.js';

/** Which side a feed moves data to: into the hub (import) or out to the store (export). */
export type FeedDirection = 'import' | 'export';

/**
 * When the embedded scheduler runs a feed: at the store's import or export frequency (by its
 * direction), once a day, or only when asked (go-live steps, one-time imports). A store's
 * `schedules` setting overrides it per feed.
 */
export type FeedCadence = 'frequency' | 'daily' | 'manual';

/**
 * Writes that follow a feed's records through the outbox: an outbox kind, what its writes are for
 * and what they need in the store. Every `OutboxHandler` is one.
 */
export interface FeedOutboxWrites {
  readonly kind: OutboxKind;
  /** `confirm shipments`, `push stock`. */
  readonly purpose: string;
  readonly needs: readonly PsPermission[];
}

/** A command-line / API option a feed understands (`--from-id 120`, `--force`). */
export interface FeedOptionSpec {
  /** Key in {@link FeedContext.options}, camelCase: `fromId`. */
  readonly name: string;
  /** The flag users type, kebab-case without dashes: `from-id`. */
  readonly flag: string;
  readonly kind: 'boolean' | 'integer' | 'date' | 'string';
  readonly description: string;
}

/** Option values as parsed for one run. */
export type FeedOptions = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * One kind of sync job. A feed reads a page, maps it with pure functions, commits the page with its
 * watermark in one transaction ({@link FeedContext.commit}), reports progress, and checks for Stop
 * between pages. Everything else — locks, run records, heartbeats, the final report — is the
 * runner's job (`src/jobs`).
 */
export interface Feed {
  /** The name users type: `import-products`. */
  readonly name: string;
  /** One line for `--help` and the console. */
  readonly description: string;
  readonly direction: FeedDirection;
  readonly cadence: FeedCadence;
  /**
   * Every request the run itself makes in the store (reads and writes), checked before the run
   * starts: a run whose key lacks one of them is refused with what to grant.
   */
  readonly needs: readonly PsPermission[];
  /**
   * The writes this feed's records lead to, as the outbox handlers that deliver them — by the
   * feed's own run, by shipping-confirmation or by drain-outbox (shipment confirmations for imported
   * orders that get shipped, stock pushes for the units they reserve). What those writes need is
   * declared once, by each handler; `stores test` and the console show it beside the feed
   * ("import-orders: ok; confirm shipments: lacks PUT on order_carriers"). A run is not refused for
   * them: entries of a kind the key cannot write wait, and say what to grant.
   */
  readonly outbox?: readonly FeedOutboxWrites[];
  /** What it writes in the hub (documentation and the console's feed list). */
  readonly writes: readonly string[];
  readonly options?: readonly FeedOptionSpec[];
  /**
   * Why the feed cannot run for this store now (no initial stock import yet, a setting missing), or
   * null. The scheduler skips a feed that is not ready; a manual run fails with this message. The
   * run's options are given: some lift a precondition (`export-stock --force`).
   */
  notReady?(store: Store, options?: FeedOptions): string | null;
  /**
   * Lists each store record with what a run would do, writing nothing (`sync run FEED --plan`,
   * `POST /stores/{store}/feeds/{feed}/plan`); the feed then runs for a selection with `--only`.
   */
  readonly planner?: ImportPlanner;
  run(ctx: FeedContext): Promise<void>;
}

/** Counts a page adds to its run; committed in the same transaction as the page. */
export interface PageTally {
  created(count?: number): void;
  updated(count?: number): void;
  unchanged(count?: number): void;
  skipped(recordId: string | number, reason: string): void;
  failed(recordId: string | number, reason: string): void;
}

/** Something a user must act on that is not a failure of one record (an unmapped category, say). */
export interface FeedNotice {
  /** Groups notices in the report: `unmapped-category`, `unmapped-carrier`. */
  readonly kind: string;
  /** Deduplicates: the same key is reported once per run. */
  readonly key: string;
  readonly message: string;
}

export interface FeedProgress {
  readonly step?: string | null;
  /** Absolute, or added to the current value with `increment`. */
  readonly done?: number;
  readonly increment?: boolean;
  readonly total?: number | null;
}

/** What a running feed can use. Built by the runner for each run. */
export interface FeedContext {
  readonly runId: number;
  readonly store: Store;
  readonly client: PrestaShopClient;
  readonly hub: Hub;
  readonly options: FeedOptions;
  /** Aborted when the user stops the run (or the process shuts down): stop at the next page. */
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /**
   * Commits one page: `work` runs in one transaction, and the counts it tallies are added to the run
   * in that same transaction, so that a crash leaves data, watermark and counts consistent.
   */
  commit<T>(work: (tx: HubTransaction, tally: PageTally) => Promise<T>): Promise<T>;
  /** Counts outside a page transaction (records skipped before anything is written). */
  readonly tally: PageTally;
  progress(update: FeedProgress): Promise<void>;
  notice(notice: FeedNotice): void;
  /** Throws {@link FeedStoppedError} when Stop was asked. Call between pages. */
  throwIfStopped(): void;
}

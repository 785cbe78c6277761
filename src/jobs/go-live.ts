import type { Hub, Run, Store } from '../hub/index.js';
import { type Feed, FeedError } from '../sync/index.js';
import type { FeedRunner, RunOutcome, RunProgressEvent } from './feed-runner.js';

/** One step of the go-live sequence: a feed, and whether a store may go live without it. */
export interface GoLiveStep {
  readonly feed: string;
  /**
   * An optional step whose feed is not ready for this store (images with "sync images" off, say)
   * is skipped with its reason; a required one stops the sequence with it.
   */
  readonly optional: boolean;
  /** Done once and for all for this store, even when the sequence starts over (`--restart`). */
  readonly doneFor?: (store: Store) => boolean;
}

/**
 * The safe order to bring a store live: the catalog first (orders need its variants), then
 * customers and orders (open ones reserve at once), then the one-time stock import — which
 * counts the store's quantity plus the units of its open orders as on hand, so that each order's
 * units are counted once whatever its approval status — and only then the first stock export:
 * exporting before the import would overwrite the shop's stock with the hub's zeros.
 */
export const GO_LIVE_STEPS: readonly GoLiveStep[] = [
  { feed: 'import-categories', optional: true },
  { feed: 'import-suppliers', optional: false },
  { feed: 'import-products', optional: false },
  { feed: 'import-product-suppliers', optional: false },
  { feed: 'import-images', optional: true },
  { feed: 'create-barcodes', optional: true },
  { feed: 'import-customers', optional: false },
  { feed: 'import-orders', optional: false },
  // The initial stock import is one-time: a restart must not overwrite the hub's stock with the store's.
  { feed: 'import-stock', optional: false, doneFor: (store) => store.initialStockImportedAt !== null },
  { feed: 'export-stock', optional: true },
];

/** Where the sequence stands for a store, kept as the store's `go-live` watermark. */
const PROGRESS_KEY = 'go-live';
/** Watermark keys `skipped:<feed>` keep why an optional step was skipped. */
const SKIPPED_PREFIX = 'skipped:';

export type GoLiveStepOutcome =
  | { readonly step: GoLiveStep; readonly status: 'done-before' }
  | { readonly step: GoLiveStep; readonly status: 'skipped'; readonly reason: string }
  | { readonly step: GoLiveStep; readonly status: 'ran'; readonly outcome: RunOutcome };

export interface GoLiveResult {
  readonly store: string;
  /** True when every step is done (or skipped) and the store is live. */
  readonly live: boolean;
  readonly steps: readonly GoLiveStepOutcome[];
  /** The step that stopped the sequence, with what to fix. */
  readonly stoppedAt?: { readonly feed: string; readonly reason: string };
}

export interface GoLiveOptions {
  readonly hub: Hub;
  readonly runner: FeedRunner;
  readonly feeds: readonly Feed[];
  readonly store: Store;
  /** Start over even if earlier steps completed. */
  readonly restart?: boolean;
  readonly signal?: AbortSignal;
  readonly onStepStart?: (step: GoLiveStep, index: number, total: number) => void;
  readonly onStepEnd?: (outcome: GoLiveStepOutcome) => void;
  readonly onProgress?: (event: RunProgressEvent) => void;
  /** Told as soon as a step's run is recorded (the console answers "started" with it). */
  readonly onRunStarted?: (run: Run) => void;
  /**
   * Stop after this many feed runs (the console runs one step at a time); steps already done or
   * skipped do not count. Default: run to the end.
   */
  readonly maxRuns?: number;
}

export class GoLiveError extends FeedError {}

/**
 * Runs the go-live sequence for a store: each step once, in order; stops at the first failure with
 * what to fix; run again, it resumes after the last step that completed (a step that was cut short
 * resumes from its own watermark).
 */
export async function runGoLive(options: GoLiveOptions): Promise<GoLiveResult> {
  const { hub, runner, store } = options;
  const byName = new Map(options.feeds.map((feed) => [feed.name, feed]));
  const missing = GO_LIVE_STEPS.filter((step) => !byName.has(step.feed)).map((step) => step.feed);
  if (missing.length > 0)
    throw new GoLiveError(`The go-live sequence needs feeds this build lacks: ${missing.join(', ')}.`);

  if (options.restart) await hub.watermarks.reset(store.id, PROGRESS_KEY);
  const saved = await hub.watermarks.get(store.id, PROGRESS_KEY);
  const completed = Number(saved?.value.completed ?? 0);
  const steps: GoLiveStepOutcome[] = [];
  const record = (outcome: GoLiveStepOutcome): void => {
    steps.push(outcome);
    options.onStepEnd?.(outcome);
  };
  const skipped: Record<string, string> = {};
  for (const [key, value] of Object.entries(saved?.value ?? {}))
    if (key.startsWith(SKIPPED_PREFIX) && typeof value === 'string') skipped[key] = value;
  const saveProgress = (completed: number): Promise<void> =>
    hub.watermarks.set(store.id, PROGRESS_KEY, { ...skipped, completed, at: new Date().toISOString() });
  let runs = 0;

  for (const [index, step] of GO_LIVE_STEPS.entries()) {
    if (index < completed) {
      record({ step, status: 'done-before' });
      continue;
    }
    const feed = byName.get(step.feed)!;
    // Read the store again: a step (import-stock) changes what the next one (export-stock) checks.
    const current = await hub.stores.get(store.id);
    if (step.doneFor?.(current)) {
      record({ step, status: 'done-before' });
      await saveProgress(index + 1);
      continue;
    }
    const notReady = feed.notReady?.(current) ?? null;
    if (notReady !== null) {
      if (!step.optional)
        return { store: store.name, live: false, steps, stoppedAt: { feed: step.feed, reason: notReady } };
      record({ step, status: 'skipped', reason: notReady });
      skipped[`${SKIPPED_PREFIX}${step.feed}`] = notReady;
    } else {
      if (options.maxRuns !== undefined && runs >= options.maxRuns)
        return { store: store.name, live: false, steps };
      runs += 1;
      options.onStepStart?.(step, index, GO_LIVE_STEPS.length);
      const outcome = await runner.run({
        feed,
        store: current,
        trigger: 'go-live',
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onRunStarted ? { onStarted: options.onRunStarted } : {}),
      });
      record({ step, status: 'ran', outcome });
      if (outcome.report.status !== 'succeeded') {
        const reason = outcome.report.error ?? `${step.feed} ended ${outcome.report.status}.`;
        return { store: store.name, live: false, steps, stoppedAt: { feed: step.feed, reason } };
      }
    }
    await saveProgress(index + 1);
  }
  return { store: store.name, live: true, steps };
}

/** Whether the store's go-live sequence has completed the step of `feed` (false for a feed not in it). */
export async function passedGoLiveStep(hub: Hub, storeId: number, feed: string): Promise<boolean> {
  const index = GO_LIVE_STEPS.findIndex((step) => step.feed === feed);
  if (index < 0) return false;
  const saved = await hub.watermarks.get(storeId, PROGRESS_KEY);
  return Number(saved?.value.completed ?? 0) > index;
}

/** Whether the store went through the whole go-live sequence. */
export async function isLive(hub: Hub, storeId: number): Promise<boolean> {
  const saved = await hub.watermarks.get(storeId, PROGRESS_KEY);
  return Number(saved?.value.completed ?? 0) >= GO_LIVE_STEPS.length;
}

export type GoLiveStepState = 'done' | 'skipped' | 'running' | 'next' | 'blocked' | 'waiting';

export interface GoLiveStepStatus {
  readonly step: GoLiveStep;
  readonly state: GoLiveStepState;
  /** Why a step was (or will be) skipped, what blocks it, or why the next step's last run failed. */
  readonly reason: string | null;
}

export interface GoLiveStatus {
  readonly live: boolean;
  readonly steps: readonly GoLiveStepStatus[];
  /** The step the next "run the next step" starts, or null when live or blocked. */
  readonly next: GoLiveStep | null;
}

/**
 * Where a store stands in the go-live sequence, without running anything: steps done (or skipped,
 * with why), the one running, the next one to run, or the one blocked and why.
 */
export async function goLiveStatus(hub: Hub, feeds: readonly Feed[], store: Store): Promise<GoLiveStatus> {
  const byName = new Map(feeds.map((feed) => [feed.name, feed]));
  const saved = await hub.watermarks.get(store.id, PROGRESS_KEY);
  const completed = Number(saved?.value.completed ?? 0);
  const latest = await Promise.all(GO_LIVE_STEPS.map((step) => hub.runs.latest(store.id, step.feed)));
  const steps: GoLiveStepStatus[] = [];
  let next: GoLiveStep | null = null;
  let stopped = false;
  for (const [index, step] of GO_LIVE_STEPS.entries()) {
    const skippedReason = saved?.value[`${SKIPPED_PREFIX}${step.feed}`];
    if (index < completed) {
      steps.push(
        typeof skippedReason === 'string'
          ? { step, state: 'skipped', reason: skippedReason }
          : { step, state: 'done', reason: null },
      );
      continue;
    }
    if (stopped) {
      steps.push({ step, state: 'waiting', reason: null });
      continue;
    }
    if (latest[index]?.status === 'running') {
      steps.push({ step, state: 'running', reason: null });
      stopped = true;
      continue;
    }
    if (step.doneFor?.(store)) {
      steps.push({ step, state: 'done', reason: null });
      continue;
    }
    const notReady = byName.get(step.feed)?.notReady?.(store) ?? null;
    if (notReady !== null && step.optional) {
      steps.push({ step, state: 'skipped', reason: notReady });
      continue;
    }
    stopped = true;
    if (notReady !== null) {
      steps.push({ step, state: 'blocked', reason: notReady });
      continue;
    }
    // The next step may have been tried and failed: say why, so that it can be fixed first.
    const last = latest[index];
    const failed = last?.status === 'failed' || last?.status === 'interrupted';
    steps.push({
      step,
      state: 'next',
      reason: failed ? `Its last run ${last.status}: ${last.error ?? 'no reason given'}` : null,
    });
    next = step;
  }
  return { live: completed >= GO_LIVE_STEPS.length, steps, next };
}

import type { Hub, Store } from '../hub/index.js';
import {
  type Feed,
  FeedError,
  type ImportPlan,
  type ImportPlanRequest,
  MissingPermissionsError,
  type StoreClientOverrides,
  StoreNotReadyError,
  StoreSession,
} from '../sync/index.js';
import { missingPermissionsIn } from '../webservice/index.js';

export interface PlanImportRequest extends ImportPlanRequest {
  readonly hub: Hub;
  readonly feed: Feed;
  readonly store: Store;
  readonly clientOverrides?: StoreClientOverrides;
  /** Stops the plan at its next page. */
  readonly signal?: AbortSignal;
  /** Store records planned so far, after each page. */
  readonly onProgress?: (planned: number) => void;
}

/** A feed without a planner was asked for a plan. */
export class NoPlanError extends FeedError {
  constructor(feed: string, planned: readonly string[]) {
    super(
      `${feed} has no plan; the feeds with one are ${planned.join(', ')} (export-products shows its own with --plan).`,
    );
  }
}

/**
 * The plan of an import for one store (`sync run import-products --plan`, `POST …/plan`): the
 * store read through a session like a run's (its requests in the request log, the key kept out of
 * errors), the plan computed by the feed's planner, nothing written. No lock is taken: a plan reads
 * only, and may be made while the feed runs.
 */
export async function planImport(
  request: PlanImportRequest,
  planned: readonly string[],
): Promise<ImportPlan> {
  const { hub, feed, store } = request;
  const planner = feed.planner;
  if (planner === undefined) throw new NoPlanError(feed.name, planned);
  if (!store.settings.enabled) {
    throw new StoreNotReadyError(
      `Store '${store.name}' is disabled; enable it with \`prestabridge stores set ${store.name} enabled=true\`.`,
    );
  }
  const session = await StoreSession.open(hub, store, request.clientOverrides ?? {});
  try {
    const missing = missingPermissionsIn(await session.client.probe(), feed.needs);
    if (missing.length > 0) throw new MissingPermissionsError(feed.name, store.name, missing);
    return await planner.plan(
      {
        store,
        client: session.client,
        hub,
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        ...(request.onProgress === undefined ? {} : { onProgress: request.onProgress }),
      },
      { notImported: request.notImported === true },
    );
  } catch (error) {
    if (error instanceof Error) error.message = session.redact(error.message);
    throw error;
  } finally {
    await session.close().catch(() => undefined);
  }
}

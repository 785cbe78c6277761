import type { Hub, Store } from '../hub/index.js';
import type { GoLiveStatus, GoLiveStepState } from '../jobs/index.js';
import type { Feed } from '../sync/index.js';

/** The step whose first run writes the hub's quantities over the store's. */
export const STOCK_EXPORT_STEP = 'export-stock';

export interface ApiGoLive {
  readonly live: boolean;
  readonly steps: ReadonlyArray<{
    readonly feed: string;
    readonly description: string;
    readonly optional: boolean;
    readonly state: GoLiveStepState;
    readonly reason: string | null;
  }>;
  /** The feed the next step runs, or null. */
  readonly next: string | null;
  /** What to read before the next step, when it needs confirming (the first stock export). */
  readonly warning: string | null;
}

/** Shown, and confirmed, before the first stock export. */
export function stockExportWarning(store: Store): string {
  return (
    `The first stock export writes the hub's sellable quantity of every variant over the quantity in '${store.name}': ` +
    "on hand in the store's export locations (" +
    (store.settings.stockExportLocations.join(', ') || 'none chosen yet') +
    ') minus what open orders reserve. Check a few variants in the hub first; the store keeps no copy of the quantities it had.'
  );
}

/**
 * Whether the store's stock was never exported: no export-stock run of it succeeded yet. Not
 * `lastExportAt`, which any export feed sets (the outbox, shipment confirmations, products).
 */
export async function stockNeverExported(hub: Hub, store: Store): Promise<boolean> {
  const exported = await hub.runs.list({
    storeId: store.id,
    feed: STOCK_EXPORT_STEP,
    status: 'succeeded',
    limit: 1,
  });
  return exported.length === 0;
}

/**
 * The go-live status as the console shows it. `firstStockExport`: {@link stockNeverExported}, which
 * decides whether the next step needs confirming. `stepInFlight`: the feed of a step started through
 * this server whose work has not ended — its run may have finished while the sequence's progress is
 * not saved yet, and the step must not show as next again meanwhile.
 */
export function toApiGoLive(
  status: GoLiveStatus,
  feeds: readonly Feed[],
  store: Store,
  firstStockExport: boolean,
  stepInFlight: string | null = null,
): ApiGoLive {
  const descriptions = new Map(feeds.map((feed) => [feed.name, feed.description]));
  let holding = false;
  const steps = status.steps.map(({ step, state, reason }) => {
    let shown: { state: GoLiveStepState; reason: string | null } = { state, reason };
    if (step.feed === stepInFlight && (state === 'next' || state === 'running')) {
      holding = true;
      shown = { state: 'running', reason: null };
    } else if (holding && (state === 'next' || state === 'blocked')) {
      shown = { state: 'waiting', reason: null };
    }
    return {
      feed: step.feed,
      description: descriptions.get(step.feed) ?? '',
      optional: step.optional,
      ...shown,
    };
  });
  const next = holding ? null : (status.next?.feed ?? null);
  return {
    live: status.live,
    steps,
    next,
    warning: next === STOCK_EXPORT_STEP && firstStockExport ? stockExportWarning(store) : null,
  };
}

/** The key a store's go-live steps are launched under (see `RunLauncher.inFlight`). */
export function goLiveKey(store: Store): string {
  return `go-live:${store.id}`;
}

export const apiGoLiveSchema = {
  $id: 'ApiGoLive',
  type: 'object',
  description: 'The go-live sequence of a store: its steps in their safe order, each with its state.',
  required: ['live', 'steps', 'next', 'warning'],
  additionalProperties: false,
  properties: {
    live: { type: 'boolean' },
    steps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['feed', 'description', 'optional', 'state', 'reason'],
        additionalProperties: false,
        properties: {
          feed: { type: 'string' },
          description: { type: 'string' },
          optional: { type: 'boolean', description: 'Skipped, with its reason, when it does not apply.' },
          state: { type: 'string', enum: ['done', 'skipped', 'running', 'next', 'blocked', 'waiting'] },
          reason: { type: ['string', 'null'], description: 'Why it is skipped or blocked.' },
        },
      },
    },
    next: { type: ['string', 'null'], description: 'The feed the next step runs.' },
    warning: {
      type: ['string', 'null'],
      description: 'Read (and confirm with confirmStockExport) before the first stock export.',
    },
  },
} as const;

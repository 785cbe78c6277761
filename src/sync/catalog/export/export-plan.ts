/**
 * The export plan: for each product, what export-products does — a pure decision over the hub's
 * product, its binding to the store (the hub hash and the store's `date_upd` when last synced)
 * and the store's product. Shown with `--plan` before anything is written.
 */

/** Who owns the catalog, for the products export-products handles (`store` mode never exports). */
export type ExportMode = 'hub' | 'both';

export type ExportAction =
  'add-to-store' | 'update-store' | 'add-to-hub' | 'update-hub' | 'conflict' | 'unchanged' | 'skip';

export const EXPORT_ACTIONS: readonly ExportAction[] = [
  'add-to-store',
  'update-store',
  'add-to-hub',
  'update-hub',
  'conflict',
  'unchanged',
  'skip',
];

/** Which side wins a conflict when the user says so (`--prefer hub|store`); by default neither. */
export type ConflictPreference = 'hub' | 'store';

/** What is known about one product on both sides. */
export interface ExportItemState {
  readonly hub: {
    readonly productId: number;
    readonly contentHash: string;
    /** Why the product cannot be created in the store (no reference, a pack), or null. */
    readonly notCreatable: string | null;
  } | null;
  /** The product's binding to this store. */
  readonly binding: {
    /** The hub content hash when last synced with the store (null: never in sync). */
    readonly contentHash: string | null;
    /** The store's `date_upd` when last synced (UTC instant). */
    readonly externalUpdatedAt: string | null;
    /** Found deleted in the store. */
    readonly deleted: boolean;
  } | null;
  /** The store's product: the bound one, or one with the same reference. */
  readonly store: {
    readonly externalId: number;
    /** `date_upd` as a UTC instant. */
    readonly updatedAt: string | null;
    /** Whether the exported fields (price, wholesale price) differ from the hub's. */
    readonly differs: boolean;
  } | null;
  /** A product change for this item already waits in the outbox. */
  readonly queued: boolean;
}

export interface ExportDecision {
  readonly action: ExportAction;
  /** Why, in words for the plan. */
  readonly reason: string;
}

/** Two UTC instants (or their absence) are the same moment. */
export function sameInstant(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return Date.parse(a) === Date.parse(b);
}

/**
 * What to do with one product.
 *
 * | hub | bound | store | `hub` mode | `both` mode |
 * | --- | --- | --- | --- | --- |
 * | yes | no | no | add to store | add to store |
 * | yes | no | same reference | update store (linked) | conflict |
 * | yes | yes | gone | skip (not re-created) | skip |
 * | yes | yes | yes | update store if the hub changed or the store differs | by what changed: update store, update hub, conflict, unchanged |
 * | no | no | yes | — (unchanged) | add to hub |
 *
 * A conflict — changed on both sides since the last sync — is never resolved silently: it is
 * reported, unless `prefer` names the side that wins.
 *
 * @example
 * decideExportAction({ hub, binding, store, queued: false }, 'both');
 * // { action: 'conflict', reason: 'changed in the hub and in the store since the last sync' }
 */
export function decideExportAction(
  state: ExportItemState,
  mode: ExportMode,
  prefer?: ConflictPreference,
): ExportDecision {
  const { hub, binding, store } = state;
  if (state.queued) return { action: 'skip', reason: 'a change of this product already waits in the outbox' };
  const conflict = (reason: string): ExportDecision => {
    if (prefer === 'hub') return { action: 'update-store', reason: `${reason}; the hub wins (--prefer hub)` };
    if (prefer === 'store')
      return { action: 'update-hub', reason: `${reason}; the store wins (--prefer store)` };
    return { action: 'conflict', reason };
  };

  if (hub === null) {
    if (store === null) return { action: 'skip', reason: 'in neither the hub nor the store' };
    if (binding !== null) return { action: 'skip', reason: 'its hub product is archived' };
    return mode === 'both'
      ? { action: 'add-to-hub', reason: 'new in the store' }
      : { action: 'unchanged', reason: 'not in the hub (the hub is the product master)' };
  }

  if (binding === null) {
    if (store === null) {
      return hub.notCreatable === null
        ? { action: 'add-to-store', reason: 'not in the store yet' }
        : { action: 'skip', reason: hub.notCreatable };
    }
    return mode === 'hub'
      ? { action: 'update-store', reason: 'found in the store by its reference; linked and updated' }
      : conflict('in the hub and in the store (same reference) but never synced');
  }

  if (store === null || binding.deleted) {
    return {
      action: 'skip',
      reason: 'deleted in the store; not created again (delete it in the hub, or unlink it)',
    };
  }
  const hubChanged = binding.contentHash !== hub.contentHash;
  const storeChanged =
    binding.externalUpdatedAt === null || !sameInstant(store.updatedAt, binding.externalUpdatedAt);
  if (mode === 'hub') {
    if (hubChanged) return { action: 'update-store', reason: 'changed in the hub since the last sync' };
    if (store.differs)
      return { action: 'update-store', reason: 'the store changed exported fields; the hub is the master' };
    return { action: 'unchanged', reason: 'in sync' };
  }
  if (hubChanged && storeChanged) return conflict('changed in the hub and in the store since the last sync');
  if (hubChanged) return { action: 'update-store', reason: 'changed in the hub since the last sync' };
  if (storeChanged) return { action: 'update-hub', reason: 'changed in the store since the last sync' };
  return { action: 'unchanged', reason: 'in sync' };
}

/** One line of the plan. */
export interface ExportPlanEntry extends ExportDecision {
  /** The hub product, when there is one. */
  readonly productId: number | null;
  /** The store's product id, when there is one. */
  readonly externalId: number | null;
  /** Name and reference, for people. */
  readonly label: string;
}

const ACTION_WORDS: Readonly<Record<ExportAction, string>> = {
  'add-to-store': 'add to store',
  'update-store': 'update store',
  'add-to-hub': 'add to hub',
  'update-hub': 'update hub',
  conflict: 'CONFLICT',
  unchanged: 'unchanged',
  skip: 'skip',
};

/**
 * One plan line for people.
 *
 * @example
 * describePlanEntry({ action: 'add-to-store', reason: 'not in the store yet', productId: 12, externalId: null, label: '"Mug" (MUG-1)' });
 * // 'add to store: hub product 12 "Mug" (MUG-1) — not in the store yet'
 */
export function describePlanEntry(entry: ExportPlanEntry): string {
  const sides = [
    entry.productId === null ? null : `hub product ${entry.productId}`,
    entry.externalId === null ? null : `store product ${entry.externalId}`,
  ].filter((side) => side !== null);
  return `${ACTION_WORDS[entry.action]}: ${sides.join(' / ')} ${entry.label} — ${entry.reason}`;
}

/** Entries per action. */
export function countPlan(entries: readonly ExportPlanEntry[]): Record<ExportAction, number> {
  const counts = Object.fromEntries(EXPORT_ACTIONS.map((action) => [action, 0])) as Record<
    ExportAction,
    number
  >;
  for (const entry of entries) counts[entry.action] += 1;
  return counts;
}

/** `3 add to store, 1 CONFLICT, 10 unchanged` (actions with no entry left out). */
export function describePlanCounts(counts: Readonly<Record<ExportAction, number>>): string {
  const parts = EXPORT_ACTIONS.filter((action) => counts[action] > 0).map(
    (action) => `${counts[action]} ${ACTION_WORDS[action]}`,
  );
  return parts.length === 0 ? 'nothing to do' : parts.join(', ');
}

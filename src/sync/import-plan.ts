import type { Hub, Store } from '../hub/index.js';
import type { PrestaShopClient } from '../webservice/index.js';
import type { FeedOptions, FeedOptionSpec } from './feed.js';
import { FeedError } from './feed-errors.js';

/**
 * The plan of an import (`sync run import-products --plan`): each store record with what a run
 * would do with it, read in pages like the import itself, written nowhere. A user then runs the
 * import for a selection (`--only 12,15`). The words are export-products' plan words.
 */

export type ImportPlanAction =
  'add-to-hub' | 'update-hub' | 'add-to-store' | 'update-store' | 'up-to-date' | 'conflict' | 'skip';

export const IMPORT_PLAN_ACTIONS: readonly ImportPlanAction[] = [
  'add-to-hub',
  'update-hub',
  'add-to-store',
  'update-store',
  'conflict',
  'up-to-date',
  'skip',
];

const ACTION_WORDS: Readonly<Record<ImportPlanAction, string>> = {
  'add-to-hub': 'add to hub',
  'update-hub': 'update hub',
  'add-to-store': 'add to store',
  'update-store': 'update store',
  conflict: 'CONFLICT',
  'up-to-date': 'up to date',
  skip: 'skip',
};

/** One line of an import plan. */
export interface ImportPlanEntry {
  readonly action: ImportPlanAction;
  /** Why, in words. */
  readonly reason: string;
  /** The store record (an import's `--only` takes these ids); null for a hub record the store lacks. */
  readonly externalId: number | null;
  /** The hub record it is (or would be) bound to (export-products' `--only` takes these ids). */
  readonly localId: number | null;
  /** Already imported: bound in the hub to this store record. */
  readonly imported: boolean;
  /** Name, reference or e-mail, for people. */
  readonly label: string;
}

/** The side whose ids a selection (`--only`) names. */
export type ImportPlanSelection = 'store' | 'hub';

export interface ImportPlan {
  readonly feed: string;
  readonly store: string;
  /** `product` or `customer`: what the ids name. */
  readonly record: string;
  /** Only records not imported yet were listed (`--not-imported`). */
  readonly notImportedOnly: boolean;
  /**
   * Which id of an entry `--only` takes: `store` (externalId: the imports) or `hub` (localId:
   * export-products, which writes hub products to the store).
   */
  readonly selectBy: ImportPlanSelection;
  readonly entries: readonly ImportPlanEntry[];
  readonly counts: Readonly<Record<ImportPlanAction, number>>;
}

/** What a plan reads with: the store's client and the hub. */
export interface ImportPlanContext {
  readonly store: Store;
  readonly client: PrestaShopClient;
  readonly hub: Hub;
  /** Stops the plan at its next page. */
  readonly signal?: AbortSignal;
  /** Told after each page: records planned so far. */
  readonly onProgress?: (planned: number) => void;
}

export interface ImportPlanRequest {
  /** List only store records not bound in the hub yet. */
  readonly notImported?: boolean;
}

/** A feed's planner: `Feed.planner` (import-products, import-customers, export-products). */
export interface ImportPlanner {
  /** What the ids of the plan name: `product`, `customer`. */
  readonly record: string;
  plan(ctx: ImportPlanContext, request?: ImportPlanRequest): Promise<ImportPlan>;
}

/** Entries per action. */
export function countImportPlan(entries: readonly ImportPlanEntry[]): Record<ImportPlanAction, number> {
  const counts = Object.fromEntries(IMPORT_PLAN_ACTIONS.map((action) => [action, 0])) as Record<
    ImportPlanAction,
    number
  >;
  for (const entry of entries) counts[entry.action] += 1;
  return counts;
}

/**
 * One plan line for people.
 *
 * @example
 * describeImportPlanEntry({ action: 'add-to-hub', reason: 'new in the store', externalId: 12, localId: null, imported: false, label: 'MUG-1' }, 'product');
 * // 'add to hub: store product 12 MUG-1 — new in the store'
 */
export function describeImportPlanEntry(entry: ImportPlanEntry, record: string): string {
  const sides = [
    entry.externalId === null ? null : `store ${record} ${entry.externalId}`,
    entry.localId === null ? null : `hub ${record} ${entry.localId}`,
  ].filter((side) => side !== null);
  return `${ACTION_WORDS[entry.action]}: ${sides.join(' / ')} ${entry.label} — ${entry.reason}`;
}

/** `3 add to hub, 1 CONFLICT, 10 up to date` (actions with no entry left out). */
export function describeImportPlanCounts(counts: Readonly<Record<ImportPlanAction, number>>): string {
  const parts = IMPORT_PLAN_ACTIONS.filter((action) => counts[action] > 0).map(
    (action) => `${counts[action]} ${ACTION_WORDS[action]}`,
  );
  return parts.length === 0 ? 'nothing in the store' : parts.join(', ');
}

/** The option of a selective run: `--only 12,15` (API: `"only": [12, 15]`). */
export const ONLY_OPTION: FeedOptionSpec = {
  name: 'only',
  flag: 'only',
  kind: 'string',
  description:
    "only these ids, comma-separated, as the plan lists them (the store's for an import, the hub's for export-products); the watermark is left alone",
};

/** Ids at most in one `--only` (a selection, not a sweep: the plan's pages are for that). */
export const MAX_ONLY_IDS = 10_000;

/**
 * The store ids of `--only` (`"12,15"`), or undefined without it. Throws a {@link FeedError} that
 * says what to type when the list is not ids.
 *
 * @example
 * onlyIdsOf({ only: '12, 15,12' }); // [12, 15]
 */
export function onlyIdsOf(options: FeedOptions): number[] | undefined {
  const raw = options.only;
  if (raw === undefined) return undefined;
  // The ids are the store's for an import, the hub's for export-products: the plan says which.
  const parts = String(raw)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const ids = parts.map(Number);
  if (parts.length === 0 || ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
    throw new FeedError(
      `--only takes ids separated by commas (--only 12,15), got '${String(raw)}'. ` +
        'The plan lists them: sync run FEED --store STORE --plan.',
    );
  }
  const unique = [...new Set(ids)];
  if (unique.length > MAX_ONLY_IDS) {
    throw new FeedError(
      `--only takes at most ${MAX_ONLY_IDS} ids (got ${unique.length}); run the import without --only for more.`,
    );
  }
  return unique;
}

/** Keeps the entries a plan request asks for. */
export function planFilter(request: ImportPlanRequest): (entry: ImportPlanEntry) => boolean {
  return request.notImported === true ? (entry) => !entry.imported && entry.externalId !== null : () => true;
}

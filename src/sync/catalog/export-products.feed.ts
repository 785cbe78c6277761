import type { Store } from '../../hub/index.js';
import { filter } from '../../webservice/index.js';
import type { Feed, FeedContext, FeedOptions } from '../feed.js';
import { FeedError, FeedPreconditionError } from '../feed-errors.js';
import {
  countImportPlan,
  type ImportPlanAction,
  type ImportPlanEntry,
  type ImportPlanner,
  ONLY_OPTION,
  onlyIdsOf,
} from '../import-plan.js';
import {
  drainOutbox,
  outboxHandlerSet,
  reportDrainProblems,
  type SettledOutboxEntry,
  tallySettledEntry,
} from '../outbox/index.js';
import { StoreDates } from '../store-dates.js';
import { StoreLanguages } from '../store-languages.js';
import { catalogHubImport } from './export/catalog-hub-import.js';
import {
  type ExportReadContext,
  type ExportRun,
  planHubPage,
  type PlannedPage,
  planStorePage,
} from './export/export-page-planner.js';
import {
  type ConflictPreference,
  countPlan,
  describePlanCounts,
  describePlanEntry,
  type ExportPlanEntry,
} from './export/export-plan.js';
import { quantityExport } from './export/export-quantities.js';
import type { HubProductImport } from './export/hub-product-import.js';
import { PRODUCT_OUTBOX_KIND, productOutboxHandler, productTarget } from './export/product-outbox.handler.js';
import {
  STORE_PRODUCT_FIELDS,
  storeProductsById,
  toStoreProductState,
} from './export/store-product-states.js';

/** Products planned per page (hub side and store side). */
const PAGE_SIZE = 200;
/** The watermark of the store side: the newest `date_upd` seen, in the store's own text. */
export const EXPORT_PRODUCTS_WATERMARK = 'export-products';
/** Delivery progress is written every this many products (and at the end). */
const PROGRESS_EVERY = 25;
/** Plan lines kept as notices (conflicts are always all kept). */
const PLAN_NOTICES = 500;

export interface ExportProductsFeedOptions {
  /**
   * "Add to hub" / "update hub" in `both` mode (the catalog import, {@link catalogHubImport}, in
   * {@link exportProductsFeed}); without it they are reported only.
   */
  readonly hubImport?: HubProductImport;
}

function preferenceOf(value: string | number | boolean | undefined): ConflictPreference | undefined {
  if (value === undefined) return undefined;
  if (value === 'hub' || value === 'store') return value;
  throw new FeedError(
    `--prefer takes 'hub' or 'store' (which side wins a conflict), got '${String(value)}'.`,
  );
}

function whyNotReady(store: Store): string | null {
  return store.settings.productMaster === 'store'
    ? `export-products writes products to '${store.name}' only when the hub is the product master (or both): ` +
        `its product master is the store. To change it: prestabridge stores set ${store.name} productMaster=hub`
    : null;
}

/** The plan of a run as it goes: counts, plan lines as notices, and the tally of what is left alone. */
class PlanReport {
  readonly #ctx: FeedContext;
  readonly #entries: ExportPlanEntry[] = [];
  #noticed = 0;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  add(entries: readonly ExportPlanEntry[]): void {
    for (const entry of entries) {
      this.#entries.push(entry);
      const key = `${entry.productId ?? '-'}:${entry.externalId ?? '-'}`;
      if (entry.action === 'conflict') {
        this.#ctx.notice({
          kind: 'export-conflict',
          key,
          message:
            `${describePlanEntry(entry)}. Left alone: change one side so that they agree, or run ` +
            'export-products --prefer hub (or store) to let one side win.',
        });
      } else if (entry.action !== 'unchanged' && this.#noticed < PLAN_NOTICES) {
        this.#noticed += 1;
        this.#ctx.notice({
          kind: 'export-plan',
          key: `${entry.action}:${key}`,
          message: describePlanEntry(entry),
        });
      }
    }
  }

  summary(planOnly: boolean): string {
    const counts = countPlan(this.#entries);
    const shown = counts.conflict + this.#noticed;
    const listed = this.#entries.filter((entry) => entry.action !== 'unchanged').length;
    return (
      `Plan for '${this.#ctx.store.name}' (product master: ${this.#ctx.store.settings.productMaster}): ` +
      `${describePlanCounts(counts)}.` +
      (listed > shown ? ` The first ${shown} of ${listed} are listed.` : '') +
      (planOnly ? ' Dry run (--plan): nothing was written.' : '')
    );
  }
}

/** One second earlier, in the store's text: the next run reads again what changed in the same second. */
function overlapping(local: string, dates: StoreDates): string {
  const instant = dates.toInstant(local);
  return instant === null ? local : dates.toLocal(new Date(Date.parse(instant) - 1000));
}

function newest(current: string | null, local: string): string | null {
  if (local === '' || local.startsWith('0000')) return current;
  return current === null || local > current ? local : current;
}

/** What export-products plans with, read once per run or plan. */
async function exportRunOf(ctx: ExportReadContext, options: FeedOptions): Promise<ExportRun> {
  const { store, client } = ctx;
  return {
    ctx,
    mode: store.settings.productMaster === 'both' ? 'both' : 'hub',
    prefer: preferenceOf(options.prefer),
    fields: store.settings.exportFields,
    quantities: quantityExport(store),
    languages: (await StoreLanguages.load(store, client)).all,
    dates: StoreDates.of(store),
  };
}

/** One planned page: which side it came from, how many records it read, the watermark it reached. */
interface PlanStep {
  readonly side: 'hub' | 'store';
  readonly page: PlannedPage;
  readonly read: number;
  /** The store side's newest `date_upd` so far (a full run only; null for a selection). */
  readonly watermark: string | null;
}

/**
 * The plan, page by page: the hub products changed since they were last synced (or never synced),
 * then the store products changed since the last run. For a selection (`only`: hub product ids),
 * the selected hub products that need writing, then the store products bound to the others,
 * read by id (in `both` mode they may need "update hub"); the store's watermark is not read.
 */
async function* planPages(
  run: ExportRun,
  only: readonly number[] | undefined,
  throwIfStopped: () => void,
): AsyncGenerator<PlanStep> {
  const { hub, store, client } = run.ctx;
  const decided = new Set<number>();
  const matched = new Set<number>();
  for (let after = 0; ;) {
    throwIfStopped();
    const candidates = await hub.catalog.exportCandidates(store.id, {
      afterProductId: after,
      limit: PAGE_SIZE,
      ...(only === undefined ? {} : { productIds: only }),
    });
    const last = candidates.at(-1);
    if (last === undefined) break;
    after = last.productId;
    const page = await planHubPage(run, candidates);
    for (const candidate of candidates) decided.add(candidate.productId);
    for (const id of page.matchedStoreIds) matched.add(id);
    yield { side: 'hub', page, read: candidates.length, watermark: null };
    if (candidates.length < PAGE_SIZE) break;
  }

  if (only !== undefined) {
    const bindings = await hub.bindings.forLocal(
      'products',
      only.filter((id) => !decided.has(id)),
    );
    const storeIds = bindings
      .filter((binding) => binding.storeId === store.id && binding.deletedAt === null)
      .map((binding) => Number(binding.externalId));
    for (let start = 0; start < storeIds.length; start += PAGE_SIZE) {
      throwIfStopped();
      const slice = storeIds.slice(start, start + PAGE_SIZE);
      const states = [...(await storeProductsById(client, slice, run.dates)).values()];
      yield {
        side: 'store',
        page: await planStorePage(run, states, decided, matched),
        read: slice.length,
        watermark: null,
      };
    }
    return;
  }

  const mark = await hub.watermarks.get(store.id, EXPORT_PRODUCTS_WATERMARK);
  const since = typeof mark?.value.storeUpdatedAfter === 'string' ? mark.value.storeUpdatedAfter : null;
  let seen = since;
  for await (const records of client.iterate(
    'products',
    {
      display: STORE_PRODUCT_FIELDS,
      ...(since === null ? {} : { filter: { date_upd: filter.after(overlapping(since, run.dates)) } }),
    },
    { pageSize: PAGE_SIZE },
  )) {
    throwIfStopped();
    const states = records.map((record) => toStoreProductState(record, run.dates));
    for (const state of states) seen = newest(seen, state.updatedLocal);
    yield {
      side: 'store',
      page: await planStorePage(run, states, decided, matched),
      read: records.length,
      watermark: seen,
    };
  }
}

const PLAN_ACTIONS: Readonly<Record<ExportPlanEntry['action'], ImportPlanAction>> = {
  'add-to-store': 'add-to-store',
  'update-store': 'update-store',
  'add-to-hub': 'add-to-hub',
  'update-hub': 'update-hub',
  conflict: 'conflict',
  unchanged: 'up-to-date',
  skip: 'skip',
};

/** An export plan line as the plan API shows it; `localId` is what a selection (`only`) names. */
function toPlanEntry(entry: ExportPlanEntry): ImportPlanEntry {
  return {
    action: PLAN_ACTIONS[entry.action],
    reason: entry.reason,
    externalId: entry.externalId,
    localId: entry.productId,
    imported: entry.productId !== null && entry.externalId !== null,
    label: entry.label,
  };
}

/**
 * export-products' plan (`POST /stores/{store}/feeds/export-products/plan`): what a run would do
 * with each product, read as a run reads, written nowhere. A selection then runs with the hub
 * product ids (`only`); store products the hub lacks (add to hub) have none: the product import
 * adds them.
 */
const exportProductsPlanner: ImportPlanner = {
  record: 'product',
  async plan(ctx, request = {}) {
    const notReady = whyNotReady(ctx.store);
    if (notReady !== null) throw new FeedPreconditionError(notReady);
    const run = await exportRunOf(ctx, {});
    const entries: ImportPlanEntry[] = [];
    for await (const step of planPages(run, undefined, () => ctx.signal?.throwIfAborted())) {
      entries.push(...step.page.entries.map(toPlanEntry));
      ctx.onProgress?.(entries.length);
    }
    const listed =
      request.notImported === true ? entries.filter((entry) => entry.externalId === null) : entries;
    return {
      feed: 'export-products',
      store: ctx.store.name,
      record: 'product',
      notImportedOnly: request.notImported === true,
      selectBy: 'hub',
      entries: listed,
      counts: countImportPlan(listed),
    };
  },
};

/**
 * `export-products`: when the hub is the product master (or both), writes the hub's products to
 * the store — new products with their combinations, and the chosen export fields of the others
 * (price, wholesale price; quantities once the initial stock import has run). In `both` mode each
 * product is planned first (add to hub, update hub, add to store, update store, conflict);
 * conflicts are reported and left alone. `--plan` shows the plan and writes nothing; the plan API
 * lists it too, and `--only 12,15` (hub product ids) writes those products alone, delivers only
 * their changes and leaves the watermark.
 *
 * Changes to the store go through the outbox (one transaction per page), then are delivered at
 * the end of the run by the product handler; what fails is retried by `drain-outbox`.
 *
 * @example
 * const feed = createExportProductsFeed({ hubImport });
 * await runner.run({ feed, store, trigger: 'manual', options: { plan: true } });
 */
export function createExportProductsFeed(options: ExportProductsFeedOptions = {}): Feed {
  const { hubImport } = options;
  const handlers = outboxHandlerSet([productOutboxHandler]);
  return {
    name: 'export-products',
    description:
      "Writes the hub's products to the store (product master hub or both): new products with their combinations, and the chosen export fields.",
    direction: 'export',
    cadence: 'frequency',
    // The plan reads products; writing needs more, checked when the changes are delivered.
    needs: [{ resource: 'products', verb: 'GET' }],
    outbox: [productOutboxHandler],
    writes: ['outbox (product changes)', 'bindings', 'products (both mode: add to hub, update hub)'],
    options: [
      {
        name: 'plan',
        flag: 'plan',
        kind: 'boolean',
        description:
          'Show the plan (what each product needs on each side, and the conflicts) and write nothing.',
      },
      {
        name: 'prefer',
        flag: 'prefer',
        kind: 'string',
        description:
          "Which side wins a conflict: 'hub' or 'store' (default: report conflicts and leave them).",
      },
      ONLY_OPTION,
    ],
    planner: exportProductsPlanner,
    notReady: whyNotReady,
    async run(ctx) {
      const { store, client, hub } = ctx;
      const notReady = whyNotReady(store);
      if (notReady !== null) throw new FeedPreconditionError(notReady);
      const planOnly = ctx.options.plan === true;
      const only = onlyIdsOf(ctx.options);
      const run = await exportRunOf(ctx, ctx.options);
      if (run.quantities.blocked !== null) {
        ctx.notice({ kind: 'export-quantity', key: 'blocked', message: run.quantities.blocked });
      }
      const report = new PlanReport(ctx);
      // Without the catalog import, store changes in `both` mode are only reported: the store side is
      // read again from the start next time, so that none is forgotten. A selection leaves it alone.
      const advanceWatermark = only === undefined && (run.mode === 'hub' || hubImport !== undefined);

      const carryOut = async (page: PlannedPage, watermark: string | null): Promise<void> => {
        report.add(page.entries);
        if (planOnly) return;
        // The hub's side first (its own transactions, idempotent): the watermark below never passes
        // a store change the hub did not take.
        if (hubImport !== undefined && page.hubImports.length > 0) {
          await hubImport.importProducts(ctx, page.hubImports);
        }
        await ctx.commit(async (tx, tally) => {
          await tx.outbox.enqueueMany(
            page.changes.map((change) => ({
              storeId: store.id,
              kind: PRODUCT_OUTBOX_KIND,
              target: productTarget(change.productId),
              payload: change,
            })),
          );
          for (const entry of page.entries) {
            const id = entry.productId ?? `store ${entry.externalId}`;
            if (entry.action === 'unchanged') tally.unchanged();
            if (entry.action === 'skip') tally.skipped(id, entry.reason);
            if (entry.action === 'conflict') tally.skipped(id, `conflict: ${entry.reason}`);
            if ((entry.action === 'add-to-hub' || entry.action === 'update-hub') && hubImport === undefined) {
              tally.skipped(
                id,
                `${entry.action}: not applied by export-products yet; run import-products / update-products`,
              );
            }
          }
          if (watermark !== null && advanceWatermark) {
            await tx.watermarks.set(store.id, EXPORT_PRODUCTS_WATERMARK, { storeUpdatedAfter: watermark });
          }
        });
      };

      // The hub side (products changed in the hub since they were last synced, or never synced),
      // then the store side (products changed in the store since the last run).
      let side: PlanStep['side'] | null = null;
      for await (const step of planPages(run, only, () => ctx.throwIfStopped())) {
        if (step.side !== side) {
          side = step.side;
          await ctx.progress({ step: `plan: ${side} products`, done: 0, total: only?.length ?? null });
        }
        await carryOut(step.page, step.watermark);
        await ctx.progress({ done: step.read, increment: true });
      }
      ctx.notice({ kind: 'export-plan-summary', key: 'summary', message: report.summary(planOnly) });
      if (planOnly) return;

      // Delivery: every product change due for this store, this run's and earlier ones; for a
      // selection, the selected products' changes alone.
      ctx.throwIfStopped();
      await ctx.progress({ step: 'deliver', done: 0, total: null });
      let delivered = 0;
      const delivery = await drainOutbox({
        hub,
        store,
        client,
        handlers,
        kinds: [PRODUCT_OUTBOX_KIND],
        ...(only === undefined ? {} : { targets: only.map(productTarget) }),
        owner: `run:${ctx.runId}`,
        signal: ctx.signal,
        clock: ctx.now,
        async onSettled(settled) {
          tallySettledEntry(ctx, settled, sentAs);
          delivered += 1;
          if (delivered % PROGRESS_EVERY === 0) await ctx.progress({ done: delivered });
        },
      });
      await ctx.progress({ done: delivered });
      reportDrainProblems(ctx, delivery);
      ctx.throwIfStopped();
    },
  };
}

function sentAs(settled: SettledOutboxEntry): 'created' | 'updated' {
  const payload = settled.entry.payload as { op?: unknown } | null;
  return payload?.op === 'create' ? 'created' : 'updated';
}

/** export-products, with "add to hub" / "update hub" done by the catalog import's mapping. */
export const exportProductsFeed: Feed = createExportProductsFeed({ hubImport: catalogHubImport });

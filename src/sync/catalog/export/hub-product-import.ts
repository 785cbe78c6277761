import type { FeedContext } from '../../feed.js';

/**
 * "Add to hub" and "update hub" of the `both` mode: what import-products and update-products do,
 * for a given set of store products. The catalog import provides it; export-products calls it
 * rather than mapping store products itself.
 *
 * @example
 * const hubImport: HubProductImport = {
 *   async importProducts(ctx, productIds) {
 *     // read the products (and their combinations) in bulk, map them, ctx.commit(upsert + tally)
 *   },
 * };
 */
export interface HubProductImport {
  /**
   * Reads these store products, maps them and writes them to the hub, bound to the store, with
   * their `date_upd` and content hash (so that the next plan sees them in sync) — committing and
   * tallying in the run as import-products does.
   */
  importProducts(ctx: FeedContext, productIds: readonly number[]): Promise<void>;
}

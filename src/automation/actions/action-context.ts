import type { Hub, Store } from '../../hub/index.js';
import { type StoreClientOverrides, StoreSession } from '../../sync/index.js';
import { PermissionError, type PrestaShopClient, type PsVerb } from '../../webservice/index.js';
import { ActionPermissionError } from './action-errors.js';

/** What every action runs with: the hub, the store, and (tests) client settings and a clock. */
export interface ActionContext {
  readonly hub: Hub;
  readonly store: Store;
  /** Webservice client settings (tests shorten timeouts and retries). */
  readonly clientOverrides?: StoreClientOverrides;
  /** What "now" is for idle carts (default the system clock). */
  readonly clock?: () => Date;
}

/** Someone (a workflow step) waits for the answer: one retry, and a shorter time limit than a feed's. */
const INTERACTIVE: StoreClientOverrides = {
  timeoutMs: 20_000,
  retry: { maxRetries: 1, maxRetryAfterMs: 10_000 },
};

/**
 * Runs `work` with a client for the store — the hub's key, its request log — and closes it. A
 * request the key may not make becomes an {@link ActionPermissionError} naming `action` and the
 * permission to grant.
 */
export async function withStoreClient<T>(
  ctx: ActionContext,
  action: string,
  work: (client: PrestaShopClient) => Promise<T>,
): Promise<T> {
  const session = await StoreSession.open(ctx.hub, ctx.store, { ...INTERACTIVE, ...ctx.clientOverrides });
  try {
    return await work(session.client);
  } catch (error) {
    if (error instanceof PermissionError) {
      throw new ActionPermissionError(action, ctx.store.name, [
        { resource: error.resource, verb: error.verb as PsVerb },
      ]);
    }
    throw error;
  } finally {
    await session.close();
  }
}

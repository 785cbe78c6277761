import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import type { Hub } from '../hub/index.js';

/** A held lease, renewed in the background until released. */
export interface HeldLease {
  readonly name: string;
  /** Aborted when the lease was lost (expired and taken by someone else). */
  readonly lost: AbortSignal;
  /** Renews it now (the clock jumped). */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the first free lease among `names` (one of a store's slots, a store's outbox) and renews it
 * every quarter of `leaseMs` until released; undefined when all are held by live owners. A process
 * killed while holding one frees it after `leaseMs`.
 */
export async function takeLease(
  hub: Hub,
  names: readonly string[],
  leaseMs: number,
): Promise<HeldLease | undefined> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  for (const name of names) {
    if (!(await hub.locks.acquire(name, owner, leaseMs))) continue;
    const lost = new AbortController();
    const renew = (): Promise<void> =>
      hub.locks.renew(name, owner, leaseMs).then(
        (kept) => {
          if (!kept) lost.abort(`the lease ${name} was lost`);
        },
        () => undefined,
      );
    const timer = setInterval(() => void renew(), Math.max(250, Math.floor(leaseMs / 4)));
    timer.unref();
    return {
      name,
      lost: lost.signal,
      renew,
      async release() {
        clearInterval(timer);
        await hub.locks.release(name, owner).catch(() => undefined);
      },
    };
  }
  return undefined;
}

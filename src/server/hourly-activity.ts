import type { Hub } from '../hub/index.js';

const HOUR_MS = 60 * 60_000;

/** Orders imported and stock quantities pushed in one hour. */
interface HourCounts {
  readonly orders: number;
  readonly pushes: number;
}

/**
 * The dashboard's per-hour counts, remembered for hours that are over: an order is counted in the
 * hour the hub imported it and a push in the hour it was delivered, so a past hour's counts never
 * change. Only the current hour (and hours never read yet) are counted again at each refresh — a
 * store importing a million orders costs one long count, then milliseconds per refresh.
 */
export class HourlyActivity {
  readonly #hub: Hub;
  /** Per store: `2026-12-02T14` → counts of that finished hour. */
  readonly #finished = new Map<number, Map<string, HourCounts>>();

  constructor(hub: Hub) {
    this.#hub = hub;
  }

  /** Counts for each hour starting at `starts` (UTC hour starts, oldest first), the last one being now's. */
  async perHour(
    storeId: number,
    starts: readonly Date[],
    now: Date,
  ): Promise<{ orders: number[]; pushes: number[] }> {
    const known = this.#finished.get(storeId) ?? new Map<string, HourCounts>();
    this.#finished.set(storeId, known);
    const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
    const firstUnknown = starts.find((start) => start.getTime() >= currentHour || !known.has(hourKey(start)));
    if (firstUnknown !== undefined) {
      const [orders, pushes] = await Promise.all([
        this.#hub.activity.ordersImportedPerHour(storeId, firstUnknown),
        this.#hub.activity.stockPushedPerHour(storeId, firstUnknown),
      ]);
      for (const start of starts) {
        if (start.getTime() < firstUnknown.getTime() || start.getTime() >= currentHour) continue;
        const key = hourKey(start);
        known.set(key, { orders: orders.get(key) ?? 0, pushes: pushes.get(key) ?? 0 });
      }
      const live = hourKey(new Date(currentHour));
      known.set(live, { orders: orders.get(live) ?? 0, pushes: pushes.get(live) ?? 0 });
    }
    const counts = starts.map((start) => known.get(hourKey(start)) ?? { orders: 0, pushes: 0 });
    // The current hour is counted again next time; hours that left every window are forgotten.
    known.delete(hourKey(new Date(currentHour)));
    const oldest = starts[0]?.getTime() ?? currentHour;
    for (const key of known.keys())
      if (Date.parse(`${key}:00:00.000Z`) < oldest - 14 * 24 * HOUR_MS) known.delete(key);
    return { orders: counts.map((count) => count.orders), pushes: counts.map((count) => count.pushes) };
  }
}

function hourKey(start: Date): string {
  return start.toISOString().slice(0, 13);
}

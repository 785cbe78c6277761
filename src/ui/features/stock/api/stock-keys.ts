/**
 * The TanStack Query keys of the stock screens. A key's first part is its family: invalidating
 * `['stock']` refreshes every page of every filter.
 */
export const stockKeys = {
  levels: (filters: object, page: string | null) => ['stock', filters, page] as const,
  levelsAll: ['stock'] as const,
  variant: (variantId: number) => ['stock-variant', variantId] as const,
  movements: (variantId: number, page: string | null) => ['stock-movements', variantId, page] as const,
  movementsAll: ['stock-movements'] as const,
  kits: (page: string | null) => ['stock-kits', page] as const,
  outbox: (filters: object, page: string | null) => ['outbox', filters, page] as const,
  outboxAll: ['outbox'] as const,
  /** In the runs' family: a run's end (the live stream refreshes `['runs']`) shows the new check. */
  lastCheck: (store: string) => ['runs', 'last-stock-check', store] as const,
};

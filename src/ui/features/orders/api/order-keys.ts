/**
 * The TanStack Query keys of the orders screens. A key's first part is its family: invalidating
 * `['orders']` refreshes every page of every filter.
 */
export const orderKeys = {
  list: (filters: object, page: string | null) => ['orders', filters, page] as const,
  listAll: ['orders'] as const,
  one: (id: number) => ['order', id] as const,
  invoices: (id: number) => ['order-invoices', id] as const,
  confirmations: (id: number) => ['order-confirmations', id] as const,
};

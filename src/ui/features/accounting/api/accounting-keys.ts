/** Query keys of the accounting screens: `['invoices']` refreshes every page of every filter. */
export const accountingKeys = {
  invoices: (filters: object, page: string | null) => ['invoices', filters, page] as const,
  invoicesAll: ['invoices'] as const,
  invoice: (id: number) => ['invoice', id] as const,
  journal: (filters: object, page: string | null) => ['journal', filters, page] as const,
};

/**
 * Every TanStack Query key of the console, in one place: features read with them, the live event
 * stream (live-events.ts) invalidates with them. A key's first part is its family: invalidating
 * `['runs']` refreshes every page of every filter.
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  dashboard: (hours: number) => ['dashboard', hours] as const,
  dashboardAll: ['dashboard'] as const,
  stores: ['stores'] as const,
  store: (store: string) => ['store', store] as const,
  storeAll: ['store'] as const,
  storeLive: (store: string) => ['store-live', store] as const,
  storeFeeds: (store: string) => ['store-feeds', store] as const,
  storeFeedsAll: ['store-feeds'] as const,
  goLive: (store: string) => ['golive', store] as const,
  goLiveAll: ['golive'] as const,
  feeds: ['feeds'] as const,
  settingsReference: ['settings-reference'] as const,
  masterData: ['master-data'] as const,
  runs: (filters: object, page: string | null) => ['runs', filters, page] as const,
  runsAll: ['runs'] as const,
  run: (id: number) => ['run', id] as const,
  requestLog: (filters: object, page: string | null) => ['request-log', filters, page] as const,
  requestLogEntry: (id: number) => ['request-log-entry', id] as const,
  users: ['users'] as const,
  userTokens: (user: string) => ['user-tokens', user] as const,
};

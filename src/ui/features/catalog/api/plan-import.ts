import { useMutation } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import type { ApiImportPlan } from './catalog-types';

/** The feeds with a plan, and what their records are. */
export const PLANNED_FEEDS = ['import-products', 'import-customers', 'export-products'] as const;
export type PlannedFeed = (typeof PLANNED_FEEDS)[number];

/**
 * `POST /stores/{store}/feeds/{feed}/plan`: reads the store (and the hub, for the export) and
 * answers what a run would do with each record; writes nothing. Can take a while on a big store: the page waits on it.
 */
export const planImport = ({
  store,
  feed,
  notImported,
}: {
  store: string;
  feed: PlannedFeed;
  notImported: boolean;
}): Promise<{ plan: ApiImportPlan }> =>
  api.post(`/stores/${segment(store)}/feeds/${segment(feed)}/plan`, notImported ? { notImported } : {});

export const usePlanImport = () => useMutation({ mutationFn: planImport });

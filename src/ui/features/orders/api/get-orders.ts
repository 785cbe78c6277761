import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { orderKeys } from './order-keys';
import type { ApiHubOrderStatus, ApiOrderSummary } from './order-types';

/** What the orders list can be narrowed to (each maps to a query parameter of `GET /orders`). */
export interface OrderFilters {
  readonly store?: string | undefined;
  readonly status?: ApiHubOrderStatus | undefined;
  /** The store's state id (only with a store: state ids are the store's). */
  readonly storeState?: number | undefined;
  /** `YYYY-MM-DD`, UTC days, both included. */
  readonly placedFrom?: string | undefined;
  readonly placedTo?: string | undefined;
  readonly updatedFrom?: string | undefined;
  readonly updatedTo?: string | undefined;
  /** Hub customer id, e-mail, or the start of the last name. */
  readonly customer?: string | undefined;
  readonly reference?: string | undefined;
}

export const ORDERS_PAGE_SIZE = 50;

/**
 * `GET /orders`: newest first, one page at a time. `page` is the `next` path of the page before
 * (the server builds it with the filters and the cursor); null for the first page.
 */
export const getOrders = (filters: OrderFilters, page: string | null): Promise<ApiList<ApiOrderSummary>> =>
  page !== null ? api.get(page) : api.get('/orders', { query: { ...filters, limit: ORDERS_PAGE_SIZE } });

export const getOrdersQueryOptions = (filters: OrderFilters, page: string | null) =>
  queryOptions({
    queryKey: orderKeys.list(filters, page),
    queryFn: () => getOrders(filters, page),
    placeholderData: keepPreviousData,
  });

export const useOrders = (filters: OrderFilters, page: string | null) =>
  useQuery(getOrdersQueryOptions(filters, page));

import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { type ApiCustomerRow, customerKeys } from './customer-types';

export const CUSTOMERS_PAGE_SIZE = 50;

/** `GET /customers`: by id, searchable by e-mail or name; `page` is the `next` of the page before. */
export const getCustomers = (
  search: string | undefined,
  page: string | null,
): Promise<ApiList<ApiCustomerRow>> =>
  page !== null ? api.get(page) : api.get('/customers', { query: { search, limit: CUSTOMERS_PAGE_SIZE } });

export const useCustomers = (search: string | undefined, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: customerKeys.customers(search, page),
      queryFn: () => getCustomers(search, page),
      placeholderData: keepPreviousData,
    }),
  );

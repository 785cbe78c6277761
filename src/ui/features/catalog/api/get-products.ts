import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { type ApiProductRow, catalogKeys } from './catalog-types';

export interface ProductFilters {
  /** SKU, barcode, name or reference, anywhere. */
  readonly search?: string | undefined;
  /** Only variants a store sells (its name). */
  readonly store?: string | undefined;
}

export const PRODUCTS_PAGE_SIZE = 50;

/** `GET /products`: one row per variant, by id; `page` is the `next` of the page before. */
export const getProducts = (filters: ProductFilters, page: string | null): Promise<ApiList<ApiProductRow>> =>
  page !== null
    ? api.get(page)
    : api.get('/products', {
        query: { search: filters.search, store: filters.store, limit: PRODUCTS_PAGE_SIZE },
      });

export const getProductsQueryOptions = (filters: ProductFilters, page: string | null) =>
  queryOptions({
    queryKey: catalogKeys.products(filters, page),
    queryFn: () => getProducts(filters, page),
    placeholderData: keepPreviousData,
  });

export const useProducts = (filters: ProductFilters, page: string | null) =>
  useQuery(getProductsQueryOptions(filters, page));

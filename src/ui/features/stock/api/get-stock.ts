import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { ApiList } from '../../../api/types';
import { api } from '../../../lib/api-client';
import { stockKeys } from './stock-keys';
import type { ApiStockItem, ApiStockKit, ApiStockMovement } from './stock-types';

export interface StockFilters {
  /** Exact SKU (variants without stock too). */
  readonly sku?: string | undefined;
  /** Location code: only variants with stock there. */
  readonly location?: string | undefined;
}

export const STOCK_PAGE_SIZE = 50;

/** `GET /stock`: variants in id order with on hand per location, reserved and sellable per store. */
export const getStock = (filters: StockFilters, page: string | null): Promise<ApiList<ApiStockItem>> =>
  page !== null ? api.get(page) : api.get('/stock', { query: { ...filters, limit: STOCK_PAGE_SIZE } });

export const useStock = (filters: StockFilters, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: stockKeys.levels(filters, page),
      queryFn: () => getStock(filters, page),
      placeholderData: keepPreviousData,
    }),
  );

/** One variant's stock row (`GET /stock?variantId=`), listed even without stock. */
export const useStockOfVariant = (variantId: number) =>
  useQuery(
    queryOptions({
      queryKey: stockKeys.variant(variantId),
      queryFn: async () =>
        (await api.get<ApiList<ApiStockItem>>('/stock', { query: { variantId, limit: 1 } })).items[0] ?? null,
    }),
  );

/** `GET /stock/{variantId}/movements`: the ledger, newest first. */
export const useStockMovements = (variantId: number, page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: stockKeys.movements(variantId, page),
      queryFn: (): Promise<ApiList<ApiStockMovement>> =>
        page !== null ? api.get(page) : api.get(`/stock/${variantId}/movements`, { query: { limit: 50 } }),
      placeholderData: keepPreviousData,
    }),
  );

/** `GET /stock/kits`: kits with their components. */
export const useStockKits = (page: string | null) =>
  useQuery(
    queryOptions({
      queryKey: stockKeys.kits(page),
      queryFn: (): Promise<ApiList<ApiStockKit>> =>
        page !== null ? api.get(page) : api.get('/stock/kits', { query: { limit: 50 } }),
      placeholderData: keepPreviousData,
    }),
  );

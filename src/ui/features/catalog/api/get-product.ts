import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { type ApiProduct, type ApiProductStores, catalogKeys } from './catalog-types';

/** `GET /products/{id}`: one product with its variants. */
export const getProduct = (id: number): Promise<ApiProduct> => api.get(`/products/${segment(id)}`);

export const useProduct = (id: number) =>
  useQuery(queryOptions({ queryKey: catalogKeys.product(id), queryFn: () => getProduct(id) }));

/** `GET /products/{id}/stores`: the stores that sell it, with its ids there. */
export const getProductStores = (id: number): Promise<{ stores: ApiProductStores }> =>
  api.get(`/products/${segment(id)}/stores`);

export const useProductStores = (id: number) =>
  useQuery(queryOptions({ queryKey: catalogKeys.productStores(id), queryFn: () => getProductStores(id) }));

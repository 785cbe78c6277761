import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { type ApiProduct, type ApiProductBody, type ApiProductPatch, catalogKeys } from './catalog-types';

/** `POST /products`: a product of the hub's own (export-products then adds it to the stores). */
export const addProduct = (body: ApiProductBody): Promise<ApiProduct> => api.post('/products', body);

/** `PATCH /products/{id}`: the fields given replace the product's. */
export const updateProduct = ({ id, patch }: { id: number; patch: ApiProductPatch }): Promise<ApiProduct> =>
  api.patch(`/products/${segment(id)}`, patch);

export function useAddProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addProduct,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.productsAll });
    },
  });
}

export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProduct,
    onSuccess: async (product) => {
      queryClient.setQueryData(catalogKeys.product(product.id), product);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.productsAll });
    },
  });
}

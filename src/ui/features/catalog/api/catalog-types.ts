/**
 * The catalog's wire types, from the generated API description, and its query keys (kept here so
 * that the catalog screens add nothing to the shared lists).
 */
import type { components, operations } from '../../../api/schema.gen';

type Schemas = components['schemas'];

export type ApiProductRow = Schemas['ApiProductRow'];
export type ApiProduct = Schemas['ApiProduct'];
export type ApiProductVariant = ApiProduct['variants'][number];
export type ApiProductBody = NonNullable<
  operations['postProducts']['requestBody']
>['content']['application/json'];
export type ApiProductPatch = NonNullable<
  operations['patchProductsId']['requestBody']
>['content']['application/json'];
export type ApiProductStores =
  operations['getProductsIdStores']['responses'][200]['content']['application/json']['stores'];
export type ApiImportPlan =
  operations['postStoresStoreFeedsFeedPlan']['responses'][200]['content']['application/json']['plan'];
export type ApiImportPlanEntry = ApiImportPlan['entries'][number];
export type ApiImportPlanAction = ApiImportPlanEntry['action'];

export const catalogKeys = {
  productsAll: ['products'] as const,
  products: (filters: object, page: string | null) => ['products', filters, page] as const,
  product: (id: number) => ['product', id] as const,
  productStores: (id: number) => ['product-stores', id] as const,
};

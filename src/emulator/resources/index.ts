import type { ResourceDefinition } from '../resource-definition.js';
import { addressesResource } from './addresses.resource.js';
import { carriersResource } from './carriers.resource.js';
import { categoriesResource } from './categories.resource.js';
import { combinationsResource } from './combinations.resource.js';
import { currenciesResource } from './currencies.resource.js';
import { customersResource } from './customers.resource.js';
import { imagesResource } from './images.resource.js';
import { languagesResource } from './languages.resource.js';
import { orderHistoriesResource } from './order-histories.resource.js';
import { orderStatesResource } from './order-states.resource.js';
import { ordersResource } from './orders.resource.js';
import { productOptionValuesResource } from './product-option-values.resource.js';
import { productOptionsResource } from './product-options.resource.js';
import { productsResource } from './products.resource.js';
import { shopsResource } from './shops.resource.js';
import { stockAvailablesResource } from './stock-availables.resource.js';
import { suppliersResource } from './suppliers.resource.js';
import { taxRuleGroupsResource } from './tax-rule-groups.resource.js';
import { taxesResource } from './taxes.resource.js';
export type { ApiResourceEntry } from './api-resource-table.js';
export { apiResourceTable } from './api-resource-table.js';

const definitions: readonly ResourceDefinition[] = [
  addressesResource,
  carriersResource,
  categoriesResource,
  combinationsResource,
  currenciesResource,
  customersResource,
  imagesResource,
  languagesResource,
  orderHistoriesResource,
  orderStatesResource,
  ordersResource,
  productOptionValuesResource,
  productOptionsResource,
  productsResource,
  shopsResource,
  stockAvailablesResource,
  suppliersResource,
  taxRuleGroupsResource,
  taxesResource,
];

/**
 * Every resource the emulator serves, by URL name. A name listed in `apiResourceTable` but absent
 * here is one the emulator does not model: answer it the way the store answers an empty resource.
 *
 * @example
 * const products = resourceDefinitions.get('products');
 * products?.fields[0]?.name; // 'id'
 */
export const resourceDefinitions: ReadonlyMap<string, ResourceDefinition> = new Map(
  definitions.map((definition) => [definition.name, definition]),
);

import type { ResourceDefinition } from '../resource-definition.js';
import { addressesResource } from './addresses.resource.js';
import { carriersResource } from './carriers.resource.js';
import { cartsResource } from './carts.resource.js';
import { categoriesResource } from './categories.resource.js';
import { combinationsResource } from './combinations.resource.js';
import { configurationsResource } from './configurations.resource.js';
import { countriesResource } from './countries.resource.js';
import { currenciesResource } from './currencies.resource.js';
import { customerMessagesResource } from './customer-messages.resource.js';
import { customerThreadsResource } from './customer-threads.resource.js';
import { customersResource } from './customers.resource.js';
import { groupsResource } from './groups.resource.js';
import { imagesResource } from './images.resource.js';
import { languagesResource } from './languages.resource.js';
import { manufacturersResource } from './manufacturers.resource.js';
import { messagesResource } from './messages.resource.js';
import { orderCarriersResource } from './order-carriers.resource.js';
import { orderDetailsResource } from './order-details.resource.js';
import { orderHistoriesResource } from './order-histories.resource.js';
import { orderPaymentsResource } from './order-payments.resource.js';
import { orderSlipResource } from './order-slip.resource.js';
import { orderStatesResource } from './order-states.resource.js';
import { ordersResource } from './orders.resource.js';
import { productFeatureValuesResource } from './product-feature-values.resource.js';
import { productFeaturesResource } from './product-features.resource.js';
import { productOptionValuesResource } from './product-option-values.resource.js';
import { productOptionsResource } from './product-options.resource.js';
import { productSuppliersResource } from './product-suppliers.resource.js';
import { productsResource } from './products.resource.js';
import { shopGroupsResource } from './shop-groups.resource.js';
import { shopsResource } from './shops.resource.js';
import { specificPricesResource } from './specific-prices.resource.js';
import { statesResource } from './states.resource.js';
import { stockAvailablesResource } from './stock-availables.resource.js';
import { suppliersResource } from './suppliers.resource.js';
import { tagsResource } from './tags.resource.js';
import { taxRuleGroupsResource } from './tax-rule-groups.resource.js';
import { taxRulesResource } from './tax-rules.resource.js';
import { taxesResource } from './taxes.resource.js';
import { zonesResource } from './zones.resource.js';
export type { ApiResourceEntry } from './api-resource-table.js';
export { apiResourceTable } from './api-resource-table.js';

const definitions: readonly ResourceDefinition[] = [
  addressesResource,
  carriersResource,
  cartsResource,
  categoriesResource,
  combinationsResource,
  configurationsResource,
  countriesResource,
  currenciesResource,
  customerMessagesResource,
  customerThreadsResource,
  customersResource,
  groupsResource,
  imagesResource,
  languagesResource,
  manufacturersResource,
  messagesResource,
  orderCarriersResource,
  orderDetailsResource,
  orderHistoriesResource,
  orderPaymentsResource,
  orderSlipResource,
  orderStatesResource,
  ordersResource,
  productFeatureValuesResource,
  productFeaturesResource,
  productOptionValuesResource,
  productOptionsResource,
  productSuppliersResource,
  productsResource,
  shopGroupsResource,
  shopsResource,
  specificPricesResource,
  statesResource,
  stockAvailablesResource,
  suppliersResource,
  tagsResource,
  taxRuleGroupsResource,
  taxRulesResource,
  taxesResource,
  zonesResource,
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

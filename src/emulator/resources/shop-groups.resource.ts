import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `shop_groups`: checked field by field against PrestaShop 8.1.2's `ShopGroup` (`$definition`; no
 * `$webserviceParameters`) and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/shop_groups.*`): the context shop's group is loaded before the
 * webservice runs, so its booleans are JSON numbers (`"share_stock":0`), as for the context shop.
 */
export const shopGroupsResource: ResourceDefinition = {
  name: 'shop_groups',
  singular: 'shop_group',
  description: 'Shop groups from multi-shop feature',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  contextRecord: 'context-shop-group',
  fields: [
    { name: 'id', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 64, json: 'string' },
    { name: 'color', format: 'isColor', json: 'string' },
    { name: 'share_customer', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'share_order', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'share_stock', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'active', format: 'isBool', json: 'string', contextJson: 'number' },
    { name: 'deleted', format: 'isBool', json: 'string', contextJson: 'number' },
  ],
  associations: [],
};

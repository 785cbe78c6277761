import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `shop_groups`: not recorded; fields from `ShopGroup::$definition`.
 */
export const shopGroupsResource: ResourceDefinition = {
  name: 'shop_groups',
  singular: 'shop_group',
  description: 'Shop groups from multi-shop feature',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'name', format: 'isGenericName', required: true, maxSize: 64, json: 'string' },
    // unverified: color (8.x) placed after name; its position is not recorded.
    { name: 'color', format: 'isColor', json: 'string' },
    { name: 'share_customer', format: 'isBool', json: 'string' },
    { name: 'share_order', format: 'isBool', json: 'string' },
    { name: 'share_stock', format: 'isBool', json: 'string' },
    { name: 'active', format: 'isBool', json: 'string' },
    { name: 'deleted', format: 'isBool', json: 'string' },
  ],
  associations: [],
};

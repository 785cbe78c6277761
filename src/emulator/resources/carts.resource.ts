import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `carts`: checked field by field against PrestaShop 8.1.2's `Cart` (`$definition`,
 * `$webserviceParameters`: six xlinked ids first, `cart_rows` a virtual entity written through
 * `setWsCartRows`) and against the project's recordings of the development 8.1.2 store
 * (`test/fixtures/realstore/carts.*`) and the shared `q.cart-1.json`.
 */
export const cartsResource: ResourceDefinition = {
  name: 'carts',
  singular: 'cart',
  description: "Customer's carts",
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'id_address_delivery', format: 'isUnsignedId', xlink: 'addresses', json: 'number' },
    { name: 'id_address_invoice', format: 'isUnsignedId', xlink: 'addresses', json: 'number' },
    { name: 'id_currency', format: 'isUnsignedId', required: true, xlink: 'currencies', json: 'number' },
    { name: 'id_customer', format: 'isUnsignedId', xlink: 'customers', json: 'number' },
    { name: 'id_guest', format: 'isUnsignedId', xlink: 'guests', json: 'number' },
    { name: 'id_lang', format: 'isUnsignedId', required: true, xlink: 'languages', json: 'number' },
    { name: 'id_shop_group', format: 'isUnsignedId', json: 'number' },
    { name: 'id_shop', format: 'isUnsignedId', json: 'number' },
    { name: 'id_carrier', format: 'isUnsignedId', json: 'number' },
    { name: 'recyclable', format: 'isBool', json: 'string' },
    { name: 'gift', format: 'isBool', json: 'string' },
    { name: 'gift_message', format: 'isMessage', json: 'string' },
    { name: 'mobile_theme', format: 'isBool', json: 'string' },
    { name: 'delivery_option', json: 'string' },
    { name: 'secure_key', maxSize: 32, json: 'string' },
    { name: 'allow_seperated_package', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [
    {
      name: 'cart_rows',
      nodeType: 'cart_row',
      virtualEntity: true,
      writable: true,
      fields: [
        { name: 'id_product', required: true, xlink: 'products', json: 'number' },
        { name: 'id_product_attribute', required: true, xlink: 'combinations', json: 'number' },
        { name: 'id_address_delivery', required: true, xlink: 'addresses', json: 'number' },
        { name: 'id_customization', xlink: 'customizations', json: 'number' },
        { name: 'quantity', required: true, json: 'number' },
      ],
    },
  ],
};

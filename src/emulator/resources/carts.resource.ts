import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `carts`: not recorded; the field order and the `cart_rows` sub-fields and JSON kinds are confirmed by the recording `q.cart-1.json` (a single record, so zero/empty fields were dropped there); the rest from `Cart::$definition`.
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
    // unverified: isCleanHtml (8.x); isMessage in 1.6.
    { name: 'gift_message', format: 'isCleanHtml', json: 'string' },
    { name: 'mobile_theme', format: 'isBool', json: 'string' },
    { name: 'delivery_option', json: 'string' },
    { name: 'secure_key', maxSize: 32, json: 'string' },
    { name: 'allow_seperated_package', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [
    {
      // unverified: writable through Cart::setWsCartRows; id_customization not required.
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

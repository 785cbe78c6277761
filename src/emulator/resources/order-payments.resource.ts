import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_payments`: not recorded; fields from `OrderPayment::$definition`; no webservice overrides, so no xlinks.
 */
export const orderPaymentsResource: ResourceDefinition = {
  name: 'order_payments',
  singular: 'order_payment',
  description: 'The Order payments',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'order_reference', format: 'isAnything', maxSize: 9, json: 'string' },
    { name: 'id_currency', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'amount', format: 'isNegativePrice', required: true, json: 'string' },
    { name: 'payment_method', format: 'isGenericName', json: 'string' },
    { name: 'conversion_rate', format: 'isFloat', json: 'string' },
    { name: 'transaction_id', format: 'isAnything', maxSize: 254, json: 'string' },
    { name: 'card_number', format: 'isAnything', maxSize: 254, json: 'string' },
    { name: 'card_brand', format: 'isAnything', maxSize: 254, json: 'string' },
    { name: 'card_expiration', format: 'isAnything', maxSize: 254, json: 'string' },
    { name: 'card_holder', format: 'isAnything', maxSize: 254, json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    // unverified: id_employee added to order payments in 8.0; position after date_add assumed.
    { name: 'id_employee', format: 'isUnsignedId', json: 'number' },
  ],
  associations: [],
};

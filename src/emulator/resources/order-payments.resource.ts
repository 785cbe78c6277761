import type { ResourceDefinition } from '../resource-definition.js';

/**
 * `order_payments`: checked field by field against PrestaShop 8.1.2's `OrderPayment` (`$definition`;
 * no `$webserviceParameters`, so no xlinks) and against the project's recordings of the development
 * 8.1.2 store (`test/fixtures/realstore/order_payments.*`, an empty list: the schemas only). The
 * reference and card fields declare a size but no rule (no `format`); `amount` is `isPrice`.
 * `id_employee` (8.0+) is the only `allow_null` field: a payment PrestaShop records itself
 * (`validateOrder`, a paid order state) leaves it NULL, which JSON writes `""`.
 */
export const orderPaymentsResource: ResourceDefinition = {
  name: 'order_payments',
  singular: 'order_payment',
  description: 'The Order payments',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    { name: 'order_reference', maxSize: 9, json: 'string' },
    { name: 'id_currency', format: 'isUnsignedId', required: true, json: 'number' },
    { name: 'amount', format: 'isPrice', required: true, json: 'string' },
    { name: 'payment_method', format: 'isGenericName', json: 'string' },
    { name: 'conversion_rate', format: 'isFloat', json: 'string' },
    { name: 'transaction_id', maxSize: 254, json: 'string' },
    { name: 'card_number', maxSize: 254, json: 'string' },
    { name: 'card_brand', maxSize: 254, json: 'string' },
    { name: 'card_expiration', maxSize: 254, json: 'string' },
    { name: 'card_holder', maxSize: 254, json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'id_employee', format: 'isUnsignedId', json: 'number', default: null },
  ],
  associations: [],
};

import type { ResourceDefinition } from '../resource-definition.js';

/** `addresses`: derived from the recorded 8.1.2 synopsis, full list and JSON of this resource. */
export const addressesResource: ResourceDefinition = {
  name: 'addresses',
  singular: 'address',
  description: 'The Customer, Brand and Customer addresses',
  verbs: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
  schemaLinks: true,
  fields: [
    { name: 'id', json: 'number' },
    // xlink from Address's $webserviceParameters: the recorded addresses are a supplier's and a brand's (0 here).
    { name: 'id_customer', format: 'isNullOrUnsignedId', xlink: 'customers', json: 'number' },
    { name: 'id_manufacturer', format: 'isNullOrUnsignedId', xlink: 'manufacturers', json: 'number' },
    { name: 'id_supplier', format: 'isNullOrUnsignedId', xlink: 'suppliers', json: 'number' },
    // 8.1.2's Address declares `xlink_resource => 'warehouse'`, a resource no store serves (the
    // resource is `warehouses`); the recorded addresses all hold 0, so the link never showed there.
    { name: 'id_warehouse', format: 'isNullOrUnsignedId', xlink: 'warehouse', json: 'number' },
    { name: 'id_country', format: 'isUnsignedId', required: true, xlink: 'countries', json: 'number' },
    { name: 'id_state', format: 'isNullOrUnsignedId', xlink: 'states', json: 'number' },
    { name: 'alias', format: 'isGenericName', required: true, maxSize: 32, json: 'string' },
    { name: 'company', format: 'isGenericName', maxSize: 255, json: 'string' },
    { name: 'lastname', format: 'isName', required: true, maxSize: 255, json: 'string' },
    { name: 'firstname', format: 'isName', required: true, maxSize: 255, json: 'string' },
    { name: 'vat_number', format: 'isGenericName', json: 'string' },
    { name: 'address1', format: 'isAddress', required: true, maxSize: 128, json: 'string' },
    { name: 'address2', format: 'isAddress', maxSize: 128, json: 'string' },
    { name: 'postcode', format: 'isPostCode', maxSize: 12, json: 'string' },
    { name: 'city', format: 'isCityName', required: true, maxSize: 64, json: 'string' },
    { name: 'other', format: 'isMessage', maxSize: 300, json: 'string' },
    { name: 'phone', format: 'isPhoneNumber', maxSize: 32, json: 'string' },
    { name: 'phone_mobile', format: 'isPhoneNumber', maxSize: 32, json: 'string' },
    { name: 'dni', format: 'isDniLite', maxSize: 16, json: 'string' },
    { name: 'deleted', format: 'isBool', json: 'string' },
    { name: 'date_add', format: 'isDate', json: 'string' },
    { name: 'date_upd', format: 'isDate', json: 'string' },
  ],
  associations: [],
};

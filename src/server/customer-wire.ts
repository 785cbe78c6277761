/**
 * What the API sends about customers (`ApiCustomerRow` in lists, `ApiCustomer` for one), with the
 * JSON schemas the routes refer to: their addresses and phones, the stores they come from (with the
 * store's id of them), and their orders.
 */
import type { Binding, Customer, CustomerAddress, CustomerOrder } from '../hub/index.js';

/** One store a customer comes from, and their id there. */
export interface ApiCustomerStore {
  readonly storeId: number;
  readonly externalId: string;
}

export interface ApiCustomerRow {
  readonly id: number;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly active: boolean;
  /** Every phone of their addresses still in use, each once. */
  readonly phones: readonly string[];
  /** Addresses not deleted in the store. */
  readonly addressCount: number;
  readonly stores: readonly ApiCustomerStore[];
}

export interface ApiCustomer extends ApiCustomerRow {
  readonly gender: string;
  readonly birthday: string | null;
  readonly newsletter: boolean;
  readonly addressChoice: string | null;
  readonly addresses: readonly CustomerAddress[];
  readonly orders: readonly CustomerOrder[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

function phonesOf(customer: Customer): string[] {
  const phones = customer.addresses
    .filter((address) => !address.deleted)
    .flatMap((address) => [address.phone, address.phoneMobile])
    .filter((phone): phone is string => phone !== null);
  return [...new Set(phones)];
}

/** The stores each customer comes from, from their `customers` bindings. */
export function storesByCustomer(bindings: readonly Binding[]): Map<number, ApiCustomerStore[]> {
  const stores = new Map<number, ApiCustomerStore[]>();
  for (const binding of bindings) {
    if (binding.deletedAt !== null) continue;
    stores.set(binding.localId, [
      ...(stores.get(binding.localId) ?? []),
      { storeId: binding.storeId, externalId: binding.externalId },
    ]);
  }
  return stores;
}

export function toApiCustomerRow(customer: Customer, stores: readonly ApiCustomerStore[]): ApiCustomerRow {
  return {
    id: customer.id,
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    company: customer.company,
    active: customer.active,
    phones: phonesOf(customer),
    addressCount: customer.addresses.filter((address) => !address.deleted).length,
    stores,
  };
}

export function toApiCustomer(
  customer: Customer,
  stores: readonly ApiCustomerStore[],
  orders: readonly CustomerOrder[],
): ApiCustomer {
  return {
    ...toApiCustomerRow(customer, stores),
    gender: customer.gender,
    birthday: customer.birthday,
    newsletter: customer.newsletter,
    addressChoice: customer.addressChoice,
    addresses: customer.addresses,
    orders,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

const text = { type: 'string' } as const;
const integer = { type: 'integer' } as const;
const nullableText = { type: ['string', 'null'] } as const;
const instant = { type: 'string', format: 'date-time' } as const;

function record(properties: Record<string, object>, description?: string) {
  return {
    type: 'object',
    ...(description === undefined ? {} : { description }),
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  } as const;
}

const rowProperties = {
  id: integer,
  email: text,
  firstName: text,
  lastName: text,
  company: nullableText,
  active: { type: 'boolean' },
  phones: { type: 'array', items: text, description: 'Phones of the addresses in use, each once.' },
  addressCount: { type: 'integer', description: 'Addresses not deleted in the store.' },
  stores: {
    type: 'array',
    description: 'The stores the customer comes from, with their id there.',
    items: record({ storeId: integer, externalId: text }),
  },
} as const;

export const apiCustomerRowSchema = {
  $id: 'ApiCustomerRow',
  ...record(rowProperties, 'A customer, as the customer list shows them.'),
} as const;

export const apiCustomerSchema = {
  $id: 'ApiCustomer',
  ...record(
    {
      ...rowProperties,
      gender: text,
      birthday: { ...nullableText, description: 'YYYY-MM-DD.' },
      newsletter: { type: 'boolean' },
      addressChoice: {
        ...nullableText,
        description: 'last-order or store-default (the rule chose), user, or null (not chosen yet).',
      },
      addresses: {
        type: 'array',
        items: record({
          id: integer,
          role: {
            type: ['string', 'null'],
            enum: ['billing', 'delivery', 'both', null],
            description: 'What the address is to the customer; null: neither.',
          },
          alias: nullableText,
          firstName: text,
          lastName: text,
          company: nullableText,
          address1: text,
          address2: nullableText,
          postcode: nullableText,
          city: text,
          state: nullableText,
          countryIso: nullableText,
          phone: nullableText,
          phoneMobile: nullableText,
          vatNumber: nullableText,
          deleted: { type: 'boolean', description: 'Deleted in the store (kept for the orders naming it).' },
        }),
      },
      orders: {
        type: 'array',
        description: 'Their orders in every store, newest first (the last 50).',
        items: record({
          id: integer,
          storeId: integer,
          reference: nullableText,
          currency: text,
          totalPaidTaxIncl: { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' },
          hubStatus: text,
          placedAt: instant,
        }),
      },
      createdAt: instant,
      updatedAt: instant,
    },
    'A customer with their addresses, phones, stores and orders.',
  ),
} as const;

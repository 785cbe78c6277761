import type { Customer } from '../../hub/index.js';
import type { RouteRegistration } from '../api-context.js';
import { ApiError } from '../api-errors.js';
import { errorRef } from '../api-wire-schemas.js';
import { idParams } from '../route-schemas.js';

const body = {
  type: 'object',
  additionalProperties: false,
  properties: {
    billingAddressId: { type: 'integer', minimum: 1, description: 'The hub address that bills.' },
    deliveryAddressId: {
      type: 'integer',
      minimum: 1,
      description: 'The hub address that delivers (may be the billing one).',
    },
    auto: {
      type: 'boolean',
      description: "true: hand the choice back to the store's customers.addressChoice rule (next import).",
    },
  },
} as const;

const address = {
  type: 'object',
  required: ['id', 'role', 'alias', 'address1', 'city', 'countryIso', 'deleted'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    role: { type: ['string', 'null'], enum: ['billing', 'delivery', 'both', null] },
    alias: { type: ['string', 'null'] },
    address1: { type: 'string' },
    city: { type: 'string' },
    countryIso: { type: ['string', 'null'] },
    deleted: { type: 'boolean' },
  },
} as const;

const schema = {
  summary: "Choose a customer's billing and delivery address",
  description:
    'With `billingAddressId` and `deliveryAddressId`: records them with their role, and imports leave them ' +
    "alone from then on (`addressChoice: user`). With `auto: true`: the store's `customers.addressChoice` rule " +
    '(last order, store default) chooses again at the next import-customers.',
  tags: ['customers'],
  params: idParams,
  body,
  response: {
    200: {
      type: 'object',
      required: ['customer'],
      additionalProperties: false,
      properties: {
        customer: {
          type: 'object',
          required: ['id', 'email', 'addressChoice', 'addresses'],
          additionalProperties: false,
          properties: {
            id: { type: 'integer' },
            email: { type: 'string' },
            addressChoice: {
              type: ['string', 'null'],
              description: 'last-order or store-default (the rule chose), user, or null (not chosen yet).',
            },
            addresses: { type: 'array', items: address },
          },
        },
      },
    },
    400: errorRef,
    404: errorRef,
    422: errorRef,
  },
} as const;

function toApiCustomerAddresses(customer: Customer) {
  return {
    id: customer.id,
    email: customer.email,
    addressChoice: customer.addressChoice,
    addresses: customer.addresses.map((entry) => ({
      id: entry.id,
      role: entry.role,
      alias: entry.alias,
      address1: entry.address1,
      city: entry.city,
      countryIso: entry.countryIso,
      deleted: entry.deleted,
    })),
  };
}

/** `PUT /customers/:id/addresses`. */
export const registerChooseCustomerAddresses: RouteRegistration = (app, ctx) => {
  app.put<{
    Params: { id: number };
    Body: { billingAddressId?: number; deliveryAddressId?: number; auto?: boolean };
  }>('/customers/:id/addresses', { schema, config: { access: 'operator' } }, async (request) => {
    const { billingAddressId, deliveryAddressId, auto } = request.body;
    const choosing = billingAddressId !== undefined || deliveryAddressId !== undefined;
    if (auto === true && choosing) {
      throw new ApiError(
        400,
        'validation',
        'Give billingAddressId and deliveryAddressId, or auto: true, not both.',
        {
          field: 'body.auto',
        },
      );
    }
    if (auto === true)
      return {
        customer: toApiCustomerAddresses(await ctx.hub.customers.releaseAddressChoice(request.params.id)),
      };
    if (billingAddressId === undefined || deliveryAddressId === undefined) {
      throw new ApiError(
        400,
        'validation',
        'Give both billingAddressId and deliveryAddressId (the same id for both is fine), or auto: true.',
        { field: billingAddressId === undefined ? 'body.billingAddressId' : 'body.deliveryAddressId' },
      );
    }
    const customer = await ctx.hub.customers.chooseAddresses(request.params.id, {
      billingAddressId,
      deliveryAddressId,
    });
    return { customer: toApiCustomerAddresses(customer) };
  });
};

/** The customers' wire types, from the generated API description, and their query keys. */
import type { components } from '../../../api/schema.gen';

type Schemas = components['schemas'];

export type ApiCustomerRow = Schemas['ApiCustomerRow'];
export type ApiCustomer = Schemas['ApiCustomer'];
export type ApiCustomerAddress = ApiCustomer['addresses'][number];
export type ApiCustomerOrder = ApiCustomer['orders'][number];

export const customerKeys = {
  customersAll: ['customers'] as const,
  customers: (search: string | undefined, page: string | null) => ['customers', search ?? '', page] as const,
  customer: (id: number) => ['customer', id] as const,
};

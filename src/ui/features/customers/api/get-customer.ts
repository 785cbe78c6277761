import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { type ApiCustomer, customerKeys } from './customer-types';

/** `GET /customers/{id}`: addresses with their roles, phones, stores and orders. */
export const getCustomer = (id: number): Promise<ApiCustomer> => api.get(`/customers/${segment(id)}`);

export const useCustomer = (id: number) =>
  useQuery(queryOptions({ queryKey: customerKeys.customer(id), queryFn: () => getCustomer(id) }));

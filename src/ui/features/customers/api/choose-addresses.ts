import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { customerKeys } from './customer-types';

export type AddressChoice =
  { readonly billingAddressId: number; readonly deliveryAddressId: number } | { readonly auto: true };

/**
 * `PUT /customers/{id}/addresses`: the billing and delivery address a user chose (imports leave
 * them alone from then on), or `auto` to hand the choice back to the store's rule.
 */
export const chooseAddresses = ({ id, choice }: { id: number; choice: AddressChoice }): Promise<unknown> =>
  api.put(`/customers/${segment(id)}/addresses`, choice);

export function useChooseAddresses() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: chooseAddresses,
    onSuccess: async (_answer, { id }) => {
      await queryClient.invalidateQueries({ queryKey: customerKeys.customer(id) });
    },
  });
}

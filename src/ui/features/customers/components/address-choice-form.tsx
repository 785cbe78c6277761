/**
 * The choice of a customer's billing and delivery address when they have several: saved as the
 * user's (imports leave it alone), or handed back to the store's rule.
 */
import { type FormEvent, useState } from 'react';

import { ErrorBox } from '../../../components/error-box';
import { SelectField } from '../../../components/form-fields';
import { useToast } from '../../../components/toaster';
import { useChooseAddresses } from '../api/choose-addresses';
import type { ApiCustomer, ApiCustomerAddress } from '../api/customer-types';

export function addressLine(address: ApiCustomerAddress): string {
  return [address.alias, address.address1, address.postcode, address.city, address.countryIso]
    .filter((part) => part !== null && part !== '')
    .join(', ');
}

function idWithRole(addresses: readonly ApiCustomerAddress[], roles: readonly string[]): string {
  const found = addresses.find((address) => address.role !== null && roles.includes(address.role));
  return found ? String(found.id) : String(addresses[0]?.id ?? '');
}

export function AddressChoiceForm({ customer }: { readonly customer: ApiCustomer }) {
  const usable = customer.addresses.filter((address) => !address.deleted);
  const [billing, setBilling] = useState(() => idWithRole(usable, ['billing', 'both']));
  const [delivery, setDelivery] = useState(() => idWithRole(usable, ['delivery', 'both']));
  const choose = useChooseAddresses();
  const notify = useToast();
  const options = usable.map((address) => ({ value: String(address.id), label: addressLine(address) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    choose.mutate(
      {
        id: customer.id,
        choice: { billingAddressId: Number(billing), deliveryAddressId: Number(delivery) },
      },
      { onSuccess: () => notify('Addresses chosen; imports leave them as they are.') },
    );
  };

  return (
    <form className="inline-form" aria-label="Choose addresses" onSubmit={submit}>
      {choose.isError && <ErrorBox error={choose.error} title="The addresses were not chosen" />}
      <SelectField
        id="billing-address"
        label="Billing address"
        value={billing}
        onChange={setBilling}
        options={options}
      />
      <SelectField
        id="delivery-address"
        label="Delivery address"
        value={delivery}
        onChange={setDelivery}
        options={options}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={choose.isPending}>
          Save addresses
        </button>
        {customer.addressChoice === 'user' && (
          <button
            type="button"
            className="button"
            disabled={choose.isPending}
            onClick={() =>
              choose.mutate(
                { id: customer.id, choice: { auto: true } },
                { onSuccess: () => notify("The store's rule chooses again at the next import.") },
              )
            }
          >
            Let the store’s rule choose
          </button>
        )}
      </div>
    </form>
  );
}

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';

import type { ApiCustomer, ApiCustomerAddress } from '../../../src/ui/features/customers/api/customer-types';
import { CustomerDetail } from '../../../src/ui/features/customers/components/customer-detail';
import { json, stubApi } from '../support/api-stub';
import { renderConsole } from '../support/render';

const address = (id: number, city: string, role: ApiCustomerAddress['role']): ApiCustomerAddress => ({
  id,
  role,
  alias: null,
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: null,
  address1: `${id} rue Haute`,
  address2: null,
  postcode: '69001',
  city,
  state: null,
  countryIso: 'FR',
  phone: `01000000${id}`,
  phoneMobile: null,
  vatNumber: null,
  deleted: false,
});

const ada: ApiCustomer = {
  id: 3,
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  company: null,
  active: true,
  phones: ['0100000071', '0100000072'],
  addressCount: 2,
  stores: [{ storeId: 1, externalId: '12' }],
  gender: 'female',
  birthday: null,
  newsletter: false,
  addressChoice: 'last-order',
  addresses: [address(71, 'Lyon', 'both'), address(72, 'Nantes', null)],
  orders: [
    {
      id: 5,
      storeId: 1,
      reference: 'XKBKNABJK',
      currency: 'EUR',
      totalPaidTaxIncl: '20.950000',
      hubStatus: 'partially_shipped',
      placedAt: '2026-11-30T10:00:00.000Z',
    },
  ],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('customer', () => {
  test('shows addresses, phones, the store id and orders; an operator chooses the addresses', async () => {
    const stub = stubApi({ 'PUT /customers/3/addresses': json({ customer: ada }) });
    renderConsole(<CustomerDetail customer={ada} storeNames={new Map([[1, 'shop']])} canChoose />, {
      role: 'operator',
    });
    expect(screen.getByText('shop (id 12)')).toBeTruthy();
    expect(screen.getByText(/the last order's addresses/)).toBeTruthy();
    const orders = screen.getByRole('region', { name: 'Orders of the customer' });
    expect(within(orders).getByText('20.95 EUR')).toBeTruthy();
    expect(within(orders).getByText('partially shipped')).toBeTruthy();

    const user = userEvent.setup();
    // The current roles are the form's start: both on Lyon.
    expect(screen.getByLabelText<HTMLSelectElement>('Billing address').value).toBe('71');
    expect(screen.getByLabelText<HTMLSelectElement>('Delivery address').value).toBe('71');
    await user.selectOptions(screen.getByLabelText('Delivery address'), '72');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));
    await screen.findByText('Addresses chosen; imports leave them as they are.');
    expect(stub.calls('PUT /customers/3/addresses')[0]?.body).toEqual({
      billingAddressId: 71,
      deliveryAddressId: 72,
    });
  });

  test('a viewer reads, and is offered no choice', () => {
    renderConsole(<CustomerDetail customer={ada} storeNames={new Map()} canChoose={false} />, {
      role: 'viewer',
    });
    expect(screen.getByRole('region', { name: 'Addresses of the customer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save addresses' })).toBeNull();
  });
});

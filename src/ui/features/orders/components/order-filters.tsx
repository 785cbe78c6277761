import { useState } from 'react';

import { SelectField, TextField } from '../../../components/form-fields';
import type { OrderFilters } from '../api/get-orders';
import type { ApiHubOrderStatus } from '../api/order-types';
import { HUB_STATUS_LABELS } from './order-status';

/**
 * Filters of the orders list. Choices apply at once; typed text (customer, reference) and dates apply
 * with Apply (or Enter), so that each keystroke does not ask the server for a page.
 */
export function OrderFiltersForm({
  filters,
  onChange,
  stores,
  storeStates,
}: {
  readonly filters: OrderFilters;
  readonly onChange: (filters: OrderFilters) => void;
  readonly stores: readonly string[];
  /** The chosen store's order states (none until a store is chosen). */
  readonly storeStates: readonly { readonly id: number; readonly name: string }[];
}) {
  const [typed, setTyped] = useState({
    customer: filters.customer ?? '',
    reference: filters.reference ?? '',
    placedFrom: filters.placedFrom ?? '',
    placedTo: filters.placedTo ?? '',
    updatedFrom: filters.updatedFrom ?? '',
    updatedTo: filters.updatedTo ?? '',
  });
  const apply = () =>
    onChange({
      ...filters,
      customer: typed.customer.trim() || undefined,
      reference: typed.reference.trim() || undefined,
      placedFrom: typed.placedFrom || undefined,
      placedTo: typed.placedTo || undefined,
      updatedFrom: typed.updatedFrom || undefined,
      updatedTo: typed.updatedTo || undefined,
    });
  const text = (key: keyof typeof typed) => (value: string) => setTyped({ ...typed, [key]: value });
  return (
    <form
      className="filters"
      aria-label="Filter orders"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <SelectField
        id="orders-filter-store"
        label="Store"
        value={filters.store ?? ''}
        // A store's state ids mean nothing in another store: changing the store drops the state.
        onChange={(store) => onChange({ ...filters, store: store || undefined, storeState: undefined })}
        options={stores.map((name) => ({ value: name, label: name }))}
        emptyLabel="All stores"
      />
      <SelectField
        id="orders-filter-status"
        label="Hub status"
        value={filters.status ?? ''}
        onChange={(status) =>
          onChange({ ...filters, status: (status || undefined) as ApiHubOrderStatus | undefined })
        }
        options={Object.entries(HUB_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        emptyLabel="Any status"
      />
      <SelectField
        id="orders-filter-state"
        label="Store state"
        value={filters.storeState === undefined ? '' : String(filters.storeState)}
        onChange={(state) => onChange({ ...filters, storeState: state ? Number(state) : undefined })}
        options={storeStates.map((state) => ({ value: String(state.id), label: state.name }))}
        emptyLabel={filters.store ? 'Any state' : 'Choose a store first'}
        disabled={!filters.store}
      />
      <TextField
        id="orders-filter-customer"
        label="Customer"
        type="search"
        value={typed.customer}
        onChange={text('customer')}
        placeholder="Last name, e-mail or id"
      />
      <TextField
        id="orders-filter-reference"
        label="Reference"
        type="search"
        value={typed.reference}
        onChange={text('reference')}
      />
      <TextField
        id="orders-filter-placed-from"
        label="Placed from"
        type="date"
        value={typed.placedFrom}
        onChange={text('placedFrom')}
      />
      <TextField
        id="orders-filter-placed-to"
        label="Placed to"
        type="date"
        value={typed.placedTo}
        onChange={text('placedTo')}
      />
      <TextField
        id="orders-filter-updated-from"
        label="Updated from"
        type="date"
        value={typed.updatedFrom}
        onChange={text('updatedFrom')}
      />
      <TextField
        id="orders-filter-updated-to"
        label="Updated to"
        type="date"
        value={typed.updatedTo}
        onChange={text('updatedTo')}
      />
      <div className="filters-actions">
        <button type="submit" className="button">
          Apply
        </button>
      </div>
    </form>
  );
}

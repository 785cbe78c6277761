import { type FormEvent, useState } from 'react';

import type { ApiInvoiceKind } from '../../../api/back-office-types';
import { SelectField, TextField } from '../../../components/form-fields';
import { useStoreNames } from '../api/get-store-names';

export interface AccountingFilterValues {
  readonly store?: string | undefined;
  readonly kind?: ApiInvoiceKind | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

const KIND_OPTIONS = [
  { value: 'invoice', label: 'Invoices' },
  { value: 'credit_note', label: 'Credit notes' },
];

/** Store, date range (days, inclusive) and, for documents, invoices or credit notes. */
export function AccountingFilters({
  label,
  idPrefix,
  withKind,
  initial,
  onApply,
}: {
  readonly label: string;
  readonly idPrefix: string;
  readonly withKind: boolean;
  readonly initial: AccountingFilterValues;
  readonly onApply: (filters: AccountingFilterValues) => void;
}) {
  const stores = useStoreNames();
  const [store, setStore] = useState(initial.store ?? '');
  const [kind, setKind] = useState<string>(initial.kind ?? '');
  const [from, setFrom] = useState(initial.from ?? '');
  const [to, setTo] = useState(initial.to ?? '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      store: store || undefined,
      kind: withKind && kind !== '' ? (kind as ApiInvoiceKind) : undefined,
      from: from || undefined,
      to: to || undefined,
    });
  };
  return (
    <form className="filters" aria-label={label} onSubmit={onSubmit}>
      <SelectField
        id={`${idPrefix}-store`}
        label="Store"
        emptyLabel="Every store"
        value={store}
        onChange={setStore}
        options={stores.map((name) => ({ value: name, label: name }))}
      />
      {withKind && (
        <SelectField
          id={`${idPrefix}-kind`}
          label="Documents"
          emptyLabel="Invoices and credit notes"
          value={kind}
          onChange={setKind}
          options={KIND_OPTIONS}
        />
      )}
      <TextField id={`${idPrefix}-from`} label="From" type="date" value={from} onChange={setFrom} />
      <TextField id={`${idPrefix}-to`} label="To" type="date" value={to} onChange={setTo} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Show
        </button>
      </div>
    </form>
  );
}

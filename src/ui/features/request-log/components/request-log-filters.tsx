/**
 * Filters of the request log: store, status (ok / failed / an exact code), method, resource and a
 * time window in the viewer's time zone. Applied with the button (or Enter).
 */
import { type FormEvent, useState } from 'react';

import { SelectField, TextField } from '../../../components/form-fields';
import type { RequestLogFilters } from '../api/get-request-log';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** `2026-12-02T14:00` (a datetime-local input, viewer's zone) → ISO instant; '' → undefined. */
export function instantFromLocalInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** ISO instant → the datetime-local input's text in the viewer's zone. */
export function localInputFromInstant(value: string | undefined): string {
  if (!value) return '';
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

export function RequestLogFiltersForm({
  filters,
  onApply,
  stores,
}: {
  readonly filters: RequestLogFilters;
  readonly onApply: (filters: RequestLogFilters) => void;
  readonly stores: readonly string[];
}) {
  const exact = filters.status !== undefined && /^\d{3}$/.test(filters.status);
  const [store, setStore] = useState(filters.store ?? '');
  const [statusKind, setStatusKind] = useState(exact ? 'exact' : (filters.status ?? ''));
  const [code, setCode] = useState(exact ? (filters.status ?? '') : '');
  const [method, setMethod] = useState(filters.method ?? '');
  const [resource, setResource] = useState(filters.resource ?? '');
  const [from, setFrom] = useState(localInputFromInstant(filters.from));
  const [to, setTo] = useState(localInputFromInstant(filters.to));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const status = statusKind === 'exact' ? code.trim() || undefined : statusKind || undefined;
    onApply({
      store: store || undefined,
      status,
      method: method || undefined,
      resource: resource.trim() || undefined,
      from: instantFromLocalInput(from),
      to: instantFromLocalInput(to),
    });
  };

  return (
    <form className="filters" aria-label="Filter the request log" onSubmit={onSubmit}>
      <SelectField
        id="log-filter-store"
        label="Store"
        value={store}
        onChange={setStore}
        options={stores.map((name) => ({ value: name, label: name }))}
        emptyLabel="All stores"
      />
      <SelectField
        id="log-filter-status"
        label="Status"
        value={statusKind}
        onChange={setStatusKind}
        options={[
          { value: 'ok', label: 'OK (below 400)' },
          { value: 'failed', label: 'Failed (no answer, 400 and above)' },
          { value: 'exact', label: 'Exact code…' },
        ]}
        emptyLabel="Any status"
      />
      {statusKind === 'exact' && (
        <TextField
          id="log-filter-code"
          label="Status code"
          inputMode="numeric"
          placeholder="404"
          value={code}
          onChange={setCode}
        />
      )}
      <SelectField
        id="log-filter-method"
        label="Method"
        value={method}
        onChange={setMethod}
        options={METHODS.map((name) => ({ value: name, label: name }))}
        emptyLabel="Any method"
      />
      <TextField
        id="log-filter-resource"
        label="Resource"
        placeholder="stock_availables"
        value={resource}
        onChange={setResource}
      />
      <TextField id="log-filter-from" label="From" type="datetime-local" value={from} onChange={setFrom} />
      <TextField id="log-filter-to" label="To" type="datetime-local" value={to} onChange={setTo} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          Apply filters
        </button>
      </div>
    </form>
  );
}

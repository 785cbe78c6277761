import { useState } from 'react';

import { SelectField, TextField } from '../../../components/form-fields';
import { invoicesCsvPath, journalExportPath } from '../api/export-paths';
import { useStoreNames } from '../api/get-store-names';

/** The month so far, the range an accountant asks for most. */
function thisMonth(today = new Date()): { from: string; to: string } {
  const day = today.toISOString().slice(0, 10);
  return { from: `${day.slice(0, 8)}01`, to: day };
}

/**
 * Downloads for a date range: the invoices as CSV, the journal as CSV or FEC. The links follow the
 * fields as they are typed (no button to forget). A FEC is one company's: it needs one store.
 */
export function ExportLinks() {
  const stores = useStoreNames();
  const [store, setStore] = useState('');
  const [range, setRange] = useState(thisMonth);
  const chosen = {
    store: store || undefined,
    from: range.from || undefined,
    to: range.to || undefined,
  };
  return (
    <>
      <form className="filters" aria-label="Export range" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="export-store"
          label="Store"
          emptyLabel="Every store"
          value={store}
          onChange={setStore}
          options={stores.map((name) => ({ value: name, label: name }))}
        />
        <TextField
          id="export-from"
          label="From"
          type="date"
          value={range.from}
          onChange={(from) => setRange({ ...range, from })}
        />
        <TextField
          id="export-to"
          label="To"
          type="date"
          value={range.to}
          onChange={(to) => setRange({ ...range, to })}
        />
      </form>
      <ul className="plain-list export-links">
        <li>
          <a href={invoicesCsvPath(chosen)} download>
            Invoices (CSV)
          </a>
        </li>
        <li>
          <a href={journalExportPath(chosen, 'csv')} download>
            Journal (CSV)
          </a>
        </li>
        <li>
          {chosen.store ? (
            <a href={journalExportPath(chosen, 'fec')} download>
              Journal (FEC)
            </a>
          ) : (
            <span>Journal (FEC): choose one store — a FEC is one company’s.</span>
          )}
        </li>
      </ul>
    </>
  );
}

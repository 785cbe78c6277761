import { useState } from 'react';

import { type ExportRange, invoicesCsvPath, journalExportPath } from '../api/export-paths';
import { AccountingFilters } from './accounting-filters';

/** The month so far, the range an accountant asks for most. */
function thisMonth(today = new Date()): ExportRange {
  const day = today.toISOString().slice(0, 10);
  return { from: `${day.slice(0, 8)}01`, to: day };
}

/**
 * Downloads for a date range: the invoices as CSV, the journal as CSV or FEC. A FEC is one
 * company's: it needs one store.
 */
export function ExportLinks() {
  const [range, setRange] = useState<ExportRange>(thisMonth);
  return (
    <>
      <AccountingFilters
        label="Export range"
        idPrefix="export"
        withKind={false}
        initial={range}
        onApply={setRange}
        submitLabel="Set range"
      />
      <ul className="plain-list export-links">
        <li>
          <a href={invoicesCsvPath(range)} download>
            Invoices (CSV)
          </a>
        </li>
        <li>
          <a href={journalExportPath(range, 'csv')} download>
            Journal (CSV)
          </a>
        </li>
        <li>
          {range.store ? (
            <a href={journalExportPath(range, 'fec')} download>
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

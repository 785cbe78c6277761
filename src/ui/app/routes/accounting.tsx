import { useState } from 'react';
import { NavLink, useParams } from 'react-router';

import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { useInvoice } from '../../features/accounting/api/get-invoice';
import { useInvoices } from '../../features/accounting/api/get-invoices';
import { useJournal } from '../../features/accounting/api/get-journal';
import {
  AccountingFilters,
  type AccountingFilterValues,
} from '../../features/accounting/components/accounting-filters';
import { ExportLinks } from '../../features/accounting/components/export-links';
import { InvoiceDetail } from '../../features/accounting/components/invoice-detail';
import { InvoicesTable } from '../../features/accounting/components/invoices-table';
import { JournalTable } from '../../features/accounting/components/journal-table';
import { useStoresWithSettings } from '../../features/master-data/api/get-store-settings';
import { Page } from '../layout/page';

function AccountingTabs() {
  return (
    <nav className="tabs" aria-label="Accounting pages">
      <NavLink to="/accounting/invoices">Invoices</NavLink>
      <NavLink to="/accounting/journal">Journal</NavLink>
      <NavLink to="/accounting/export">Export</NavLink>
    </nav>
  );
}

/** Store id → name, for documents and entries that carry the id. */
function useStoreNameOf(): (id: number | null) => string {
  const stores = useStoresWithSettings();
  return (id) => stores.data?.items.find((store) => store.id === id)?.name ?? (id === null ? '—' : `#${id}`);
}

export function InvoicesRoute() {
  const [filters, setFilters] = useState<AccountingFilterValues>({});
  const pager = usePager(JSON.stringify(filters));
  const invoices = useInvoices(filters, pager.page);
  const storeName = useStoreNameOf();
  return (
    <Page
      title="Accounting"
      subtitle="Invoices and credit notes, numbered without gaps; journal entries; exports."
    >
      <AccountingTabs />
      <AccountingFilters
        label="Filter invoices"
        idPrefix="invoices"
        withKind
        initial={filters}
        onApply={setFilters}
      />
      {invoices.isPending && <Loading />}
      {invoices.isError && (
        <ErrorBox
          error={invoices.error}
          title="The invoices could not be read"
          onRetry={() => void invoices.refetch()}
        />
      )}
      {invoices.data && <InvoicesTable invoices={invoices.data.items} storeName={storeName} />}
      <Pager pager={pager} next={invoices.data?.next} label="Invoices pages" busy={invoices.isFetching} />
    </Page>
  );
}

export function InvoiceRoute() {
  const id = Number(useParams().id);
  const invoice = useInvoice(id);
  const storeName = useStoreNameOf();
  return (
    <Page title={invoice.data ? invoice.data.number : `Invoice #${id}`}>
      <AccountingTabs />
      {invoice.isPending && <Loading />}
      {invoice.isError && (
        <ErrorBox
          error={invoice.error}
          title="The invoice could not be read"
          onRetry={() => void invoice.refetch()}
        />
      )}
      {invoice.data && <InvoiceDetail invoice={invoice.data} storeName={storeName(invoice.data.storeId)} />}
    </Page>
  );
}

export function JournalRoute() {
  const [filters, setFilters] = useState<AccountingFilterValues>({});
  const pager = usePager(JSON.stringify(filters));
  const journal = useJournal(filters, pager.page);
  return (
    <Page title="Accounting" subtitle="Journal entries: each one balances, or it is not written.">
      <AccountingTabs />
      <AccountingFilters
        label="Filter journal entries"
        idPrefix="journal"
        withKind={false}
        initial={filters}
        onApply={setFilters}
      />
      {journal.isPending && <Loading />}
      {journal.isError && (
        <ErrorBox
          error={journal.error}
          title="The journal could not be read"
          onRetry={() => void journal.refetch()}
        />
      )}
      {journal.data && <JournalTable entries={journal.data.items} />}
      <Pager pager={pager} next={journal.data?.next} label="Journal pages" busy={journal.isFetching} />
    </Page>
  );
}

export function AccountingExportRoute() {
  return (
    <Page title="Accounting" subtitle="Exports for a date range (days, inclusive).">
      <AccountingTabs />
      <ExportLinks />
    </Page>
  );
}

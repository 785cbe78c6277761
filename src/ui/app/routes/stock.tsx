import { useMemo, useState } from 'react';
import { Link, NavLink, Outlet, useParams, useSearchParams } from 'react-router';

import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { SelectField, TextField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { RunCountsList } from '../../components/run-counts';
import { RunStatusBadge } from '../../components/status-badge';
import { TimeAgo } from '../../components/time-display';
import { useToast } from '../../components/toaster';
import { useLastStockCheck } from '../../features/stock/api/get-last-stock-check';
import { type OutboxFilters, useOutbox } from '../../features/stock/api/get-outbox';
import {
  type StockFilters,
  useStock,
  useStockKits,
  useStockMovements,
  useStockOfVariant,
} from '../../features/stock/api/get-stock';
import type { ApiStockItem } from '../../features/stock/api/stock-types';
import { OutboxTable } from '../../features/stock/components/outbox-table';
import { StockChangeForm } from '../../features/stock/components/stock-change-form';
import { StockKitsTable } from '../../features/stock/components/stock-kits-table';
import { StockMovementsTable } from '../../features/stock/components/stock-movements-table';
import { StockTable } from '../../features/stock/components/stock-table';
import { useMasterData } from '../../features/stores/api/get-master-data';
import { useStores } from '../../features/stores/api/get-stores';
import { useCanOperate } from '../../lib/operations-access';
import { Page } from '../layout/page';

function useLocationCodes(): readonly string[] {
  const masterData = useMasterData();
  return useMemo(
    () => (masterData.data?.locations ?? []).map((location) => location.code),
    [masterData.data],
  );
}

function useStoreNames(): ReadonlyMap<number, string> {
  const stores = useStores();
  return useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.id, store.name])),
    [stores.data],
  );
}

/** Adjust or count, in a dialog; what it did is said in a notification. */
function useStockChangeDialog() {
  const [item, setItem] = useState<ApiStockItem | null>(null);
  const locations = useLocationCodes();
  const notify = useToast();
  const dialog = item && (
    <Dialog
      title={`Change stock of ${item.sku ?? `variant ${item.variantId}`}`}
      onClose={() => setItem(null)}
    >
      <StockChangeForm
        item={item}
        locations={locations}
        onCancel={() => setItem(null)}
        onDone={(message) => {
          setItem(null);
          notify(`${message} The stores' new quantities are queued in the outbox.`);
        }}
      />
    </Dialog>
  );
  return { open: setItem, dialog };
}

/** The stock screens: levels, kits, the last stock checks and the outbox, under one set of tabs. */
export function StockRoute() {
  return (
    <Page title="Stock" subtitle="On hand per location, reserved by open orders, sellable in each store.">
      <nav className="tabs" aria-label="Stock pages">
        <NavLink to="/stock" end>
          Levels
        </NavLink>
        <NavLink to="/stock/kits">Kits</NavLink>
        <NavLink to="/stock/checks">Stock checks</NavLink>
        <NavLink to="/stock/outbox">Outbox</NavLink>
      </nav>
      <Outlet />
    </Page>
  );
}

export function StockLevelsRoute() {
  const [params, setParams] = useSearchParams();
  const filters: StockFilters = {
    sku: params.get('sku') || undefined,
    location: params.get('location') || undefined,
  };
  const [sku, setSku] = useState(filters.sku ?? '');
  const pager = usePager(JSON.stringify(filters));
  const stock = useStock(filters, pager.page);
  const locations = useLocationCodes();
  const canOperate = useCanOperate();
  const change = useStockChangeDialog();
  const apply = (next: StockFilters) => {
    const search = new URLSearchParams();
    if (next.sku) search.set('sku', next.sku);
    if (next.location) search.set('location', next.location);
    setParams(search);
  };

  return (
    <>
      <form
        className="filters"
        aria-label="Filter stock"
        onSubmit={(event) => {
          event.preventDefault();
          apply({ ...filters, sku: sku.trim() || undefined });
        }}
      >
        <TextField id="stock-filter-sku" label="SKU" type="search" value={sku} onChange={setSku} />
        <SelectField
          id="stock-filter-location"
          label="Location"
          value={filters.location ?? ''}
          onChange={(location) => apply({ ...filters, location: location || undefined })}
          options={locations.map((code) => ({ value: code, label: code }))}
          emptyLabel="Every location"
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            Find
          </button>
        </div>
      </form>
      {stock.isPending && <Loading />}
      {stock.isError && (
        <ErrorBox
          error={stock.error}
          title="The stock could not be read"
          onRetry={() => void stock.refetch()}
        />
      )}
      {stock.data && stock.data.items.length === 0 && pager.number === 1 && (
        <EmptyState
          title={
            filters.sku || filters.location
              ? 'No variant matches.'
              : 'No stock yet: import the stores’ stock once (import-stock), or adjust a variant.'
          }
        />
      )}
      {stock.data && stock.data.items.length > 0 && (
        <StockTable items={stock.data.items} onChange={canOperate ? change.open : undefined} />
      )}
      <Pager pager={pager} next={stock.data?.next} label="Stock pages" busy={stock.isFetching} />
      {change.dialog}
    </>
  );
}

export function StockVariantRoute() {
  const variantId = Number(useParams().variantId);
  const item = useStockOfVariant(variantId);
  const pager = usePager(String(variantId));
  const movements = useStockMovements(variantId, pager.page);
  const canOperate = useCanOperate();
  const change = useStockChangeDialog();
  const data = item.data;
  return (
    <>
      <h2>{data ? `${data.sku ?? `Variant ${variantId}`} — ${data.name}` : `Variant ${variantId}`}</h2>
      <p>
        <Link to="/stock">All stock</Link>
      </p>
      {item.isError && <ErrorBox error={item.error} title="The variant's stock could not be read" />}
      {data && <StockTable items={[data]} onChange={canOperate ? change.open : undefined} />}
      <h2>Ledger</h2>
      {movements.isPending && <Loading />}
      {movements.isError && <ErrorBox error={movements.error} title="The movements could not be read" />}
      {movements.data && movements.data.items.length === 0 && <EmptyState title="No movements yet." />}
      {movements.data && movements.data.items.length > 0 && (
        <StockMovementsTable movements={movements.data.items} />
      )}
      <Pager pager={pager} next={movements.data?.next} label="Ledger pages" busy={movements.isFetching} />
      {change.dialog}
    </>
  );
}

export function StockKitsRoute() {
  const pager = usePager('kits');
  const kits = useStockKits(pager.page);
  return (
    <>
      {kits.isPending && <Loading />}
      {kits.isError && <ErrorBox error={kits.error} title="The kits could not be read" />}
      {kits.data && kits.data.items.length === 0 && pager.number === 1 && (
        <EmptyState title="No kits: a product with a bill of materials (a pack in the store) is one." />
      )}
      {kits.data && kits.data.items.length > 0 && <StockKitsTable kits={kits.data.items} />}
      <Pager pager={pager} next={kits.data?.next} label="Kits pages" busy={kits.isFetching} />
    </>
  );
}

/** One store's last stock check: when, how it went, the differences it found and repaired. */
function LastStockCheck({ store }: { readonly store: string }) {
  const check = useLastStockCheck(store);
  const run = check.data;
  const differences = run?.noticeGroups.find((group) => group.kind === 'stock-difference')?.notices ?? [];
  return (
    <section className="card" aria-label={`Stock check of ${store}`}>
      <h2>{store}</h2>
      {check.isPending && <Loading />}
      {check.isError && <ErrorBox error={check.error} title="The last stock check could not be read" />}
      {run === null && <p className="muted">Never checked: run stock-check from the store&apos;s feeds.</p>}
      {run && (
        <>
          <p>
            <Link to={`/runs/${run.id}`}>Run #{run.id}</Link> <RunStatusBadge status={run.status} />{' '}
            <TimeAgo at={run.startedAt} />
          </p>
          <RunCountsList counts={run.counts} />
          <p>
            {differences.length === 0
              ? 'Every store quantity agreed with the hub.'
              : differences.length === 1
                ? "1 store quantity differed from the hub's and was pushed again (repaired):"
                : `${differences.length} store quantities differed from the hub's and were pushed again (repaired):`}
          </p>
          {differences.length > 0 && (
            <ul className="plain-list" aria-label={`Differences in ${store}`}>
              {differences.map((notice) => (
                <li key={notice.key}>{notice.message}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function StockChecksRoute() {
  const stores = useStores();
  return (
    <>
      <p className="muted">
        The daily stock-check reads every quantity of a store, compares it with the hub&apos;s sellable
        quantity and pushes the differences again.
      </p>
      {stores.isPending && <Loading />}
      {stores.data && stores.data.items.length === 0 && <EmptyState title="No stores yet." />}
      {(stores.data?.items ?? []).map((store) => (
        <LastStockCheck key={store.id} store={store.name} />
      ))}
    </>
  );
}

const OUTBOX_STATUSES: readonly { value: NonNullable<OutboxFilters['status']>; label: string }[] = [
  { value: 'open', label: 'Waiting or being sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'done', label: 'Sent' },
];

export function StockOutboxRoute() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const filters: OutboxFilters = {
    store: params.get('store') || undefined,
    status:
      OUTBOX_STATUSES.find((entry) => entry.value === status)?.value ??
      (status === 'all' ? undefined : 'open'),
    kind: params.get('kind') || undefined,
  };
  const pager = usePager(JSON.stringify(filters));
  const outbox = useOutbox(filters, pager.page);
  const stores = useStores();
  const storeNames = useStoreNames();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const counts = outbox.data?.counts;
  return (
    <>
      <form className="filters" aria-label="Filter the outbox" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          id="outbox-filter-store"
          label="Store"
          value={filters.store ?? ''}
          onChange={(value) => set('store', value)}
          options={(stores.data?.items ?? []).map((store) => ({ value: store.name, label: store.name }))}
          emptyLabel="All stores"
        />
        <SelectField
          id="outbox-filter-status"
          label="Status"
          value={filters.status ?? 'all'}
          onChange={(value) => set('status', value)}
          options={[...OUTBOX_STATUSES, { value: 'all', label: 'Any status' }]}
        />
        <SelectField
          id="outbox-filter-kind"
          label="Kind"
          value={filters.kind ?? ''}
          onChange={(value) => set('kind', value)}
          options={['stock', 'shipment', 'order_state', 'product'].map((kind) => ({
            value: kind,
            label: kind,
          }))}
          emptyLabel="Any kind"
        />
      </form>
      {counts && (
        <p role="status">
          {filters.store ?? 'All stores'}: {counts.pending} waiting, {counts.in_flight} being sent,{' '}
          {counts.failed} failed, {counts.done} sent (kept a while).
        </p>
      )}
      {outbox.isPending && <Loading />}
      {outbox.isError && <ErrorBox error={outbox.error} title="The outbox could not be read" />}
      {outbox.data && outbox.data.items.length === 0 && pager.number === 1 && (
        <EmptyState title="Nothing here: the stores have everything." />
      )}
      {outbox.data && outbox.data.items.length > 0 && (
        <OutboxTable entries={outbox.data.items} storeNames={storeNames} />
      )}
      <Pager pager={pager} next={outbox.data?.next} label="Outbox pages" busy={outbox.isFetching} />
    </>
  );
}

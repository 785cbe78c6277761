import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';

import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { type RequestLogFilters, useRequestLog } from '../../features/request-log/api/get-request-log';
import { useRequestLogEntry } from '../../features/request-log/api/get-request-log-entry';
import { RequestLogEntry } from '../../features/request-log/components/request-log-entry';
import { RequestLogFiltersForm } from '../../features/request-log/components/request-log-filters';
import { RequestLogTable } from '../../features/request-log/components/request-log-table';
import { useStores } from '../../features/stores/api/get-stores';
import { Page } from '../layout/page';

const FILTER_NAMES = ['store', 'status', 'method', 'resource', 'from', 'to'] as const;

function useStoreNames(): ReadonlyMap<number, string> {
  const stores = useStores();
  return useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.id, store.name])),
    [stores.data],
  );
}

export function RequestLogRoute() {
  const [params, setParams] = useSearchParams();
  const filters: RequestLogFilters = Object.fromEntries(
    FILTER_NAMES.map((name) => [name, params.get(name) ?? undefined]),
  );
  const filtersKey = JSON.stringify(filters);
  const pager = usePager(filtersKey);
  const log = useRequestLog(filters, pager.page);
  const stores = useStores();
  const storeNames = useStoreNames();

  return (
    <Page
      title="Request log"
      subtitle="Every request the hub sent to a store, newest first. Keys never appear."
    >
      <RequestLogFiltersForm
        key={filtersKey}
        filters={filters}
        stores={(stores.data?.items ?? []).map((store) => store.name)}
        onApply={(next) => {
          const search = new URLSearchParams();
          for (const name of FILTER_NAMES) {
            const value = next[name];
            if (value) search.set(name, value);
          }
          setParams(search);
        }}
      />
      {log.isPending && <Loading />}
      {log.isError && (
        <ErrorBox
          error={log.error}
          title="The request log could not be read"
          onRetry={() => void log.refetch()}
        />
      )}
      {log.data && log.data.items.length === 0 && (
        <EmptyState
          title={
            FILTER_NAMES.some((name) => filters[name])
              ? 'No requests match these filters.'
              : 'No requests yet: run a feed and its requests appear here.'
          }
        />
      )}
      {log.data && log.data.items.length > 0 && (
        <RequestLogTable entries={log.data.items} storeNames={storeNames} />
      )}
      <Pager pager={pager} next={log.data?.next} label="Request log pages" busy={log.isFetching} />
    </Page>
  );
}

export function RequestLogEntryRoute() {
  const id = Number(useParams().id);
  const entry = useRequestLogEntry(id);
  const storeNames = useStoreNames();
  const store = entry.data?.storeId == null ? undefined : storeNames.get(entry.data.storeId);
  return (
    <Page title={`Request ${id}`}>
      {entry.isPending && <Loading />}
      {entry.isError && (
        <ErrorBox
          error={entry.error}
          title={`Request ${id} could not be read`}
          onRetry={() => void entry.refetch()}
        />
      )}
      {entry.data && <RequestLogEntry entry={entry.data} store={store} />}
    </Page>
  );
}

import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';

import type { ApiRunStatus } from '../../api/types';
import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { Pager, usePager } from '../../components/pager';
import { useToast } from '../../components/toaster';
import { useFeeds } from '../../features/feeds/api/get-feeds';
import { useRunFeed } from '../../features/feeds/api/run-feed';
import { useRun } from '../../features/runs/api/get-run';
import { type RunFilters, useRuns } from '../../features/runs/api/get-runs';
import { RunFiltersForm } from '../../features/runs/components/run-filters';
import { RunReport } from '../../features/runs/components/run-report';
import { RunsTable } from '../../features/runs/components/runs-table';
import { useStores } from '../../features/stores/api/get-stores';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

const STATUSES: readonly string[] = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'];

function useStoreNames(): ReadonlyMap<number, string> {
  const stores = useStores();
  return useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.id, store.name])),
    [stores.data],
  );
}

/** "No runs yet — Run now": the button runs the filtered feed, or leads to the store's feeds. */
function NoRuns({ filters }: { readonly filters: RunFilters }) {
  const canRun = useCan('run-feeds');
  const run = useRunFeed();
  const notify = useToast();
  const filtered = filters.status !== undefined;
  if (filtered || !canRun)
    return <EmptyState title={filtered ? 'No runs match these filters.' : 'No runs yet.'} />;
  const { store, feed } = filters;
  return (
    <EmptyState title="No runs yet — Run now">
      {store && feed ? (
        <>
          <button
            type="button"
            className="button button-primary"
            disabled={run.isPending}
            onClick={() =>
              run.mutate({ store, feed, options: {} }, { onSuccess: () => notify(`${feed} started.`) })
            }
          >
            Run now
          </button>
          {run.isError && <ErrorBox error={run.error} title={`${feed} did not start`} />}
        </>
      ) : store ? (
        <Link className="button button-primary" to={`/stores/${encodeURIComponent(store)}/feeds`}>
          Run now
        </Link>
      ) : (
        <Link className="button button-primary" to="/stores">
          Choose a store to run its feeds
        </Link>
      )}
    </EmptyState>
  );
}

export function RunsRoute() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const filters: RunFilters = {
    store: params.get('store') ?? undefined,
    feed: params.get('feed') ?? undefined,
    status: status !== undefined && STATUSES.includes(status) ? (status as ApiRunStatus) : undefined,
  };
  const pager = usePager(JSON.stringify(filters));
  const runs = useRuns(filters, pager.page);
  const stores = useStores();
  const feeds = useFeeds();
  const storeNames = useStoreNames();

  return (
    <Page title="Runs">
      <RunFiltersForm
        filters={filters}
        stores={(stores.data?.items ?? []).map((store) => store.name)}
        feeds={(feeds.data?.items ?? []).map((feed) => feed.name)}
        onChange={(next) => {
          const search = new URLSearchParams();
          if (next.store) search.set('store', next.store);
          if (next.feed) search.set('feed', next.feed);
          if (next.status) search.set('status', next.status);
          setParams(search);
        }}
      />
      {runs.isPending && <Loading />}
      {runs.isError && (
        <ErrorBox error={runs.error} title="The runs could not be read" onRetry={() => void runs.refetch()} />
      )}
      {runs.data && runs.data.items.length === 0 && pager.number === 1 && <NoRuns filters={filters} />}
      {runs.data && runs.data.items.length > 0 && (
        <RunsTable runs={runs.data.items} storeNames={storeNames} />
      )}
      <Pager pager={pager} next={runs.data?.next} label="Runs pages" busy={runs.isFetching} />
    </Page>
  );
}

export function RunRoute() {
  const id = Number(useParams().id);
  const run = useRun(id);
  const storeNames = useStoreNames();
  const store = run.data?.storeId == null ? undefined : storeNames.get(run.data.storeId);
  return (
    <Page
      title={run.data ? `Run ${id}: ${run.data.feed}` : `Run ${id}`}
      subtitle={store && <Link to={`/stores/${encodeURIComponent(store)}/feeds`}>Feeds of {store}</Link>}
    >
      {run.isPending && <Loading />}
      {run.isError && (
        <ErrorBox
          error={run.error}
          title={`Run ${id} could not be read`}
          onRetry={() => void run.refetch()}
        />
      )}
      {run.data && <RunReport run={run.data} store={store} />}
    </Page>
  );
}

import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';

import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useToast } from '../../components/toaster';
import { useDashboard } from '../../features/dashboard/api/get-dashboard';
import { useStores } from '../../features/stores/api/get-stores';
import { AddStoreForm } from '../../features/stores/components/add-store-form';
import { type StoreHealth, StoresTable } from '../../features/stores/components/stores-table';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

export function StoresRoute() {
  const stores = useStores();
  // Health comes with the dashboard; the list shows without it when it cannot be read.
  const dashboard = useDashboard(24);
  const canAdd = useCan('manage-stores');
  const health = useMemo(
    () =>
      new Map<string, StoreHealth>((dashboard.data?.stores ?? []).map((store) => [store.name, store.health])),
    [dashboard.data],
  );
  const addButton = canAdd && (
    <Link className="button button-primary" to="/stores/new">
      Add store
    </Link>
  );
  return (
    // With no store yet, the empty state holds the one Add store link.
    <Page title="Stores" actions={stores.data?.items.length === 0 ? undefined : addButton}>
      {stores.isPending && <Loading />}
      {stores.isError && (
        <ErrorBox
          error={stores.error}
          title="The stores could not be read"
          onRetry={() => void stores.refetch()}
        />
      )}
      {stores.data?.items.length === 0 && (
        <EmptyState title="No stores yet">{canAdd ? addButton : <p>An admin connects stores.</p>}</EmptyState>
      )}
      {stores.data && stores.data.items.length > 0 && (
        <StoresTable stores={stores.data.items} health={dashboard.data ? health : undefined} />
      )}
    </Page>
  );
}

export function AddStoreRoute() {
  const navigate = useNavigate();
  const notify = useToast();
  const canAdd = useCan('manage-stores');
  return (
    <Page title="Add a store" subtitle="Probe the store first: nothing is saved until you add it.">
      {canAdd ? (
        <AddStoreForm
          onAdded={(store) => {
            notify(`${store.name} added. Bring it live with the go-live guide.`);
            void navigate(`/stores/${encodeURIComponent(store.name)}/feeds`);
          }}
        />
      ) : (
        <p className="notice">Only an admin can add stores.</p>
      )}
    </Page>
  );
}

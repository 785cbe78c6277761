import { useEffect, useMemo } from 'react';
import { NavLink, Outlet, useNavigate, useOutletContext, useParams, useSearchParams } from 'react-router';

import type { ApiStore } from '../../api/types';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { OnOffBadge } from '../../components/status-badge';
import { useFeeds } from '../../features/feeds/api/get-feeds';
import { useGoLive } from '../../features/feeds/api/get-golive';
import { useStoreFeeds } from '../../features/feeds/api/get-store-feeds';
import { FeedsTable } from '../../features/feeds/components/feeds-table';
import { GoLiveGuide } from '../../features/feeds/components/golive-guide';
import { useStore } from '../../features/stores/api/get-store';
import { StoreAdminActions } from '../../features/stores/components/store-admin-actions';
import { StoreSettingsForm } from '../../features/stores/components/store-settings-form';
import { Page } from '../layout/page';

/** A store's pages (Feeds, Settings) under one header. */
export function StoreRoute() {
  const name = useParams().store ?? '';
  const store = useStore(name);
  if (store.isPending) return <Loading />;
  if (store.isError) {
    return (
      <Page title={name}>
        <ErrorBox
          error={store.error}
          title={`Store ${name} could not be read`}
          onRetry={() => void store.refetch()}
        />
      </Page>
    );
  }
  const data = store.data;
  const path = `/stores/${encodeURIComponent(data.name)}`;
  return (
    <Page
      title={data.name}
      subtitle={
        <>
          {data.url} · PrestaShop {data.psVersion ?? '?'} · {data.timeZone}{' '}
          <OnOffBadge on={data.settings.enabled} onLabel="Enabled" offLabel="Disabled" />
        </>
      }
    >
      <nav className="tabs" aria-label={`${data.name} pages`}>
        <NavLink to={`${path}/feeds`}>Feeds</NavLink>
        <NavLink to={`${path}/settings`}>Settings</NavLink>
        <NavLink to={`/runs?store=${encodeURIComponent(data.name)}`}>Runs</NavLink>
        <NavLink to={`/request-log?store=${encodeURIComponent(data.name)}`}>Request log</NavLink>
      </nav>
      <Outlet context={data} />
    </Page>
  );
}

export function StoreSettingsRoute() {
  const store = useOutletContext<ApiStore>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const section = params.get('section');
  useEffect(() => {
    if (!section) return;
    const heading = document.getElementById(`section-${section}-title`);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
  }, [section]);
  return (
    <>
      <StoreSettingsForm store={store} />
      <StoreAdminActions store={store} onRemoved={() => void navigate('/stores', { replace: true })} />
    </>
  );
}

export function StoreFeedsRoute() {
  const store = useOutletContext<ApiStore>();
  const statuses = useStoreFeeds(store.name);
  const feeds = useFeeds();
  const goLive = useGoLive(store.name);
  const lastRuns = useMemo(
    () =>
      new Map(
        (statuses.data?.items ?? []).flatMap((status) =>
          status.lastRun ? [[status.feed, status.lastRun] as const] : [],
        ),
      ),
    [statuses.data],
  );
  const guide = goLive.data && <GoLiveGuide store={store.name} guide={goLive.data} lastRuns={lastRuns} />;
  return (
    <>
      {!store.settings.enabled && (
        <p className="notice notice-warn">
          This store is disabled: no feed runs for it. Enable it in its settings.
        </p>
      )}
      {goLive.data && !goLive.data.live && guide}
      {goLive.isError && <ErrorBox error={goLive.error} title="The go-live guide could not be read" />}
      <section aria-labelledby="feeds-title">
        <h2 id="feeds-title">Feeds</h2>
        {(statuses.isPending || feeds.isPending) && <Loading />}
        {statuses.isError && (
          <ErrorBox
            error={statuses.error}
            title="The feeds could not be read"
            onRetry={() => void statuses.refetch()}
          />
        )}
        {feeds.isError && (
          <ErrorBox
            error={feeds.error}
            title="The feed list could not be read"
            onRetry={() => void feeds.refetch()}
          />
        )}
        {statuses.data && feeds.data && (
          <FeedsTable
            store={store.name}
            timeZone={store.timeZone}
            statuses={statuses.data.items}
            feeds={feeds.data.items}
          />
        )}
      </section>
      {goLive.data?.live && (
        <details className="golive-done">
          <summary>Go-live guide (done)</summary>
          {guide}
        </details>
      )}
    </>
  );
}

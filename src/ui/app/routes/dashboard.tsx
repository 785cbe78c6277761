import { useState } from 'react';
import { Link } from 'react-router';

import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { TimeAgo } from '../../components/time-display';
import { useDashboard } from '../../features/dashboard/api/get-dashboard';
import { StoreOverview } from '../../features/dashboard/components/store-overview';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

const SPANS = [
  { value: '24', label: 'Last 24 hours' },
  { value: '72', label: 'Last 3 days' },
  { value: '168', label: 'Last 7 days' },
];

export function DashboardRoute() {
  const [hours, setHours] = useState(72);
  const dashboard = useDashboard(hours);
  const canAdd = useCan('manage-stores');
  return (
    <Page
      title="Dashboard"
      subtitle={
        dashboard.data && (
          <>
            Updated <TimeAgo at={dashboard.data.generatedAt} />
          </>
        )
      }
      actions={
        <SelectField
          id="dashboard-hours"
          label="Charts over"
          value={String(hours)}
          onChange={(value) => setHours(Number(value))}
          options={SPANS}
        />
      }
    >
      {dashboard.isPending && <Loading />}
      {dashboard.isError && (
        <ErrorBox
          error={dashboard.error}
          title="The dashboard could not be read"
          onRetry={() => void dashboard.refetch()}
        />
      )}
      {dashboard.data?.stores.length === 0 && (
        <EmptyState title="No stores yet">
          {canAdd ? (
            <Link className="button button-primary" to="/stores/new">
              Add store
            </Link>
          ) : (
            <p>An admin connects stores.</p>
          )}
        </EmptyState>
      )}
      <div className="overview-list">
        {dashboard.data?.stores.map((store) => (
          <StoreOverview key={store.id} store={store} hours={dashboard.data.hours} />
        ))}
      </div>
    </Page>
  );
}

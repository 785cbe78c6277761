import { Navigate, NavLink, useParams } from 'react-router';

import type { ApiMasterDataKind } from '../../api/back-office-types';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useMasterDataRecords } from '../../features/master-data/api/get-master-data-records';
import { useMasterDataUsage } from '../../features/master-data/api/get-master-data-usage';
import {
  isMasterDataKind,
  MASTER_DATA_KINDS,
  masterDataKindLabel,
} from '../../features/master-data/api/master-data-kinds';
import { MasterDataForm } from '../../features/master-data/components/master-data-form';
import { MasterDataTable } from '../../features/master-data/components/master-data-table';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

function MasterDataKindScreen({ kind }: { readonly kind: ApiMasterDataKind }) {
  const records = useMasterDataRecords(kind);
  const usage = useMasterDataUsage(kind);
  const canEdit = useCan('edit-settings');
  const label = masterDataKindLabel(kind);
  const uses = usage.data && new Map(usage.data.items.map((entry) => [entry.code, entry]));
  return (
    <>
      {records.isPending && <Loading />}
      {records.isError && (
        <ErrorBox
          error={records.error}
          title={`The ${label.toLowerCase()} could not be read`}
          onRetry={() => void records.refetch()}
        />
      )}
      {usage.isError && <ErrorBox error={usage.error} title="Where each is used could not be read" />}
      {records.data && (
        <MasterDataTable kind={kind} records={records.data.items} uses={uses} canEdit={canEdit} />
      )}
      {canEdit && records.data && (
        <section aria-labelledby="add-master-data-title">
          <h2 id="add-master-data-title">Add to {label.toLowerCase()}</h2>
          <MasterDataForm key={kind} kind={kind} families={kind === 'families' ? records.data.items : []} />
        </section>
      )}
    </>
  );
}

/** `/master-data/:kind`: one tab per kind of master data. */
export function MasterDataRoute() {
  const { kind } = useParams();
  if (!isMasterDataKind(kind)) return <Navigate to="/master-data/tax-rates" replace />;
  return (
    <Page
      title="Master data"
      subtitle="The codes settings, mappings, products and orders name. Archive a record instead of deleting it: what uses it keeps it."
    >
      <nav className="tabs" aria-label="Master data kinds">
        {MASTER_DATA_KINDS.map((entry) => (
          <NavLink key={entry.kind} to={`/master-data/${entry.kind}`}>
            {entry.label}
          </NavLink>
        ))}
      </nav>
      <MasterDataKindScreen key={kind} kind={kind} />
    </Page>
  );
}

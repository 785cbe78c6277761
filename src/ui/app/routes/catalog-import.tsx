/**
 * Import and export: Read → select → Execute → Stop → report. For product and customer imports and
 * for the product export, Read asks for the plan (nothing written), the user picks records, Execute
 * runs the feed for those only (store ids for an import, hub product ids for the export: the plan
 * says which), Stop stops the run at its next page, and the run's report follows. Execute is
 * disabled while the run goes.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';

import { EmptyState } from '../../components/empty-state';
import { ErrorBox } from '../../components/error-box';
import { SelectField } from '../../components/form-fields';
import { Loading } from '../../components/loading';
import { RunProgress } from '../../components/run-progress';
import { useToast } from '../../components/toaster';
import type { ApiImportPlan } from '../../features/catalog/api/catalog-types';
import { type PlannedFeed, usePlanImport } from '../../features/catalog/api/plan-import';
import { useRunSelection } from '../../features/catalog/api/run-selection';
import {
  ImportPlanTable,
  type PlanView,
  selectionId,
} from '../../features/catalog/components/import-plan-table';
import { useStopRun } from '../../features/feeds/api/stop-run';
import { getRunQueryOptions, useRun } from '../../features/runs/api/get-run';
import { RunReport } from '../../features/runs/components/run-report';
import { useStores } from '../../features/stores/api/get-stores';
import { useCan } from '../../lib/authorization';
import { useLiveStatus } from '../../lib/live-events';
import { Page } from '../layout/page';

const FLOWS: readonly { value: PlannedFeed; label: string }[] = [
  { value: 'import-products', label: 'Product import' },
  { value: 'import-customers', label: 'Customer import' },
  { value: 'export-products', label: 'Product export' },
];

/** A run started here: followed live, Stop while it runs, its report when it ends. */
function FollowedRun({
  runId,
  store,
  onAgain,
}: {
  readonly runId: number;
  readonly store: string;
  readonly onAgain: () => void;
}) {
  const run = useRun(runId);
  const stop = useStopRun(store);
  const notify = useToast();
  if (run.isPending) return <Loading label="Starting…" />;
  if (run.isError) return <ErrorBox error={run.error} title={`Run ${runId} could not be read`} />;
  const running = run.data.status === 'running';
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">
        {running ? 'Running' : 'Report'}: <Link to={`/runs/${runId}`}>run {runId}</Link> ({run.data.feed})
      </h2>
      {running && (
        <div className="inline-actions">
          <RunProgress run={run.data} />
          <button
            type="button"
            className="button button-danger"
            disabled={stop.isPending}
            onClick={() =>
              stop.mutate(runId, { onSuccess: () => notify(`Run ${runId} is stopping at its next page.`) })
            }
          >
            Stop
          </button>
        </div>
      )}
      {stop.isError && <ErrorBox error={stop.error} title="The run was not stopped" />}
      <RunReport run={run.data} store={store} />
      {!running && (
        <div className="form-actions">
          <button type="button" className="button" onClick={onAgain}>
            Read again
          </button>
        </div>
      )}
    </section>
  );
}

function ImportFlow({ store, feed }: { readonly store: string; readonly feed: PlannedFeed }) {
  const plan = usePlanImport();
  const execute = useRunSelection();
  const [current, setCurrent] = useState<ApiImportPlan | null>(null);
  const [view, setView] = useState<PlanView>({ notImportedOnly: false, action: undefined });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [runId, setRunId] = useState<number | null>(null);
  const followed = useQuery({ ...getRunQueryOptions(runId ?? 0, useLiveStatus()), enabled: runId !== null });
  const running = followed.data?.status === 'running';

  const read = () => {
    setRunId(null);
    setSelected(new Set());
    plan.mutate({ store, feed, notImported: false }, { onSuccess: (answer) => setCurrent(answer.plan) });
  };
  const chosen = current
    ? current.entries.flatMap((entry) => {
        const id = selectionId(current, entry);
        return id !== null && selected.has(id) ? [id] : [];
      })
    : [];

  return (
    <>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={plan.isPending} onClick={read}>
          {plan.isPending ? 'Reading the store…' : 'Read'}
        </button>
        {current && (runId === null || running || followed.isPending) && (
          <button
            type="button"
            className="button button-primary"
            disabled={chosen.length === 0 || execute.isPending || runId !== null}
            onClick={() =>
              execute.mutate(
                { store, feed, only: chosen },
                { onSuccess: (answer) => setRunId(answer.run.id) },
              )
            }
          >
            Execute ({chosen.length} selected)
          </button>
        )}
      </div>
      {plan.isError && <ErrorBox error={plan.error} title="The plan could not be read" />}
      {execute.isError && <ErrorBox error={execute.error} title={`${feed} did not start`} />}
      {runId !== null && <FollowedRun runId={runId} store={store} onAgain={read} />}
      {current && runId === null && (
        <section aria-labelledby="plan-title">
          <h2 id="plan-title">
            Plan of {current.feed} for {current.store}
          </h2>
          <ImportPlanTable
            plan={current}
            view={view}
            onViewChange={setView}
            selected={selected}
            onSelectedChange={setSelected}
            disabled={execute.isPending}
          />
        </section>
      )}
    </>
  );
}

export function CatalogImportRoute() {
  const stores = useStores();
  const canRun = useCan('run-feeds');
  const [store, setStore] = useState('');
  const [flow, setFlow] = useState<PlannedFeed>('import-products');
  const names = (stores.data?.items ?? []).map((entry) => entry.name);
  const chosen = store || names[0] || '';

  return (
    <Page title="Import and export" subtitle={<Link to="/catalog">Catalog</Link>}>
      {!canRun && <p className="notice">Only an operator or an admin reads plans and runs imports.</p>}
      {stores.isError && <ErrorBox error={stores.error} title="The stores could not be read" />}
      {stores.data && names.length === 0 && (
        <EmptyState title="No store yet">
          <Link to="/stores/new">Add a store</Link> to import from it.
        </EmptyState>
      )}
      {canRun && names.length > 0 && (
        <>
          <form
            className="filters"
            aria-label="Choose the store and the run"
            onSubmit={(event) => event.preventDefault()}
          >
            <SelectField
              id="flow-store"
              label="Store"
              value={chosen}
              onChange={setStore}
              options={names.map((name) => ({ value: name, label: name }))}
            />
            <SelectField
              id="flow-kind"
              label="Import or export"
              value={flow}
              onChange={(value) => setFlow(value as PlannedFeed)}
              options={FLOWS}
            />
          </form>
          {flow === 'export-products' && (
            <p className="muted">
              The export plan lists the hub products to write to the store (add to store, update store) and
              what the store changed (update hub, conflicts). Execute writes the selected hub products alone;
              a store product the hub lacks (add to hub) is the product import&apos;s to add.
            </p>
          )}
          <ImportFlow key={`${chosen}-${flow}`} store={chosen} feed={flow} />
        </>
      )}
    </Page>
  );
}

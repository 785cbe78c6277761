/**
 * Import and export: Read → select → Execute → Stop → report. For product and customer imports,
 * Read asks the store for the plan (nothing written), the user picks records, Execute imports only
 * those, Stop stops the run at its next page, and the run's report follows. Product export has no
 * per-product selection on the server: Read runs export-products as a dry run (its report is the
 * plan), Execute runs the export.
 */
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
  selectable,
} from '../../features/catalog/components/import-plan-table';
import { useStopRun } from '../../features/feeds/api/stop-run';
import { useRun } from '../../features/runs/api/get-run';
import { RunReport } from '../../features/runs/components/run-report';
import { useStores } from '../../features/stores/api/get-stores';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

type Flow = 'import-products' | 'import-customers' | 'export-products';

const FLOWS: readonly { value: Flow; label: string }[] = [
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

  const read = () => {
    setRunId(null);
    setSelected(new Set());
    plan.mutate({ store, feed, notImported: false }, { onSuccess: (answer) => setCurrent(answer.plan) });
  };
  const chosen = current
    ? current.entries.filter(selectable).filter((entry) => selected.has(entry.externalId))
    : [];

  return (
    <>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={plan.isPending} onClick={read}>
          {plan.isPending ? 'Reading the store…' : 'Read'}
        </button>
        {current && runId === null && (
          <button
            type="button"
            className="button button-primary"
            disabled={chosen.length === 0 || execute.isPending}
            onClick={() =>
              execute.mutate(
                { store, feed, only: chosen.map((entry) => entry.externalId) },
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

function ExportFlow({ store }: { readonly store: string }) {
  const start = useRunSelection();
  const [runId, setRunId] = useState<number | null>(null);
  const [planned, setPlanned] = useState(false);
  const run = (plan: boolean) =>
    start.mutate(
      { store, feed: 'export-products', ...(plan ? { options: { plan: true } } : {}) },
      {
        onSuccess: (answer) => {
          setPlanned(plan);
          setRunId(answer.run.id);
        },
      },
    );
  return (
    <>
      <p className="muted">
        Read runs export-products as a dry run: its report lists what each product needs on each side (add to
        store, update store, add to hub, update hub, conflicts) and writes nothing. Execute exports every
        product that needs it; the export takes no selection.
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={start.isPending}
          onClick={() => run(true)}
        >
          Read
        </button>
        {planned && (
          <button
            type="button"
            className="button button-primary"
            disabled={start.isPending}
            onClick={() => run(false)}
          >
            Execute
          </button>
        )}
      </div>
      {start.isError && <ErrorBox error={start.error} title="export-products did not start" />}
      {runId !== null && <FollowedRun key={runId} runId={runId} store={store} onAgain={() => run(true)} />}
    </>
  );
}

export function CatalogImportRoute() {
  const stores = useStores();
  const canRun = useCan('run-feeds');
  const [store, setStore] = useState('');
  const [flow, setFlow] = useState<Flow>('import-products');
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
              onChange={(value) => setFlow(value as Flow)}
              options={FLOWS}
            />
          </form>
          {flow === 'export-products' ? (
            <ExportFlow key={chosen} store={chosen} />
          ) : (
            <ImportFlow key={`${chosen}-${flow}`} store={chosen} feed={flow} />
          )}
        </>
      )}
    </Page>
  );
}

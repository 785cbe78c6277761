/**
 * The plan of an import or of the product export: each record with what a run would do (add to hub,
 * update hub, add to store, update store, up to date, conflict, skip) and why, a checkbox per record
 * to choose what to run, Select all / Select none over what is shown, and a filter for what is not
 * imported yet (for the export: not in the store yet).
 */
import { EmptyState } from '../../../components/empty-state';
import { CheckboxField, SelectField } from '../../../components/form-fields';
import { TableScroll } from '../../../components/table-scroll';
import type { ApiImportPlan, ApiImportPlanAction, ApiImportPlanEntry } from '../api/catalog-types';

export const PLAN_ACTION_LABELS: Readonly<Record<ApiImportPlanAction, string>> = {
  'add-to-hub': 'add to hub',
  'update-hub': 'update hub',
  'add-to-store': 'add to store',
  'update-store': 'update store',
  conflict: 'conflict',
  'up-to-date': 'up to date',
  skip: 'skip',
};

const ACTION_TONES: Readonly<Record<ApiImportPlanAction, 'ok' | 'info' | 'warn' | 'bad' | 'neutral'>> = {
  'add-to-hub': 'info',
  'update-hub': 'info',
  'add-to-store': 'info',
  'update-store': 'info',
  conflict: 'bad',
  'up-to-date': 'ok',
  skip: 'neutral',
};

export function PlanActionBadge({ action }: { readonly action: ApiImportPlanAction }) {
  return <span className={`badge badge-${ACTION_TONES[action]}`}>{PLAN_ACTION_LABELS[action]}</span>;
}

export interface PlanView {
  /** Only records not bound in the hub yet. */
  readonly notImportedOnly: boolean;
  /** Only this action; undefined for all. */
  readonly action: ApiImportPlanAction | undefined;
}

/** The entries the view shows. */
export function shownEntries(plan: ApiImportPlan, view: PlanView): ApiImportPlanEntry[] {
  return plan.entries.filter(
    (entry) =>
      (!view.notImportedOnly || !entry.imported) &&
      (view.action === undefined || entry.action === view.action),
  );
}

/**
 * The id a selection names for an entry (the plan's `selectBy`): the store's for an import, the
 * hub's for the export; null when the entry has none (a hub record the store lacks, in an import;
 * a store product the hub lacks, in the export).
 */
export const selectionId = (plan: ApiImportPlan, entry: ApiImportPlanEntry): number | null =>
  plan.selectBy === 'hub' ? entry.localId : entry.externalId;

export function ImportPlanTable({
  plan,
  view,
  onViewChange,
  selected,
  onSelectedChange,
  disabled,
}: {
  readonly plan: ApiImportPlan;
  readonly view: PlanView;
  readonly onViewChange: (view: PlanView) => void;
  readonly selected: ReadonlySet<number>;
  readonly onSelectedChange: (selected: Set<number>) => void;
  readonly disabled: boolean;
}) {
  const shown = shownEntries(plan, view);
  const idOf = (entry: ApiImportPlanEntry) => selectionId(plan, entry);
  const shownIds = shown.flatMap((entry) => {
    const id = idOf(entry);
    return id === null ? [] : [id];
  });
  const exporting = plan.selectBy === 'hub';
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };
  return (
    <div className="import-plan">
      <p className="counts" aria-label="Planned actions">
        {(Object.keys(PLAN_ACTION_LABELS) as ApiImportPlanAction[])
          .filter((action) => plan.counts[action] > 0)
          .map((action) => (
            <span key={action}>
              <PlanActionBadge action={action} /> {plan.counts[action]}{' '}
            </span>
          ))}
      </p>
      <form className="filters" aria-label="Filter the plan" onSubmit={(event) => event.preventDefault()}>
        <CheckboxField
          id="plan-not-imported"
          label={exporting ? 'Only what is not in the store yet' : 'Only what is not imported yet'}
          checked={view.notImportedOnly}
          onChange={(notImportedOnly) => onViewChange({ ...view, notImportedOnly })}
        />
        <SelectField
          id="plan-action"
          label="Action"
          value={view.action ?? ''}
          onChange={(action) =>
            onViewChange({ ...view, action: (action || undefined) as ApiImportPlanAction | undefined })
          }
          options={Object.entries(PLAN_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          emptyLabel="Every action"
        />
        <div className="filters-actions">
          <button
            type="button"
            className="button button-small"
            disabled={disabled || shownIds.length === 0}
            onClick={() => onSelectedChange(new Set([...selected, ...shownIds]))}
          >
            Select all
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={disabled || selected.size === 0}
            onClick={() => onSelectedChange(new Set())}
          >
            Select none
          </button>
        </div>
      </form>
      <p aria-live="polite" className="muted">
        {selected.size} of {plan.entries.filter((entry) => idOf(entry) !== null).length} selected;{' '}
        {shown.length} shown.
      </p>
      {shown.length === 0 ? (
        <EmptyState title="Nothing to show">
          {view.notImportedOnly
            ? exporting
              ? 'Everything in this plan is in the store already.'
              : 'Everything in this plan is imported already.'
            : 'The store has no records here.'}
        </EmptyState>
      ) : (
        <TableScroll label="Plan">
          <table className="stack-on-phone">
            <caption className="visually-hidden">What a run would do with each record</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Selected</span>
                </th>
                <th scope="col">Record</th>
                {exporting && <th scope="col">Hub id</th>}
                <th scope="col">Store id</th>
                <th scope="col">Action</th>
                <th scope="col">Why</th>
                <th scope="col">{exporting ? 'In the store' : 'Imported'}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((entry) => {
                const id = idOf(entry);
                return (
                  <tr key={`${entry.externalId ?? 'hub'}-${entry.localId ?? ''}-${entry.label}`}>
                    <td data-label="Selected">
                      {id !== null && (
                        <input
                          type="checkbox"
                          aria-label={`Select ${entry.label}`}
                          checked={selected.has(id)}
                          disabled={disabled}
                          onChange={(event) => toggle(id, event.target.checked)}
                        />
                      )}
                    </td>
                    <th scope="row" data-label="Record">
                      {entry.label}
                    </th>
                    {exporting && <td data-label="Hub id">{entry.localId ?? '—'}</td>}
                    <td data-label="Store id">{entry.externalId ?? '—'}</td>
                    <td data-label="Action">
                      <PlanActionBadge action={entry.action} />
                    </td>
                    <td data-label="Why">{entry.reason}</td>
                    <td data-label={exporting ? 'In the store' : 'Imported'}>
                      {entry.imported ? 'yes' : 'no'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

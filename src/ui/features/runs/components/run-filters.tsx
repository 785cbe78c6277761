import type { ApiRunStatus } from '../../../api/types';
import { SelectField } from '../../../components/form-fields';
import { RUN_STATUS_LABELS } from '../../../components/status-badge';
import type { RunFilters } from '../api/get-runs';

/** Filters of the runs list: store, feed, result. Each change applies at once. */
export function RunFiltersForm({
  filters,
  onChange,
  stores,
  feeds,
}: {
  readonly filters: RunFilters;
  readonly onChange: (filters: RunFilters) => void;
  readonly stores: readonly string[];
  readonly feeds: readonly string[];
}) {
  return (
    <form className="filters" aria-label="Filter runs" onSubmit={(event) => event.preventDefault()}>
      <SelectField
        id="runs-filter-store"
        label="Store"
        value={filters.store ?? ''}
        onChange={(store) => onChange({ ...filters, store: store || undefined })}
        options={stores.map((name) => ({ value: name, label: name }))}
        emptyLabel="All stores"
      />
      <SelectField
        id="runs-filter-feed"
        label="Feed"
        value={filters.feed ?? ''}
        onChange={(feed) => onChange({ ...filters, feed: feed || undefined })}
        options={feeds.map((name) => ({ value: name, label: name }))}
        emptyLabel="All feeds"
      />
      <SelectField
        id="runs-filter-status"
        label="Result"
        value={filters.status ?? ''}
        onChange={(status) =>
          onChange({ ...filters, status: (status || undefined) as ApiRunStatus | undefined })
        }
        options={Object.entries(RUN_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        emptyLabel="Any result"
      />
    </form>
  );
}

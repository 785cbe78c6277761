import { Link } from 'react-router';

import type { ApiRun } from '../../../api/types';
import { RunCounts } from '../../../components/run-counts';
import { RunProgress } from '../../../components/run-progress';
import { RunStatusBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import { formatDuration } from '../../../lib/time-format';

export function RunsTable({
  runs,
  storeNames,
}: {
  readonly runs: readonly ApiRun[];
  /** Store names by id (runs carry the id). */
  readonly storeNames: ReadonlyMap<number, string>;
}) {
  return (
    <TableScroll label="Runs">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Runs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Store</th>
            <th scope="col">Feed</th>
            <th scope="col">Result</th>
            <th scope="col">Counts</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row" data-label="Run">
                <Link to={`/runs/${run.id}`}>#{run.id}</Link>
                <span className="row-detail">{run.trigger}</span>
              </th>
              <td data-label="Store">
                {run.storeId === null ? '—' : (storeNames.get(run.storeId) ?? `#${run.storeId}`)}
              </td>
              <td data-label="Feed">{run.feed}</td>
              <td data-label="Result">
                <RunStatusBadge status={run.status} />
                {run.error && <span className="row-warn-text">{run.error}</span>}
              </td>
              <td data-label="Counts">
                {run.status === 'running' ? (
                  <RunProgress run={run} label={`Progress of run ${run.id}`} />
                ) : (
                  <RunCounts counts={run.counts} />
                )}
              </td>
              <td data-label="Started">
                <TimeAgo at={run.startedAt} />
              </td>
              <td data-label="Duration">{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Every feed of a store: what it does, its schedule, last and next run, Run now (with its options),
 * Stop, and a live progress bar while it runs.
 */
import { useState } from 'react';
import { Link } from 'react-router';

import type { ApiFeed, ApiFeedStatus } from '../../../api/types';
import { Dialog } from '../../../components/dialog';
import { ErrorBox } from '../../../components/error-box';
import { RunCounts } from '../../../components/run-counts';
import { RunProgress } from '../../../components/run-progress';
import { RunStatusBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import { useToast } from '../../../components/toaster';
import { useCan } from '../../../lib/authorization';
import { type RunOptions, useRunFeed } from '../api/run-feed';
import { useStopRun } from '../api/stop-run';
import { RunOptionsForm } from './run-options-form';
import { describeSchedule, ScheduleEditor } from './schedule-editor';

export function FeedsTable({
  store,
  statuses,
  feeds,
  timeZone,
}: {
  readonly store: string;
  /** The store's time zone: date options are the store's local dates. */
  readonly timeZone?: string;
  readonly statuses: readonly ApiFeedStatus[];
  /** GET /feeds: descriptions and options. */
  readonly feeds: readonly ApiFeed[];
}) {
  const canRun = useCan('run-feeds');
  const canSchedule = useCan('edit-settings');
  const notify = useToast();
  const run = useRunFeed();
  const stop = useStopRun(store);
  const [asking, setAsking] = useState<ApiFeed | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ feed: string; error: unknown } | null>(null);

  const start = (feed: string, options: RunOptions) => {
    setFailure(null);
    run.mutate(
      { store, feed, options },
      {
        onSuccess: ({ run: started }) => {
          setAsking(null);
          notify(`${feed} started (run ${started.id}).`);
        },
        onError: (error) => {
          // A wrong option is shown in the options form; anything else above the table.
          if (!asking) setFailure({ feed, error });
        },
      },
    );
  };

  return (
    <>
      {failure && <ErrorBox title={`${failure.feed} did not start`} error={failure.error} />}
      {stop.isError && <ErrorBox title="The run was not stopped" error={stop.error} />}
      <TableScroll label="Feeds">
        <table className="feeds-table stack-on-phone">
          <caption className="visually-hidden">Feeds of {store}</caption>
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last run</th>
              <th scope="col">Next run</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {statuses.map((status) => {
              const feed = feeds.find((candidate) => candidate.name === status.feed);
              const last = status.lastRun;
              const running = last?.status === 'running';
              return (
                <tr key={status.feed} aria-label={status.feed}>
                  <th scope="row" data-label="Feed">
                    <span className="feed-name">{status.feed}</span>
                    <span className="row-detail">{feed?.description}</span>
                    <span className="row-detail">{status.direction === 'import' ? 'Import' : 'Export'}</span>
                    {status.notReady && <span className="row-warn-text">Held back: {status.notReady}</span>}
                  </th>
                  <td data-label="Schedule">
                    {editing === status.feed ? (
                      <ScheduleEditor status={status} onDone={() => setEditing(null)} />
                    ) : (
                      <>
                        <span>{describeSchedule(status)}</span>
                        {canSchedule && status.cadence !== 'manual' && status.feed !== 'drain-outbox' && (
                          <button
                            type="button"
                            className="link-button"
                            aria-label={`Change schedule of ${status.feed}`}
                            onClick={() => setEditing(status.feed)}
                          >
                            Change schedule
                          </button>
                        )}
                      </>
                    )}
                  </td>
                  <td data-label="Last run">
                    {last ? (
                      <>
                        <RunStatusBadge status={last.status} />{' '}
                        <Link to={`/runs/${last.id}`} aria-label={`Run ${last.id} of ${status.feed}`}>
                          <TimeAgo at={last.finishedAt ?? last.startedAt} />
                        </Link>
                        {running ? <RunProgress run={last} /> : <RunCounts counts={last.counts} />}
                        {last.error && !running && <span className="row-warn-text">{last.error}</span>}
                      </>
                    ) : (
                      <span className="muted">No runs yet</span>
                    )}
                  </td>
                  <td data-label="Next run">
                    <TimeAgo at={status.nextRunAt} never="—" future />
                  </td>
                  <td data-label="Actions" className="actions-cell">
                    {canRun && !running && (
                      <button
                        type="button"
                        className="button"
                        disabled={run.isPending && run.variables.feed === status.feed}
                        onClick={() => {
                          if (feed && feed.options.length > 0) {
                            run.reset();
                            setAsking(feed);
                          } else start(status.feed, {});
                        }}
                      >
                        Run now
                      </button>
                    )}
                    {canRun && running && last && (
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={
                          last.stopRequestedAt !== null || (stop.isPending && stop.variables === last.id)
                        }
                        onClick={() =>
                          stop.mutate(last.id, {
                            onSuccess: () => notify(`Stopping ${status.feed} at its next page.`),
                          })
                        }
                      >
                        Stop
                      </button>
                    )}
                    {running && last?.stopRequestedAt && (
                      <span className="row-detail">Stopping at its next page…</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {asking && (
        <Dialog title={`Run ${asking.name} now`} onClose={() => setAsking(null)}>
          <p>{asking.description}</p>
          {run.isError && !isOptionError(run.error) && (
            <ErrorBox title="The run did not start" error={run.error} />
          )}
          <RunOptionsForm
            feed={asking.name}
            options={asking.options}
            {...(timeZone === undefined ? {} : { timeZone })}
            pending={run.isPending}
            error={run.error}
            onCancel={() => setAsking(null)}
            onSubmit={(options) => start(asking.name, options)}
          />
        </Dialog>
      )}
    </>
  );
}

function isOptionError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'field' in error &&
    typeof error.field === 'string' &&
    error.field.startsWith('body.options.')
  );
}

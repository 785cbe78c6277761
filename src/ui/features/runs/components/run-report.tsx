/**
 * One run: what it did (counts, duration, requests), what needs acting on (notices grouped by kind,
 * with the fix), what was skipped and why, and every failed record with its reason. Live while it runs.
 */
import { useState } from 'react';
import { Link } from 'react-router';

import type { ApiNoticeGroup, ApiRunDetail } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { RunCountsList } from '../../../components/run-counts';
import { RunProgress } from '../../../components/run-progress';
import { RunStatusBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { ExactTime, TimeAgo } from '../../../components/time-display';
import { formatDuration } from '../../../lib/time-format';

const NOTICES_SHOWN = 20;

/** The notice groups: the server's (with titles and fixes), or grouped here by kind for an older server. */
export function noticeGroupsOf(run: ApiRunDetail): readonly ApiNoticeGroup[] {
  if (run.noticeGroups) return run.noticeGroups;
  const groups = new Map<string, ApiNoticeGroup>();
  for (const notice of run.report?.notices ?? []) {
    const group = groups.get(notice.kind) ?? {
      kind: notice.kind,
      title: notice.kind.replace(/-/g, ' '),
      fix: '',
      settingsSection: null,
      notices: [],
    };
    groups.set(notice.kind, {
      ...group,
      notices: [...group.notices, { key: notice.key, message: notice.message }],
    });
  }
  return [...groups.values()];
}

function NoticeGroup({
  group,
  store,
}: {
  readonly group: ApiNoticeGroup;
  readonly store: string | undefined;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? group.notices : group.notices.slice(0, NOTICES_SHOWN);
  return (
    <section className="notice-group" aria-label={group.title}>
      <h3>
        {group.title} <span className="muted">({group.notices.length})</span>
      </h3>
      {group.fix && (
        <p className="notice-fix">
          <strong>What to do:</strong> {group.fix}{' '}
          {group.settingsSection && store && (
            <Link to={`/stores/${encodeURIComponent(store)}/settings?section=${group.settingsSection}`}>
              Open the settings
            </Link>
          )}
        </p>
      )}
      <ul>
        {shown.map((notice) => (
          <li key={notice.key}>{notice.message}</li>
        ))}
      </ul>
      {group.notices.length > NOTICES_SHOWN && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${group.notices.length}`}
        </button>
      )}
    </section>
  );
}

export function RunReport({
  run,
  store,
}: {
  readonly run: ApiRunDetail;
  readonly store: string | undefined;
}) {
  const groups = noticeGroupsOf(run);
  const skips = run.report?.skips ?? [];
  const running = run.status === 'running';
  return (
    <div className="run-report">
      <dl className="facts">
        <div>
          <dt>Result</dt>
          <dd>
            <RunStatusBadge status={run.status} />
          </dd>
        </div>
        <div>
          <dt>Store</dt>
          <dd>{store ?? '—'}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <TimeAgo at={run.startedAt} /> (<ExactTime at={run.startedAt} />)
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{run.finishedAt ? <TimeAgo at={run.finishedAt} /> : running ? 'still running' : '—'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</dd>
        </div>
        <div>
          <dt>Requests to the store</dt>
          <dd>{run.report?.requests?.toLocaleString() ?? '—'}</dd>
        </div>
        <div>
          <dt>Started by</dt>
          <dd>{run.trigger}</dd>
        </div>
      </dl>

      {running && (
        <div aria-live="polite">
          <RunProgress run={run} />
          {run.stopRequestedAt && <p className="muted">Stop requested: it stops at its next page.</p>}
        </div>
      )}

      {run.error && (
        <div className="notice notice-bad">
          <p className="notice-title">{run.status === 'cancelled' ? 'Why it stopped' : 'Why it failed'}</p>
          <p>{run.error}</p>
        </div>
      )}

      <h2>Counts</h2>
      <RunCountsList counts={run.counts} />

      <h2>Notices</h2>
      {groups.length === 0 ? (
        <p className="muted">{running ? 'None so far.' : 'Nothing to act on.'}</p>
      ) : (
        groups.map((group) => <NoticeGroup key={group.kind} group={group} store={store} />)
      )}

      {skips.length > 0 && (
        <>
          <h2>Skipped records</h2>
          <TableScroll label="Skipped records">
            <table>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Records</th>
                  <th scope="col">For example</th>
                </tr>
              </thead>
              <tbody>
                {skips.map((skip) => (
                  <tr key={skip.reason}>
                    <th scope="row">{skip.reason}</th>
                    <td>{skip.count.toLocaleString()}</td>
                    <td>{skip.sample.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}

      <h2>Failed records</h2>
      {run.failures.length === 0 ? (
        <EmptyState title={running ? 'No failures so far.' : 'No record failed.'} />
      ) : (
        <TableScroll label="Failed records">
          <table>
            <caption className="visually-hidden">Failed records</caption>
            <thead>
              <tr>
                <th scope="col">Record</th>
                <th scope="col">Reason</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {run.failures.map((failure) => (
                <tr key={`${failure.recordId}:${failure.at}`}>
                  <th scope="row">{failure.recordId}</th>
                  <td>{failure.reason}</td>
                  <td>
                    <TimeAgo at={failure.at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {run.counts.failed > run.failures.length && (
            <p className="muted">
              The first {run.failures.length.toLocaleString()} of {run.counts.failed.toLocaleString()}{' '}
              failures.
            </p>
          )}
        </TableScroll>
      )}
    </div>
  );
}

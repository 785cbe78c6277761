/**
 * One store on the dashboard: health, each feed's last run (result, counts, age) and next run,
 * failures of the last 24 h with their reason, the outbox, and hourly charts.
 */
import { Link } from 'react-router';

import type { ApiDashboardStore } from '../../../api/types';
import { HourlyBarChart } from '../../../components/bar-chart';
import { RunCounts } from '../../../components/run-counts';
import { RunProgress } from '../../../components/run-progress';
import { HealthBadge, RunStatusBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';

export function StoreOverview({
  store,
  hours,
}: {
  readonly store: ApiDashboardStore;
  readonly hours: readonly string[];
}) {
  const path = `/stores/${encodeURIComponent(store.name)}`;
  const headingId = `dashboard-store-${store.id}`;
  return (
    <section className="card store-overview" aria-labelledby={headingId}>
      <header className="card-header">
        <h2 id={headingId}>
          <Link to={`${path}/feeds`}>{store.name}</Link>
        </h2>
        <HealthBadge status={store.health.status} />
        {!store.live && store.enabled && (
          <Link to={`${path}/feeds`} className="badge badge-warn">
            Not live yet — go-live guide
          </Link>
        )}
        <span className="muted">
          PrestaShop {store.psVersion ?? '?'} · {store.timeZone}
        </span>
      </header>
      {store.health.reason && <p className="row-warn-text">{store.health.reason}</p>}

      <div className="overview-facts">
        <dl className="facts">
          <div>
            <dt>Last import</dt>
            <dd>
              <TimeAgo at={store.lastImportAt} />
            </dd>
          </div>
          <div>
            <dt>Last export</dt>
            <dd>
              <TimeAgo at={store.lastExportAt} />
            </dd>
          </div>
          <div>
            <dt>Outbox waiting</dt>
            <dd>
              {store.outbox.pending.toLocaleString()}
              {store.outbox.oldestWaitingAt && (
                <span className="muted">
                  {' '}
                  (oldest <TimeAgo at={store.outbox.oldestWaitingAt} />)
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Outbox failed</dt>
            <dd className={store.outbox.failed > 0 ? 'count-failed' : undefined}>
              {store.outbox.failed.toLocaleString()}
            </dd>
          </div>
        </dl>
      </div>

      <TableScroll label={`Feeds of ${store.name}`}>
        <table className="stack-on-phone compact">
          <caption>Feeds</caption>
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col">Last run</th>
              <th scope="col">Counts</th>
              <th scope="col">Next run</th>
            </tr>
          </thead>
          <tbody>
            {store.feeds.map((feed) => (
              <tr key={feed.feed}>
                <th scope="row" data-label="Feed">
                  {feed.feed}
                </th>
                <td data-label="Last run">
                  {feed.lastRun ? (
                    <>
                      <RunStatusBadge status={feed.lastRun.status} />{' '}
                      <Link
                        to={`/runs/${feed.lastRun.id}`}
                        aria-label={`Run ${feed.lastRun.id} of ${feed.feed}`}
                      >
                        <TimeAgo at={feed.lastRun.finishedAt ?? feed.lastRun.startedAt} />
                      </Link>
                    </>
                  ) : (
                    <span className="muted">No runs yet</span>
                  )}
                </td>
                <td data-label="Counts">
                  {feed.lastRun?.status === 'running' ? (
                    <RunProgress run={feed.lastRun} />
                  ) : feed.lastRun ? (
                    <RunCounts counts={feed.lastRun.counts} />
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="Next run">
                  {feed.notReady ? (
                    // Due, but the scheduler holds it back until what it needs is there.
                    <span className="muted" title={feed.notReady}>
                      held back
                    </span>
                  ) : (
                    <TimeAgo at={feed.nextRunAt} never="—" future />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h3>Failures in the last 24 hours</h3>
      {store.failures.length === 0 ? (
        <p className="ok-line">None.</p>
      ) : (
        <ul className="failure-list">
          {store.failures.map((failure) => (
            <li key={failure.runId}>
              <Link to={`/runs/${failure.runId}`}>{failure.feed}</Link> failed{' '}
              <TimeAgo at={failure.finishedAt} />
              {failure.error && <span className="row-warn-text">{failure.error}</span>}
            </li>
          ))}
        </ul>
      )}

      <div className="charts">
        <HourlyBarChart
          title="Orders imported per hour"
          hours={hours}
          values={store.ordersImported}
          unit="orders"
        />
        <HourlyBarChart
          title="Stock updates pushed per hour"
          hours={hours}
          values={store.stockPushed}
          unit="stock updates"
        />
      </div>
    </section>
  );
}

import { Link } from 'react-router';

import type { ApiRequestLogEntry } from '../../../api/types';
import { HttpStatusBadge } from '../../../components/status-badge';
import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import { formatDuration } from '../../../lib/time-format';

/** The path of a logged URL, without the shop's address: `/api/stock_availables/41?…`. */
/** `/api/orders?filter[id]=[1|2]`: the path and query as a person reads them (no host, no %5B). */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${decodeQuery(parsed.search)}`;
  } catch {
    return url;
  }
}

function decodeQuery(search: string): string {
  try {
    return decodeURIComponent(search);
  } catch {
    return search;
  }
}

export function RequestLogTable({
  entries,
  storeNames,
}: {
  readonly entries: readonly ApiRequestLogEntry[];
  readonly storeNames: ReadonlyMap<number, string>;
}) {
  return (
    <TableScroll label="Requests">
      <table className="stack-on-phone request-log-table">
        <caption className="visually-hidden">Requests sent to stores, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Store</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Sent / received</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td data-label="When">
                <TimeAgo at={entry.at} />
              </td>
              <td data-label="Store">
                {entry.storeId === null ? '—' : (storeNames.get(entry.storeId) ?? `#${entry.storeId}`)}
              </td>
              <th scope="row" data-label="Request">
                <Link to={`/request-log/${entry.id}`} className="request-link" title={shortUrl(entry.url)}>
                  <span className="method">{entry.method}</span> {shortUrl(entry.url)}
                </Link>
                {entry.error && <span className="row-warn-text">{entry.error}</span>}
              </th>
              <td data-label="Status">
                <HttpStatusBadge status={entry.status} />
              </td>
              <td data-label="Duration">{formatDuration(entry.durationMs)}</td>
              <td data-label="Sent / received">
                {entry.bytesSent.toLocaleString()} B / {entry.bytesReceived.toLocaleString()} B
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

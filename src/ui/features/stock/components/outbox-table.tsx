import { TableScroll } from '../../../components/table-scroll';
import { TimeAgo } from '../../../components/time-display';
import type { ApiOutboxEntry } from '../api/stock-types';

const STATUS_LABELS: Readonly<Record<ApiOutboxEntry['status'], string>> = {
  pending: 'Waiting',
  in_flight: 'Being sent',
  done: 'Sent',
  failed: 'Failed',
};

const STATUS_TONES: Readonly<Record<ApiOutboxEntry['status'], string>> = {
  pending: 'badge-warn',
  in_flight: 'badge-info',
  done: 'badge-ok',
  failed: 'badge-bad',
};

/** What a payload says in a few words: a stock quantity, an order state, a tracking number. */
function payloadText(entry: ApiOutboxEntry): string {
  const payload = entry.payload as Record<string, unknown> | null;
  if (payload === null || typeof payload !== 'object') return '—';
  const parts = ['quantity', 'stateId', 'trackingNumber', 'carrier']
    .filter((key) => payload[key] !== undefined && payload[key] !== null)
    .map((key) => `${key} ${String(payload[key])}`);
  return parts.length > 0 ? parts.join(', ') : JSON.stringify(payload).slice(0, 120);
}

/** Outbox entries: what the hub will write (or wrote) to each store, and how it went. */
export function OutboxTable({
  entries,
  storeNames,
}: {
  readonly entries: readonly ApiOutboxEntry[];
  readonly storeNames: ReadonlyMap<number, string>;
}) {
  return (
    <TableScroll label="Outbox">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Outbox entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">Store</th>
            <th scope="col">What</th>
            <th scope="col">Value</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row" data-label="Entry">
                #{entry.id}
              </th>
              <td data-label="Store">{storeNames.get(entry.storeId) ?? `#${entry.storeId}`}</td>
              <td data-label="What">
                {entry.kind} <span className="muted">{entry.target}</span>
              </td>
              <td data-label="Value">{payloadText(entry)}</td>
              <td data-label="Status">
                <span className={`badge ${STATUS_TONES[entry.status]}`}>{STATUS_LABELS[entry.status]}</span>
                {entry.lastError && <span className="row-warn-text">{entry.lastError}</span>}
              </td>
              <td data-label="Attempts">{entry.attempts}</td>
              <td data-label="Queued">
                <TimeAgo at={entry.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

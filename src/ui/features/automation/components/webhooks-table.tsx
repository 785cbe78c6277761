import { Link } from 'react-router';

import type { ApiWebhook } from '../../../api/back-office-types';
import { EmptyState } from '../../../components/empty-state';
import { TableScroll } from '../../../components/table-scroll';
import { WebhookStatusBadge } from './webhook-status-badge';

/** Every subscription: where it sends, what, for which store, and how its deliveries stand. */
export function WebhooksTable({
  webhooks,
  storeName,
}: {
  readonly webhooks: readonly ApiWebhook[];
  readonly storeName: (id: number | null) => string;
}) {
  if (webhooks.length === 0)
    return (
      <EmptyState title="No webhooks yet">
        <p>
          Add one below: the hub signs and sends the events it wants, and retries until the receiver says 2xx.
        </p>
      </EmptyState>
    );
  return (
    <TableScroll label="Webhooks">
      <table className="stack-on-phone">
        <caption className="visually-hidden">Webhooks</caption>
        <thead>
          <tr>
            <th scope="col">Receiver</th>
            <th scope="col">Events</th>
            <th scope="col">Store</th>
            <th scope="col">Status</th>
            <th scope="col">Deliveries</th>
          </tr>
        </thead>
        <tbody>
          {webhooks.map((webhook) => (
            <tr key={webhook.id}>
              <th scope="row" data-label="Receiver">
                <Link to={`/automation/webhooks/${webhook.id}`}>{webhook.url}</Link>
                {webhook.description && <span className="row-detail">{webhook.description}</span>}
              </th>
              <td data-label="Events">{webhook.events.join(', ')}</td>
              <td data-label="Store">{storeName(webhook.storeId)}</td>
              <td data-label="Status">
                <WebhookStatusBadge status={webhook.status} />
              </td>
              <td data-label="Deliveries">
                {webhook.counts?.done ?? 0} sent · {webhook.counts?.pending ?? 0} waiting ·{' '}
                {webhook.counts?.failed ?? 0} failed
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

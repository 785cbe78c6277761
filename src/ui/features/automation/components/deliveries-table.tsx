import { useState } from 'react';

import type { ApiWebhookDelivery } from '../../../api/back-office-types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBox } from '../../../components/error-box';
import { Loading } from '../../../components/loading';
import { TableScroll } from '../../../components/table-scroll';
import { ExactTime, TimeAgo } from '../../../components/time-display';
import { useToast } from '../../../components/toaster';
import { useDelivery, useReplayDelivery } from '../api/get-deliveries';
import { DeliveryStatusBadge } from './webhook-status-badge';

/** Every attempt of one delivery: when, the receiver's answer, how long it took. */
function DeliveryAttempts({
  webhookId,
  deliveryId,
}: {
  readonly webhookId: number;
  readonly deliveryId: number;
}) {
  const delivery = useDelivery(webhookId, deliveryId);
  if (delivery.isPending) return <Loading />;
  if (delivery.isError) return <ErrorBox error={delivery.error} title="The attempts could not be read" />;
  const attempts = delivery.data.attemptList ?? [];
  if (attempts.length === 0) return <p>No attempt yet: it waits for the worker.</p>;
  return (
    <table aria-label={`Attempts of delivery ${deliveryId}`}>
      <thead>
        <tr>
          <th scope="col">Attempt</th>
          <th scope="col">At</th>
          <th scope="col">Answer</th>
          <th scope="col">Took</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.attempt}>
            <th scope="row">{attempt.attempt}</th>
            <td>{attempt.at && <ExactTime at={attempt.at} />}</td>
            <td>
              {attempt.ok ? 'OK' : 'Failed'} {attempt.statusCode ?? ''}
              {attempt.error && <span className="row-detail">{attempt.error}</span>}
              {attempt.responseExcerpt && <span className="row-detail">{attempt.responseExcerpt}</span>}
            </td>
            <td>{attempt.durationMs ?? '?'} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A subscription's deliveries, newest first: status, attempts on demand, and Replay. */
export function DeliveriesTable({
  webhookId,
  deliveries,
  canReplay,
}: {
  readonly webhookId: number;
  readonly deliveries: readonly ApiWebhookDelivery[];
  readonly canReplay: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const replay = useReplayDelivery();
  const notify = useToast();
  if (deliveries.length === 0)
    return (
      <EmptyState title="No deliveries yet">
        <p>A delivery appears when an event this webhook wants happens.</p>
      </EmptyState>
    );
  return (
    <>
      {replay.isError && <ErrorBox error={replay.error} title="The delivery was not replayed" />}
      <TableScroll label="Deliveries">
        <table className="stack-on-phone">
          <caption className="visually-hidden">Deliveries</caption>
          <thead>
            <tr>
              <th scope="col">Delivery</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((delivery) => {
              const id = delivery.id ?? 0;
              return (
                <tr key={id}>
                  <th scope="row" data-label="Delivery">
                    {id}
                    <span className="row-detail">{delivery.webhookId}</span>
                  </th>
                  <td data-label="Event">
                    {delivery.eventType}
                    {(delivery.itemCount ?? 1) > 1 && (
                      <span className="row-detail">{delivery.itemCount} items</span>
                    )}
                  </td>
                  <td data-label="Status">
                    <DeliveryStatusBadge status={delivery.status} />
                    {delivery.lastError && <span className="row-detail">{delivery.lastError}</span>}
                  </td>
                  <td data-label="Attempts">{delivery.attempts ?? 0}</td>
                  <td data-label="Created">{delivery.createdAt && <TimeAgo at={delivery.createdAt} />}</td>
                  <td data-label="Actions" className="actions-cell">
                    <button
                      type="button"
                      className="button button-small"
                      aria-expanded={open === id}
                      aria-label={`Attempts of delivery ${id}`}
                      onClick={() => setOpen(open === id ? null : id)}
                    >
                      Attempts
                    </button>{' '}
                    {canReplay && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Replay delivery ${id}`}
                        disabled={replay.isPending}
                        onClick={() =>
                          replay.mutate(
                            { id: webhookId, delivery: id },
                            {
                              onSuccess: (answer) =>
                                notify(
                                  answer.queued === false
                                    ? `Delivery ${id} was already waiting to be sent.`
                                    : `Delivery ${id} will be sent again (same id and body).`,
                                ),
                            },
                          )
                        }
                      >
                        Replay
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {open !== null && (
        <section aria-labelledby="attempts-title">
          <h3 id="attempts-title">Attempts of delivery {open}</h3>
          <DeliveryAttempts webhookId={webhookId} deliveryId={open} />
        </section>
      )}
    </>
  );
}

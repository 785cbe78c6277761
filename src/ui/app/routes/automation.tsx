import { useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router';

import type { ApiWebhookWithSecret } from '../../api/back-office-types';
import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { ExactTime } from '../../components/time-display';
import { useToast } from '../../components/toaster';
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSetWebhookPaused,
} from '../../features/automation/api/change-webhook';
import { useDeliveries } from '../../features/automation/api/get-deliveries';
import { useEventSchemas, useEventTypes } from '../../features/automation/api/get-event-types';
import { useWebhook, useWebhooks } from '../../features/automation/api/get-webhooks';
import { AddWebhookForm } from '../../features/automation/components/add-webhook-form';
import { DeliveriesTable } from '../../features/automation/components/deliveries-table';
import { EventCatalogue } from '../../features/automation/components/event-catalogue';
import { SecretNotice } from '../../features/automation/components/secret-notice';
import { WebhookStatusBadge } from '../../features/automation/components/webhook-status-badge';
import { WebhooksTable } from '../../features/automation/components/webhooks-table';
import { useStoresWithSettings } from '../../features/master-data/api/get-store-settings';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

function AutomationTabs() {
  return (
    <nav className="tabs" aria-label="Automation pages">
      <NavLink to="/automation/webhooks" end>
        Webhooks
      </NavLink>
      <NavLink to="/automation/events">Event catalogue</NavLink>
    </nav>
  );
}

function useStores() {
  const stores = useStoresWithSettings();
  const items = stores.data?.items ?? [];
  return {
    names: items.map((store) => store.name),
    nameOf: (id: number | null) =>
      id === null ? 'Every store' : (items.find((store) => store.id === id)?.name ?? `#${id}`),
  };
}

export function WebhooksRoute() {
  const webhooks = useWebhooks();
  const eventTypes = useEventTypes();
  const stores = useStores();
  const canManage = useCan('edit-settings');
  const [added, setAdded] = useState<ApiWebhookWithSecret | null>(null);
  return (
    <Page title="Automation" subtitle="Webhooks: signed messages (Standard Webhooks) to your receivers.">
      <AutomationTabs />
      {added && (
        <SecretNotice
          title={`Webhook to ${added.webhook.url} added`}
          secret={added.secret}
          onDone={() => setAdded(null)}
        />
      )}
      {webhooks.isPending && <Loading />}
      {webhooks.isError && (
        <ErrorBox
          error={webhooks.error}
          title="The webhooks could not be read"
          onRetry={() => void webhooks.refetch()}
        />
      )}
      {webhooks.data && <WebhooksTable webhooks={webhooks.data.webhooks ?? []} storeName={stores.nameOf} />}
      {canManage && eventTypes.data && (
        <section aria-labelledby="add-webhook-title">
          <h2 id="add-webhook-title">Add a webhook</h2>
          <AddWebhookForm
            eventTypes={eventTypes.data.eventTypes ?? []}
            stores={stores.names}
            onAdded={setAdded}
          />
        </section>
      )}
    </Page>
  );
}

function WebhookActions({ id, paused }: { readonly id: number; readonly paused: boolean }) {
  const pause = useSetWebhookPaused();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const notify = useToast();
  const navigate = useNavigate();
  const busy = pause.isPending || rotate.isPending || remove.isPending;
  const error = pause.error ?? rotate.error ?? remove.error;
  return (
    <>
      <div className="page-actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            pause.mutate(
              { id, paused: !paused },
              {
                onSuccess: (saved) => notify(saved.status === 'paused' ? 'Paused: events wait.' : 'Resumed.'),
              },
            )
          }
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => rotate.mutate(id)}>
          Rotate secret
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={() => {
            if (!window.confirm('Delete this webhook? Its deliveries go with it.')) return;
            remove.mutate(id, {
              onSuccess: () => {
                notify('Webhook deleted.');
                void navigate('/automation/webhooks');
              },
            });
          }}
        >
          Delete
        </button>
      </div>
      {error && <ErrorBox error={error} title="The webhook was not changed" />}
      {rotate.data && (
        <SecretNotice title="New secret" secret={rotate.data.secret} onDone={() => rotate.reset()} />
      )}
    </>
  );
}

export function WebhookRoute() {
  const id = Number(useParams().id);
  const webhook = useWebhook(id);
  const deliveries = useDeliveries(id);
  const stores = useStores();
  const canManage = useCan('edit-settings');
  const canReplay = useCan('run-feeds');
  const data = webhook.data;
  return (
    <Page title={data ? `Webhook ${data.id}` : `Webhook ${id}`} subtitle={data?.url}>
      <AutomationTabs />
      {webhook.isPending && <Loading />}
      {webhook.isError && <ErrorBox error={webhook.error} title="The webhook could not be read" />}
      {data && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <WebhookStatusBadge status={data.status} />
            </dd>
            <dt>Events</dt>
            <dd>{data.events.join(', ')}</dd>
            <dt>Store</dt>
            <dd>{stores.nameOf(data.storeId)}</dd>
            <dt>Form</dt>
            <dd>{data.form === 'batch' ? 'Batch (one message per cycle)' : 'One message per event'}</dd>
            {data.previousSecretExpiresAt && (
              <>
                <dt>Previous secret signs until</dt>
                <dd>
                  <ExactTime at={data.previousSecretExpiresAt} />
                </dd>
              </>
            )}
          </dl>
          {canManage && <WebhookActions id={data.id} paused={data.status === 'paused'} />}
        </>
      )}
      <h2>Deliveries</h2>
      {deliveries.isPending && <Loading />}
      {deliveries.isError && <ErrorBox error={deliveries.error} title="The deliveries could not be read" />}
      {deliveries.data && (
        <DeliveriesTable webhookId={id} deliveries={deliveries.data.deliveries ?? []} canReplay={canReplay} />
      )}
    </Page>
  );
}

export function EventCatalogueRoute() {
  const eventTypes = useEventTypes();
  const schemas = useEventSchemas();
  return (
    <Page
      title="Automation"
      subtitle="The event catalogue: what each event means and the body a receiver gets."
    >
      <AutomationTabs />
      {eventTypes.isPending && <Loading />}
      {eventTypes.isError && <ErrorBox error={eventTypes.error} title="The event types could not be read" />}
      {eventTypes.data && (
        <EventCatalogue eventTypes={eventTypes.data.eventTypes ?? []} schemas={schemas.data} />
      )}
    </Page>
  );
}

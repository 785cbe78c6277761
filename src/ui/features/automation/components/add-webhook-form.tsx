import { type FormEvent, useState } from 'react';

import type { ApiAddWebhookBody, ApiEventType, ApiWebhookWithSecret } from '../../../api/back-office-types';
import { ErrorBox } from '../../../components/error-box';
import { CheckboxField, CheckboxGroup, SelectField, TextField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import { useAddWebhook } from '../api/change-webhook';

type Events = ApiAddWebhookBody['events'];

/** Adds a subscription: its URL, the events it wants, an optional store; the answer carries the secret. */
export function AddWebhookForm({
  eventTypes,
  stores,
  onAdded,
}: {
  readonly eventTypes: readonly ApiEventType[];
  readonly stores: readonly string[];
  readonly onAdded: (added: ApiWebhookWithSecret) => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [store, setStore] = useState('');
  const [description, setDescription] = useState('');
  const [allowPrivate, setAllowPrivate] = useState(false);
  const add = useAddWebhook();

  const fieldError = (field: string) =>
    add.error instanceof ApiRequestError && add.error.field === `body.${field}`
      ? add.error.message
      : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    add.mutate(
      {
        url: url.trim(),
        events: events as Events,
        ...(store === '' ? {} : { store }),
        ...(description.trim() === '' ? {} : { description: description.trim() }),
        allowPrivate,
      },
      {
        onSuccess: (added) => {
          setUrl('');
          setEvents([]);
          setDescription('');
          onAdded(added);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} aria-label="Add a webhook" noValidate>
      <div className="field-grid">
        <TextField
          id="new-webhook-url"
          label="Receiver URL"
          type="url"
          help="HTTPS in production; the receiver answers 2xx to acknowledge."
          value={url}
          onChange={setUrl}
          error={fieldError('url')}
          required
        />
        <SelectField
          id="new-webhook-store"
          label="Store"
          emptyLabel="Every store"
          value={store}
          onChange={setStore}
          options={stores.map((name) => ({ value: name, label: name }))}
          error={fieldError('store')}
        />
        <TextField
          id="new-webhook-description"
          label="Description"
          value={description}
          onChange={setDescription}
          error={fieldError('description')}
        />
      </div>
      <CheckboxGroup
        id="new-webhook-events"
        label="Events"
        help="What this receiver wants; choose at least one."
        error={fieldError('events')}
        values={events}
        onChange={setEvents}
        options={eventTypes.map((type) => ({ value: type.type, label: type.type }))}
      />
      <CheckboxField
        id="new-webhook-allow-private"
        label="Allow a private address (a receiver on this machine or the local network)"
        help="Off, the hub refuses loopback and private addresses, so that a subscription cannot probe the network it runs in."
        checked={allowPrivate}
        onChange={setAllowPrivate}
        error={fieldError('allowPrivate')}
      />
      {add.isError &&
        !['url', 'store', 'events', 'description', 'allowPrivate'].some((f) => fieldError(f)) && (
          <ErrorBox error={add.error} title="The webhook was not added" />
        )}
      <button type="submit" className="button button-primary" disabled={add.isPending}>
        Add webhook
      </button>
    </form>
  );
}

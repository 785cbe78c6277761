/**
 * Disable / enable a store, and remove it after typing its name: the last section of the settings
 * page, for admins.
 */
import { type FormEvent, useState } from 'react';

import type { ApiStore } from '../../../api/types';
import { Dialog } from '../../../components/dialog';
import { ErrorBox } from '../../../components/error-box';
import { TextField } from '../../../components/form-fields';
import { useToast } from '../../../components/toaster';
import { useCan } from '../../../lib/authorization';
import { useDeleteStore } from '../api/delete-store';
import { useUpdateStore } from '../api/update-store';

export function StoreAdminActions({
  store,
  onRemoved,
}: {
  readonly store: ApiStore;
  readonly onRemoved: () => void;
}) {
  const canEdit = useCan('edit-settings');
  const canRemove = useCan('manage-stores');
  const notify = useToast();
  const toggle = useUpdateStore();
  const [removing, setRemoving] = useState(false);
  if (!canEdit && !canRemove) return null;
  const enabled = store.settings.enabled;

  return (
    <section className="settings-section danger-zone" aria-labelledby="store-admin-title">
      <h2 id="store-admin-title">Store status</h2>
      {canEdit && (
        <div className="inline-actions">
          <p>
            {enabled
              ? 'The store is enabled: its feeds run on their schedule and by hand.'
              : 'The store is disabled: no feed runs for it, scheduled or by hand.'}
          </p>
          <button
            type="button"
            className="button"
            disabled={toggle.isPending}
            onClick={() =>
              toggle.mutate(
                { store: store.name, body: { settings: { enabled: !enabled } } },
                { onSuccess: () => notify(enabled ? `${store.name} disabled.` : `${store.name} enabled.`) },
              )
            }
          >
            {enabled ? 'Disable store' : 'Enable store'}
          </button>
        </div>
      )}
      {toggle.isError && <ErrorBox error={toggle.error} title="The store could not be changed" />}
      {canRemove && (
        <div className="inline-actions">
          <p>
            Removing the store deletes everything the hub holds for it: bindings, runs, outbox, its orders.
          </p>
          <button type="button" className="button button-danger" onClick={() => setRemoving(true)}>
            Remove store
          </button>
        </div>
      )}
      {removing && (
        <RemoveStoreDialog
          store={store}
          onClose={() => setRemoving(false)}
          onRemoved={() => {
            setRemoving(false);
            notify(`${store.name} removed.`);
            onRemoved();
          }}
        />
      )}
    </section>
  );
}

export function RemoveStoreDialog({
  store,
  onClose,
  onRemoved,
}: {
  readonly store: ApiStore;
  readonly onClose: () => void;
  readonly onRemoved: () => void;
}) {
  const [typed, setTyped] = useState('');
  const remove = useDeleteStore();
  const matches = typed.trim() === store.name;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!matches || remove.isPending) return;
    remove.mutate(store.name, { onSuccess: onRemoved });
  };
  return (
    <Dialog title={`Remove ${store.name}?`} onClose={onClose}>
      <form onSubmit={onSubmit}>
        <p>
          This deletes the store and everything the hub holds for it: bindings, watermarks, runs, outbox and
          its orders. It cannot be undone.
        </p>
        <TextField
          id="remove-store-name"
          label={`Type ${store.name} to confirm`}
          value={typed}
          onChange={setTyped}
          autoComplete="off"
        />
        {remove.isError && <ErrorBox error={remove.error} title="The store was not removed" />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={!matches || remove.isPending}>
            {remove.isPending ? 'Removing…' : 'Remove store permanently'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

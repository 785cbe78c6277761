/**
 * A store's settings on one page. Save sends one PATCH /stores/{store} with what changed; the
 * server validates everything at once and saves nothing when a value is wrong: each error then
 * shows beside its field, and a summary at the top links to them.
 */
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';

import type { ApiStore } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { useToast } from '../../../components/toaster';
import { useCan } from '../../../lib/authorization';
import { useMasterData } from '../api/get-master-data';
import { useSettingsReference } from '../api/get-settings-reference';
import { useStoreLive } from '../api/get-store-live';
import { useUpdateStore } from '../api/update-store';
import {
  draftFromStore,
  isEmptyPatch,
  type MapRow,
  type MapSetting,
  patchFromDraft,
  type SettingError,
  settingErrors,
  settingFieldId,
  type SettingsDraft,
} from './settings-draft';
import {
  CatalogSection,
  ConnectionSection,
  CustomersSection,
  DataExchangeSection,
  ExtrasSection,
  OrdersSection,
  SETTINGS_SECTIONS,
  type SettingsFormContext,
  ShippingSection,
  StockSection,
} from './settings-sections';

interface Editing {
  /** The store as it was when editing began: the PATCH holds what changed since. */
  readonly base: ApiStore;
  readonly draft: SettingsDraft;
}

export function StoreSettingsForm({ store }: { readonly store: ApiStore }) {
  const canEdit = useCan('edit-settings');
  const notify = useToast();
  const reference = useSettingsReference();
  const master = useMasterData();
  const live = useStoreLive(store.name);
  const update = useUpdateStore();

  const pristine = useMemo(() => draftFromStore(store), [store]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [errors, setErrors] = useState<readonly SettingError[]>([]);
  const submitting = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  const base = editing?.base ?? store;
  const draft = editing?.draft ?? pristine;
  const patch = patchFromDraft(base, draft);
  const dirty = !isEmptyPatch(patch);
  const changedElsewhere = editing !== null && editing.base.updatedAt !== store.updatedAt;

  useEffect(() => {
    if (errors.length > 0) summary.current?.focus();
  }, [errors]);

  const helpByKey = useMemo(
    () => new Map((reference.data?.items ?? []).map((spec) => [spec.key, spec.meaning])),
    [reference.data],
  );

  const edit = (change: (draft: SettingsDraft) => SettingsDraft) =>
    setEditing((current) => ({
      base: current?.base ?? store,
      draft: change(current?.draft ?? pristine),
    }));

  const form: SettingsFormContext = {
    store,
    draft,
    update: (change) => edit((current) => ({ ...current, ...change })),
    updateMap: (setting: MapSetting, rows: readonly MapRow[]) =>
      edit((current) => ({ ...current, maps: { ...current.maps, [setting]: rows } })),
    errorFor: (key) => errors.find((error) => error.key === key)?.message,
    help: (key) => helpByKey.get(key),
    readOnly: !canEdit,
    live: live.data,
    master: master.data,
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // One save at a time: Enter pressed twice, or a double click, sends one PATCH.
    if (!canEdit || submitting.current) return;
    const body = patchFromDraft(base, draft);
    if (isEmptyPatch(body)) {
      notify('Nothing to save: no setting changed.', 'info');
      return;
    }
    submitting.current = true;
    update.mutate(
      { store: store.name, body },
      {
        onSuccess: () => {
          setEditing(null);
          setErrors([]);
          notify('Settings saved.');
        },
        onError: (error) => setErrors(settingErrors(error)),
        onSettled: () => {
          submitting.current = false;
        },
      },
    );
  };

  const focusField = (key: string) => {
    const element = document.getElementById(settingFieldId(key));
    element?.scrollIntoView({ block: 'center' });
    element?.focus();
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate aria-label={`Settings of ${store.name}`}>
      <nav className="settings-toc" aria-label="Settings sections">
        <ul>
          {SETTINGS_SECTIONS.map((section) => (
            <li key={section.id}>
              <a
                href={`#section-${section.id}`}
                onClick={(event) => {
                  // Hash routing owns the URL's #: move to the section without navigating.
                  event.preventDefault();
                  const heading = document.getElementById(`section-${section.id}-title`);
                  heading?.scrollIntoView({ block: 'start' });
                  heading?.focus();
                }}
              >
                {section.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {!canEdit && (
        <p className="notice">
          Only an admin can change settings; you can read them and test the connection.
        </p>
      )}

      {errors.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <p className="error-title">
            {errors.length === 1
              ? 'The settings were not saved: one value needs attention.'
              : `The settings were not saved: ${errors.length} values need attention.`}
          </p>
          <ul>
            {errors.map((error) => (
              <li key={`${error.key}:${error.message}`}>
                {error.key !== '' && document.getElementById(settingFieldId(error.key)) ? (
                  <button type="button" className="link-button" onClick={() => focusField(error.key)}>
                    {error.message}
                  </button>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {changedElsewhere && (
        <div className="notice notice-warn" role="status">
          <p>
            These settings were changed elsewhere since you began editing. Saving keeps their changes to
            fields you did not touch.
          </p>
          <button type="button" className="button" onClick={() => setEditing(null)}>
            Discard my changes and reload
          </button>
        </div>
      )}

      {live.isError && (
        <div className="notice notice-warn">
          <p>
            The store's order states, carriers, categories and payment modules could not be read now:{' '}
            {live.error.message} You can still edit these settings by id.
          </p>
          <button type="button" className="button" onClick={() => void live.refetch()}>
            Read them again
          </button>
        </div>
      )}
      {live.data && live.data.problems.length > 0 && (
        <div className="notice notice-warn">
          <p>Some of the store's lists could not be read; edit those settings by id:</p>
          <ul>
            {live.data.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {live.isPending && (
        <p className="muted" role="status">
          Reading the store's order states, carriers, categories and payment modules…
        </p>
      )}
      {reference.isError && <ErrorBox title="The settings help could not be read" error={reference.error} />}

      <ConnectionSection form={form} />
      <DataExchangeSection form={form} />
      <StockSection form={form} />
      <ExtrasSection form={form} />
      <OrdersSection form={form} />
      <ShippingSection form={form} />
      <CatalogSection form={form} />
      <CustomersSection form={form} />

      {canEdit && (
        <div className={dirty || update.isPending ? 'save-bar dirty' : 'save-bar'}>
          <span className="save-state" aria-live="polite">
            {update.isPending ? 'Saving…' : dirty ? 'You have unsaved changes.' : 'No unsaved changes.'}
          </span>
          <button
            type="button"
            className="button"
            disabled={!dirty || update.isPending}
            onClick={() => {
              setEditing(null);
              setErrors([]);
            }}
          >
            Discard changes
          </button>
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            Save settings
          </button>
        </div>
      )}
    </form>
  );
}

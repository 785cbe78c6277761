/**
 * Connecting a store: name, URL and key → Probe shows what the store and the key allow (nothing is
 * saved) → Add store keeps it. Enter probes first, then adds. A multistore asks which shop the store
 * works in (the default shop first chosen).
 */
import { type FormEvent, useState } from 'react';

import type { ApiStore } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { SelectField, TextField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import { useAddStore } from '../api/add-store';
import { useProbeStore } from '../api/probe-store';
import { ProbeReport } from './probe-report';

type AuthChoice = 'auto' | 'basic' | 'query';

/** A store name from a shop name: "PrestaBridge Demo Shop" → "prestabridge-demo-shop". */
export function suggestedStoreName(shopName: string): string {
  return shopName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 64);
}

export function AddStoreForm({ onAdded }: { readonly onAdded: (store: ApiStore) => void }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [key, setKey] = useState('');
  const [auth, setAuth] = useState<AuthChoice>('auto');
  const [shopId, setShopId] = useState('');
  const probe = useProbeStore();
  const add = useAddStore();

  const target = JSON.stringify([url.trim(), key.trim(), auth]);
  const [probedTarget, setProbedTarget] = useState<string | null>(null);
  const probed = probe.isSuccess && probedTarget === target;

  /** Multistore: the shops to choose from, once probed. */
  const shops = (probed ? probe.data?.shop?.shops : undefined) ?? [];

  const runProbe = () => {
    if (probe.isPending) return;
    add.reset();
    setProbedTarget(target);
    probe.mutate(
      { url: url.trim(), key: key.trim(), auth },
      {
        onSuccess: (answer) => {
          if (name.trim() === '' && answer.connection.shopName)
            setName(suggestedStoreName(answer.connection.shopName));
          const shops = answer.shop?.shops ?? [];
          setShopId(String((shops.find((shop) => shop.isDefault) ?? shops[0])?.id ?? ''));
        },
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!probed) {
      runProbe();
      return;
    }
    if (add.isPending) return;
    add.mutate(
      {
        name: name.trim(),
        url: url.trim(),
        key: key.trim(),
        auth,
        ...(shops.length > 1 && shopId !== '' ? { shopId: Number(shopId) } : {}),
      },
      { onSuccess: ({ store }) => onAdded(store) },
    );
  };

  const fieldError = (field: string) =>
    add.error instanceof ApiRequestError && add.error.field === `body.${field}`
      ? add.error.message
      : undefined;

  return (
    <form className="add-store-form" onSubmit={onSubmit} noValidate aria-label="Add a store">
      <div className="field-grid">
        <TextField
          id="add-store-url"
          label="Shop URL"
          type="url"
          placeholder="https://shop.example.com"
          help="The shop's address, as customers open it."
          error={fieldError('url')}
          value={url}
          onChange={setUrl}
          required
        />
        <TextField
          id="add-store-key"
          label="Webservice key"
          type="password"
          autoComplete="off"
          help="Advanced Parameters › Webservice in the store's back office: a 32-character key."
          error={fieldError('key')}
          value={key}
          onChange={setKey}
          required
        />
        <SelectField
          id="add-store-auth"
          label="How to send the key"
          help="Automatic tries HTTP Basic, then the ws_key parameter when the host drops the Authorization header."
          value={auth}
          onChange={(value) => setAuth(value as AuthChoice)}
          options={[
            { value: 'auto', label: 'Automatic' },
            { value: 'basic', label: 'HTTP Basic only' },
            { value: 'query', label: 'ws_key parameter only' },
          ]}
        />
        <TextField
          id="add-store-name"
          label="Store name"
          help="How the hub names this store: letters, digits, '.', '_' and '-'."
          error={fieldError('name')}
          value={name}
          onChange={setName}
          required
        />
        {shops.length > 1 && (
          <SelectField
            id="add-store-shop"
            label="Shop"
            help="This PrestaShop has several shops: the store syncs with one. A shop whose group shares its stock pushes to the group's stock."
            error={fieldError('shopId')}
            value={shopId}
            onChange={setShopId}
            options={shops.map((shop) => ({
              value: String(shop.id),
              label:
                `${shop.id} ${shop.name}` +
                (shop.isDefault ? ' (default)' : '') +
                (shop.stockShared ? ` — stock shared with ${shop.groupName}` : ''),
            }))}
          />
        )}
      </div>
      <div className="form-actions">
        {/* Enter presses the form's first enabled submit button: Probe until probed, then Add store. */}
        <button
          type={probed ? 'button' : 'submit'}
          className={probed ? 'button' : 'button button-primary'}
          disabled={probe.isPending || url.trim() === '' || key.trim() === ''}
          // As a submit button it probes through the form's submit (once); after a probe, by its click.
          onClick={probed ? runProbe : undefined}
        >
          Probe
        </button>
        <button
          type={probed ? 'submit' : 'button'}
          className={probed ? 'button button-primary' : 'button'}
          // A key that cannot read the store's languages and configuration cannot add it.
          disabled={!probed || add.isPending || name.trim() === '' || Boolean(probe.data?.cannotConnect)}
        >
          Add store
        </button>
        <span className="muted" role="status">
          {probe.isPending
            ? 'Probing the store…'
            : add.isPending
              ? 'Adding the store…'
              : probed
                ? 'Check what the store answered below, then add it.'
                : 'Probe the store first: nothing is saved until you add it.'}
        </span>
      </div>
      <div aria-live="polite">
        {probe.isError && probedTarget === target && (
          <ErrorBox title="The store could not be probed" error={probe.error} />
        )}
        {add.isError && !fieldError('name') && !fieldError('url') && !fieldError('key') && (
          <ErrorBox title="The store was not added" error={add.error} />
        )}
        {probed && probe.data && <ProbeReport probe={probe.data} />}
      </div>
    </form>
  );
}

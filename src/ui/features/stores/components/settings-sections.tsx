/**
 * The sections of the store settings page, in the order a back-office user knows them. Each field
 * shows its one-line help (GET /settings/reference) and, after a refused save, its error.
 */
import type { ReactNode } from 'react';

import type { ApiMasterData, ApiStore, ApiStoreLive } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import {
  CheckboxField,
  CheckboxGroup,
  NumberField,
  SelectField,
  type SelectOption,
  TextField,
} from '../../../components/form-fields';
import { TimeAgo } from '../../../components/time-display';
import { useCan } from '../../../lib/authorization';
import { useTestStore } from '../api/test-store';
import { ConnectionCheck } from './connection-check';
import { MapTable } from './map-table';
import {
  EXPORT_FIELDS,
  type MapRow,
  type MapSetting,
  settingFieldId,
  type SettingsDraft,
} from './settings-draft';

/** What every section works with. */
export interface SettingsFormContext {
  readonly store: ApiStore;
  readonly draft: SettingsDraft;
  readonly update: (change: Partial<SettingsDraft>) => void;
  readonly updateMap: (setting: MapSetting, rows: readonly MapRow[]) => void;
  readonly errorFor: (key: string) => string | undefined;
  readonly help: (key: string) => string | undefined;
  readonly readOnly: boolean;
  /** The store's lists read now; undefined while loading or when the store cannot be read. */
  readonly live: ApiStoreLive | undefined;
  readonly master: ApiMasterData | undefined;
}

export const SETTINGS_SECTIONS = [
  { id: 'connection', title: 'Connection' },
  { id: 'data-exchange', title: 'Data exchange' },
  { id: 'stock', title: 'Stock' },
  { id: 'extras', title: 'Extras' },
  { id: 'orders', title: 'Orders' },
  { id: 'shipping', title: 'Shipping confirmation' },
  { id: 'catalog', title: 'Catalog' },
  { id: 'customers', title: 'Customers' },
] as const;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]['id'];

function Section({ id, children }: { readonly id: SettingsSectionId; readonly children: ReactNode }) {
  const title = SETTINGS_SECTIONS.find((section) => section.id === id)?.title ?? id;
  return (
    <section className="settings-section" id={`section-${id}`} aria-labelledby={`section-${id}-title`}>
      <h2 id={`section-${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Props of a field bound to a setting key: id, help, error, read-only. */
function bound(form: SettingsFormContext, key: string) {
  return {
    id: settingFieldId(key),
    help: form.help(key),
    error: form.errorFor(key),
    disabled: form.readOnly,
  };
}

const options = (list: readonly { code: string; name: string }[] | undefined): SelectOption[] | null =>
  list ? list.map((item) => ({ value: item.code, label: `${item.name} (${item.code})` })) : null;

/** A code chosen from master data, or typed when master data could not be read. */
function CodeField({
  form,
  settingKey,
  label,
  value,
  onChange,
  choices,
  emptyLabel = '— none —',
}: {
  readonly form: SettingsFormContext;
  readonly settingKey: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly choices: SelectOption[] | null;
  readonly emptyLabel?: string;
}) {
  if (choices) {
    return (
      <SelectField
        {...bound(form, settingKey)}
        label={label}
        value={value}
        onChange={onChange}
        options={choices}
        emptyLabel={emptyLabel}
      />
    );
  }
  return (
    <TextField {...bound(form, settingKey)} label={`${label} (code)`} value={value} onChange={onChange} />
  );
}

export function ConnectionSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, store } = form;
  const canTest = useCan('test-store');
  const test = useTestStore();
  return (
    <Section id="connection">
      <TextField
        {...bound(form, 'url')}
        help={form.help('url') ?? 'The shop address, as customers open it (https://…).'}
        label="Shop URL"
        type="url"
        value={draft.url}
        onChange={(url) => update({ url })}
      />
      <TextField
        {...bound(form, 'key')}
        help="The key is never shown. Type a new one only to replace it; leave empty to keep the current key."
        label="Webservice key"
        type="password"
        autoComplete="new-password"
        placeholder={store.key ? 'A key is stored — type to replace it' : 'No key stored'}
        value={draft.key}
        onChange={(key) => update({ key })}
      />
      <SelectField
        {...bound(form, 'auth')}
        help="Basic is the standard. Use ws_key only for hosts that drop the Authorization header (a right key then gets 401); the Test button finds out."
        label="How the key is sent"
        value={draft.authMode}
        onChange={(authMode) => update({ authMode: authMode === 'query' ? 'query' : 'header' })}
        options={[
          { value: 'header', label: 'HTTP Basic (Authorization header)' },
          { value: 'query', label: 'ws_key query parameter' },
        ]}
      />
      {canTest && (
        <div className="inline-actions">
          <button
            type="button"
            className="button"
            disabled={test.isPending}
            onClick={() => test.mutate(store.name)}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <span className="muted">Uses the saved URL and key.</span>
        </div>
      )}
      <div aria-live="polite">
        {test.isError && <ErrorBox title="The connection test failed" error={test.error} />}
        {test.data && <ConnectionCheck check={test.data.connection} />}
      </div>
    </Section>
  );
}

export function DataExchangeSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, store } = form;
  return (
    <Section id="data-exchange">
      <div className="field-pair">
        <div>
          <CheckboxField
            {...bound(form, 'import.enabled')}
            label="Import on schedule"
            checked={draft.importEnabled}
            onChange={(importEnabled) => update({ importEnabled })}
          />
          <NumberField
            {...bound(form, 'import.frequencyMinutes')}
            label="Import frequency"
            suffix="minutes"
            value={draft.importFrequency}
            onChange={(importFrequency) => update({ importFrequency })}
          />
          <p className="field-fact">
            Last import: <TimeAgo at={store.lastImportAt} />
          </p>
        </div>
        <div>
          <CheckboxField
            {...bound(form, 'export.enabled')}
            label="Export on schedule"
            checked={draft.exportEnabled}
            onChange={(exportEnabled) => update({ exportEnabled })}
          />
          <NumberField
            {...bound(form, 'export.frequencyMinutes')}
            label="Export frequency"
            suffix="minutes"
            value={draft.exportFrequency}
            onChange={(exportFrequency) => update({ exportFrequency })}
          />
          <p className="field-fact">
            Last export: <TimeAgo at={store.lastExportAt} />
          </p>
        </div>
      </div>
    </Section>
  );
}

export function StockSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, master } = form;
  const locations = master
    ? master.locations.map((location) => ({
        value: location.code,
        label: `${location.name} (${location.code}${location.kind ? `, ${location.kind}` : ''})`,
      }))
    : null;
  const taxes = master
    ? master.taxRates.map((tax) => ({ value: tax.code, label: `${tax.name} (${tax.code}, ${tax.rate} %)` }))
    : null;
  return (
    <Section id="stock">
      {!master && <p className="notice">The hub's master data could not be read: type the codes.</p>}
      <div className="field-grid">
        <CodeField
          form={form}
          settingKey="defaults.unitOfMeasure"
          label="Default unit of measure"
          value={draft.unitOfMeasure}
          onChange={(unitOfMeasure) => update({ unitOfMeasure })}
          choices={options(master?.unitsOfMeasure)}
        />
        <CodeField
          form={form}
          settingKey="defaults.tax"
          label="Default tax"
          value={draft.tax}
          onChange={(tax) => update({ tax })}
          choices={taxes}
        />
        <CodeField
          form={form}
          settingKey="defaults.salesLocation"
          label="Sales location"
          value={draft.salesLocation}
          onChange={(salesLocation) => update({ salesLocation })}
          choices={locations}
        />
        <CodeField
          form={form}
          settingKey="defaults.stockLocation"
          label="Stock location"
          value={draft.stockLocation}
          onChange={(stockLocation) => update({ stockLocation })}
          choices={locations}
        />
        <CodeField
          form={form}
          settingKey="stockImportLocation"
          label="Initial stock import location"
          value={draft.stockImportLocation}
          onChange={(stockImportLocation) => update({ stockImportLocation })}
          choices={locations}
        />
      </div>
      {locations ? (
        <CheckboxGroup
          {...bound(form, 'stockExportLocations')}
          label="Export locations (summed into the sellable quantity)"
          options={locations}
          values={draft.stockExportLocations}
          onChange={(stockExportLocations) => update({ stockExportLocations })}
        />
      ) : (
        <TextField
          {...bound(form, 'stockExportLocations')}
          label="Export locations (codes, separated by commas)"
          value={draft.stockExportLocations.join(', ')}
          onChange={(value) => update({ stockExportLocations: value.split(',').map((code) => code.trim()) })}
        />
      )}
    </Section>
  );
}

export function ExtrasSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update } = form;
  return (
    <Section id="extras">
      <CheckboxField
        {...bound(form, 'extras.autoCreateBarcodes')}
        label="Create missing barcodes"
        checked={draft.autoCreateBarcodes}
        onChange={(autoCreateBarcodes) => update({ autoCreateBarcodes })}
      />
      <TextField
        {...bound(form, 'extras.barcodePrefix')}
        label="Barcode prefix"
        inputMode="numeric"
        value={draft.barcodePrefix}
        onChange={(barcodePrefix) => update({ barcodePrefix })}
      />
      <CheckboxField
        {...bound(form, 'extras.syncImages')}
        label="Sync images"
        checked={draft.syncImages}
        onChange={(syncImages) => update({ syncImages })}
      />
      <CheckboxField
        {...bound(form, 'extras.allImages')}
        label="All images (not only the cover)"
        checked={draft.allImages}
        onChange={(allImages) => update({ allImages })}
      />
      <CheckboxField
        {...bound(form, 'extras.syncCategories')}
        label="Sync categories"
        checked={draft.syncCategories}
        onChange={(syncCategories) => update({ syncCategories })}
      />
      <CheckboxField
        {...bound(form, 'extras.logApiRequests')}
        label="Log API request and response bodies"
        checked={draft.logApiRequests}
        onChange={(logApiRequests) => update({ logApiRequests })}
      />
    </Section>
  );
}

const RULE_OPTIONS: readonly SelectOption[] = [
  { value: 'import', label: 'Import' },
  { value: 'skip', label: 'Do not import' },
  { value: 'retry', label: 'Retry later' },
];

/** The store's order states as options (id as value). */
function stateOptions(live: ApiStoreLive | undefined): SelectOption[] | null {
  return live ? live.orderStates.map((state) => ({ value: String(state.id), label: state.name })) : null;
}

export function OrdersSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, live, master } = form;
  const states = stateOptions(live);
  const defaultLabel = draft.orderStateDefault === 'skip' ? 'do not import' : 'import';
  return (
    <Section id="orders">
      <NumberField
        {...bound(form, 'importOrdersFromId')}
        label="Import orders from order id"
        placeholder="from the last import"
        value={draft.importOrdersFromId}
        onChange={(importOrdersFromId) => update({ importOrdersFromId })}
      />
      <SelectField
        {...bound(form, 'orderStateDefault')}
        label="States without a rule"
        value={draft.orderStateDefault}
        onChange={(orderStateDefault) => update({ orderStateDefault })}
        options={RULE_OPTIONS.filter((option) => option.value !== 'retry')}
      />
      <MapTable
        setting="orderStates"
        caption="What to do with an order in each state"
        keyLabel="Order state"
        valueLabel="Action"
        items={
          live
            ? live.orderStates.map((state) => ({
                key: String(state.id),
                label: state.name,
                color: state.color,
                detail: [
                  state.paid && 'paid',
                  state.shipped && 'shipped',
                  state.deliverySlip && 'delivery slip',
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))
            : null
        }
        rows={draft.maps.orderStates}
        onChange={(rows) => form.updateMap('orderStates', rows)}
        valueOptions={RULE_OPTIONS}
        emptyLabel={`Default (${defaultLabel})`}
        errorFor={form.errorFor}
        disabled={form.readOnly}
        help={form.help('orderStates.<state id>')}
      />
      {states ? (
        <CheckboxGroup
          {...bound(form, 'autoApproveStates')}
          label="Approve at once orders in these states"
          options={states}
          values={draft.autoApproveStates}
          onChange={(autoApproveStates) => update({ autoApproveStates })}
        />
      ) : (
        <TextField
          {...bound(form, 'autoApproveStates')}
          label="Approve at once orders in these states (ids, separated by commas)"
          value={draft.autoApproveStates.join(', ')}
          onChange={(value) => update({ autoApproveStates: value.split(',').map((id) => id.trim()) })}
        />
      )}
      <MapTable
        setting="carriers"
        caption="Carrier → shipping method"
        keyLabel="Carrier"
        valueLabel="Shipping method"
        items={
          live
            ? live.carriers.map((carrier) => ({
                key: String(carrier.reference),
                label: carrier.name,
                detail: carrier.active ? null : 'inactive',
              }))
            : null
        }
        rows={draft.maps.carriers}
        onChange={(rows) => form.updateMap('carriers', rows)}
        valueOptions={options(master?.shippingMethods)}
        emptyLabel="— none —"
        errorFor={form.errorFor}
        disabled={form.readOnly}
        help={form.help('carriers.<carrier reference>')}
      />
      <MapTable
        setting="payments"
        caption="Payment module → payment method"
        keyLabel="Payment module"
        valueLabel="Payment method"
        items={
          live ? live.paymentModules.map((module) => ({ key: module.module, label: module.name })) : null
        }
        rows={draft.maps.payments}
        onChange={(rows) => form.updateMap('payments', rows)}
        valueOptions={options(master?.paymentMethods)}
        emptyLabel="— none —"
        errorFor={form.errorFor}
        disabled={form.readOnly}
        help={form.help('payments.<payment module>')}
      />
      <TextField
        {...bound(form, 'shippingCostProduct')}
        label="Shipping cost product (SKU)"
        value={draft.shippingCostProduct}
        onChange={(shippingCostProduct) => update({ shippingCostProduct })}
      />
    </Section>
  );
}

export function ShippingSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, live } = form;
  const states = stateOptions(live);
  const stateField = (key: 'shipmentStates.full' | 'shipmentStates.partial', label: string) => {
    const value = key === 'shipmentStates.full' ? draft.shipmentFull : draft.shipmentPartial;
    const onChange = (text: string) =>
      update(key === 'shipmentStates.full' ? { shipmentFull: text } : { shipmentPartial: text });
    return states ? (
      <SelectField
        {...bound(form, key)}
        label={label}
        value={value}
        onChange={onChange}
        options={states}
        emptyLabel="— do not tell the store —"
      />
    ) : (
      <NumberField {...bound(form, key)} label={`${label} (state id)`} value={value} onChange={onChange} />
    );
  };
  return (
    <Section id="shipping">
      {stateField('shipmentStates.full', 'State after a full shipment')}
      {stateField('shipmentStates.partial', 'State after a partial shipment')}
      <CheckboxField
        {...bound(form, 'orderStateEmails')}
        label="The store e-mails the customer on these state changes"
        checked={draft.orderStateEmails}
        onChange={(orderStateEmails) => update({ orderStateEmails })}
      />
    </Section>
  );
}

const EXPORT_FIELD_LABELS: Readonly<Record<(typeof EXPORT_FIELDS)[number], string>> = {
  price: 'Price',
  wholesalePrice: 'Wholesale price',
  quantity: 'Quantity',
  bomQuantity: 'BOM quantity (kits)',
};

export function CatalogSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update, live, master } = form;
  return (
    <Section id="catalog">
      <SelectField
        {...bound(form, 'productMaster')}
        label="Products are edited in"
        value={draft.productMaster}
        onChange={(productMaster) => update({ productMaster })}
        options={[
          { value: 'store', label: 'The store (imported into the hub)' },
          { value: 'hub', label: 'The hub (exported to the store)' },
          { value: 'both', label: 'Both (per-item status)' },
        ]}
      />
      <MapTable
        setting="categoryFamilies"
        caption="Category → family"
        keyLabel="Category"
        valueLabel="Family"
        items={
          live
            ? live.categories.map((category) => ({
                key: String(category.id),
                label: category.name,
                depth: Math.max(0, category.depth - 1),
              }))
            : null
        }
        rows={draft.maps.categoryFamilies}
        onChange={(rows) => form.updateMap('categoryFamilies', rows)}
        valueOptions={options(master?.families)}
        emptyLabel="— none —"
        errorFor={form.errorFor}
        disabled={form.readOnly}
        help={form.help('categoryFamilies.<category id>')}
      />
      <CheckboxGroup
        id={settingFieldId('exportFields')}
        label="Export product fields"
        help={EXPORT_FIELDS.map((field) => form.help(`exportFields.${field}`))
          .filter(Boolean)
          .join(' ')}
        error={EXPORT_FIELDS.map((field) => form.errorFor(`exportFields.${field}`))
          .filter(Boolean)
          .join(' ')}
        disabled={form.readOnly}
        options={EXPORT_FIELDS.map((field) => ({ value: field, label: EXPORT_FIELD_LABELS[field] }))}
        values={draft.exportFields}
        onChange={(exportFields) => update({ exportFields })}
      />
    </Section>
  );
}

const GENDER_OPTIONS: readonly SelectOption[] = [
  { value: 'male', label: 'Male' },
  { value: 'female', label: 'Female' },
  { value: 'other', label: 'Other' },
  { value: 'unknown', label: 'Unknown' },
];

export function CustomersSection({ form }: { readonly form: SettingsFormContext }) {
  const { draft, update } = form;
  return (
    <Section id="customers">
      <MapTable
        setting="genders"
        caption="Civility (gender id) → gender"
        keyLabel="Gender"
        valueLabel="Hub gender"
        items={null}
        rows={draft.maps.genders}
        onChange={(rows) => form.updateMap('genders', rows)}
        valueOptions={GENDER_OPTIONS}
        emptyLabel="— none —"
        errorFor={form.errorFor}
        disabled={form.readOnly}
        help={form.help('genders.<gender id>')}
      />
      <CheckboxField
        {...bound(form, 'customers.addresses')}
        label="Import customer addresses"
        checked={draft.customerAddresses}
        onChange={(customerAddresses) => update({ customerAddresses })}
      />
      <CheckboxField
        {...bound(form, 'customers.phones')}
        label="Keep phone numbers"
        checked={draft.customerPhones}
        onChange={(customerPhones) => update({ customerPhones })}
      />
    </Section>
  );
}

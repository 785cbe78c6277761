/**
 * A hub product's main fields, to create one or to change one. A change sends only the fields that
 * changed (PATCH replaces what it is given); money is typed and sent as decimal text, never a float.
 */
import { type FormEvent, useState } from 'react';

import { ErrorBox } from '../../../components/error-box';
import { CheckboxField, TextField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import { decimalText } from '../../../lib/decimal-text';
import type { ApiProduct, ApiProductPatch } from '../api/catalog-types';

export interface ProductDraft {
  name: string;
  reference: string;
  ean13: string;
  price: string;
  wholesalePrice: string;
  taxRate: string;
  family: string;
  unitOfMeasure: string;
  manufacturer: string;
  active: boolean;
  /** A new product only: its one variant's SKU and barcode (empty: the hub derives the SKU). */
  sku: string;
  barcode: string;
}

const EMPTY: ProductDraft = {
  name: '',
  reference: '',
  ean13: '',
  price: '',
  wholesalePrice: '',
  taxRate: '',
  family: '',
  unitOfMeasure: '',
  manufacturer: '',
  active: true,
  sku: '',
  barcode: '',
};

export function draftOf(product: ApiProduct | undefined): ProductDraft {
  if (!product) return EMPTY;
  return {
    name: product.name,
    reference: product.reference ?? '',
    ean13: product.ean13 ?? '',
    price: decimalText(product.price),
    wholesalePrice: product.wholesalePrice === null ? '' : decimalText(product.wholesalePrice),
    taxRate: product.taxRate ?? '',
    family: product.family ?? '',
    unitOfMeasure: product.unitOfMeasure ?? '',
    manufacturer: product.manufacturer ?? '',
    active: product.active,
    sku: '',
    barcode: '',
  };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
const NULLABLE_FIELDS = [
  'reference',
  'ean13',
  'wholesalePrice',
  'taxRate',
  'family',
  'unitOfMeasure',
  'manufacturer',
] as const;

/** What the form's own checks find wrong, by field (the server checks again). */
export function draftProblems(draft: ProductDraft): Partial<Record<keyof ProductDraft, string>> {
  const problems: Partial<Record<keyof ProductDraft, string>> = {};
  if (draft.name.trim() === '') problems.name = 'Give the product a name.';
  if (!DECIMAL.test(draft.price.trim())) problems.price = 'A price like 9.90 (a dot for decimals).';
  if (draft.wholesalePrice.trim() !== '' && !DECIMAL.test(draft.wholesalePrice.trim()))
    problems.wholesalePrice = 'A price like 4.20, or empty.';
  return problems;
}

/** The PATCH body: the fields that differ from the product (empty text clears a field). */
export function patchOf(before: ProductDraft, after: ProductDraft): ApiProductPatch {
  const patch: Record<string, unknown> = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (after.price.trim() !== before.price) patch.price = after.price.trim();
  if (after.active !== before.active) patch.active = after.active;
  for (const field of NULLABLE_FIELDS) {
    const value = after[field].trim();
    if (value !== before[field]) patch[field] = value === '' ? null : value;
  }
  return patch;
}

/** The POST body of a new simple product with one variant. */
export function newProductOf(draft: ProductDraft) {
  const nullable = Object.fromEntries(
    NULLABLE_FIELDS.flatMap((field) => {
      const value = draft[field].trim();
      return value === '' ? [] : [[field, value]];
    }),
  );
  const variant = {
    ...(draft.sku.trim() === '' ? {} : { sku: draft.sku.trim() }),
    ...(draft.barcode.trim() === '' ? {} : { barcode: draft.barcode.trim() }),
  };
  return {
    kind: 'simple' as const,
    name: draft.name.trim(),
    price: draft.price.trim(),
    active: draft.active,
    ...nullable,
    variants: [variant],
  };
}

export function ProductForm({
  product,
  saving,
  error,
  onSave,
  submitLabel,
}: {
  /** The product changed; undefined for a new one. */
  readonly product?: ApiProduct;
  readonly saving: boolean;
  readonly error: Error | null;
  readonly onSave: (draft: ProductDraft) => void;
  readonly submitLabel: string;
}) {
  const [draft, setDraft] = useState<ProductDraft>(() => draftOf(product));
  const [checked, setChecked] = useState(false);
  const problems = checked ? draftProblems(draft) : {};
  const serverField = error instanceof ApiRequestError ? error.field?.replace(/^body\./, '') : undefined;
  const set =
    <K extends keyof ProductDraft>(key: K) =>
    (value: ProductDraft[K]) =>
      setDraft({ ...draft, [key]: value });
  const errorOf = (key: keyof ProductDraft) =>
    problems[key] ?? (serverField === key ? error?.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftProblems(draft)).length > 0) return;
    onSave(draft);
  };

  return (
    <form className="settings-form" aria-label={submitLabel} onSubmit={submit} noValidate>
      {error && <ErrorBox error={error} title="The product was not saved" />}
      <div className="field-grid">
        <TextField
          id="product-name"
          label="Name"
          value={draft.name}
          onChange={set('name')}
          error={errorOf('name')}
          required
        />
        <TextField
          id="product-reference"
          label="Reference"
          value={draft.reference}
          onChange={set('reference')}
          help="A store needs one to create the product."
          error={errorOf('reference')}
        />
        <TextField
          id="product-price"
          label="Price excl. tax"
          value={draft.price}
          onChange={set('price')}
          inputMode="text"
          help="A dot for decimals: 9.90."
          error={errorOf('price')}
          required
        />
        <TextField
          id="product-wholesale-price"
          label="Wholesale price"
          value={draft.wholesalePrice}
          onChange={set('wholesalePrice')}
          error={errorOf('wholesalePrice')}
        />
        <TextField
          id="product-ean13"
          label="EAN-13"
          value={draft.ean13}
          onChange={set('ean13')}
          error={errorOf('ean13')}
        />
        <TextField
          id="product-tax-rate"
          label="Tax rate"
          value={draft.taxRate}
          onChange={set('taxRate')}
          help="A tax-rate code of the master data."
          error={errorOf('taxRate')}
        />
        <TextField
          id="product-family"
          label="Family"
          value={draft.family}
          onChange={set('family')}
          help="A family code of the master data."
          error={errorOf('family')}
        />
        <TextField
          id="product-unit"
          label="Unit of measure"
          value={draft.unitOfMeasure}
          onChange={set('unitOfMeasure')}
          help="A unit code of the master data."
          error={errorOf('unitOfMeasure')}
        />
        <TextField
          id="product-manufacturer"
          label="Manufacturer"
          value={draft.manufacturer}
          onChange={set('manufacturer')}
          error={errorOf('manufacturer')}
        />
        {!product && (
          <>
            <TextField
              id="product-sku"
              label="SKU"
              value={draft.sku}
              onChange={set('sku')}
              help="Empty: the hub derives one from the reference."
              error={serverField?.includes('sku') ? error?.message : undefined}
            />
            <TextField
              id="product-barcode"
              label="Barcode"
              value={draft.barcode}
              onChange={set('barcode')}
              help="EAN-13, unique in the hub."
              error={serverField?.includes('barcode') ? error?.message : undefined}
            />
          </>
        )}
        <CheckboxField id="product-active" label="Active" checked={draft.active} onChange={set('active')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

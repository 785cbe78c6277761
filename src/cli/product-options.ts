import { type Command, InvalidArgumentError } from 'commander';

import {
  Decimal,
  type Hub,
  type HubProductPatch,
  type HubVariantInput,
  type KitComponentInput,
  type VariantAttribute,
} from '../hub/index.js';
import { variantByRef } from './variant-ref.js';

/** Keys of a --variant spec that are not attributes. */
const VARIANT_KEYS = new Set(['id', 'sku', 'barcode', 'price', 'wholesale', 'weight', 'active']);

/** One --variant as typed: fields, and attributes `Name=Value` in the --language given. */
export interface VariantSpec {
  readonly id?: number;
  readonly fields: Readonly<Record<string, string>>;
  readonly attributes: readonly (readonly [string, string])[];
}

/** One --component as typed: a variant (SKU or id:N) and a whole quantity. */
export interface ComponentSpec {
  readonly variant: string;
  readonly quantity: number;
}

function decimalText(text: string, what: string): string {
  if (Decimal.tryParse(text.trim()) === undefined)
    throw new InvalidArgumentError(`${what} must be a decimal number such as 9.90, got '${text}'.`);
  return text.trim();
}

/**
 * `--variant 'sku=MUG-RED,barcode=2000000000992,price=0.50,Color=Red'`: comma-separated key=value;
 * `id` (products set: an existing variant), `sku`, `barcode`, `price` (impact on the product price,
 * excl. tax), `wholesale`, `weight`, `active` (true/false); any other key is an attribute.
 */
export function variantSpec(text: string, previous: VariantSpec[] = []): VariantSpec[] {
  const fields: Record<string, string> = {};
  const attributes: [string, string][] = [];
  let id: number | undefined;
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at < 1)
      throw new InvalidArgumentError(`expected key=value pairs separated by commas, got '${part}'.`);
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 'id') {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`id must be a variant id, got '${value}'.`);
      id = Number(value);
    } else if (key === 'price' || key === 'wholesale' || key === 'weight') {
      fields[key] = decimalText(value, key);
    } else if (key === 'active') {
      if (value !== 'true' && value !== 'false')
        throw new InvalidArgumentError(`active must be true or false, got '${value}'.`);
      fields[key] = value;
    } else if (VARIANT_KEYS.has(key)) fields[key] = value;
    else attributes.push([key, value]);
  }
  return [...previous, { ...(id === undefined ? {} : { id }), fields, attributes }];
}

/** `--component id:12:2` or `--component MUG-RED:2`: a variant and a whole quantity (default 1). */
export function componentSpec(text: string, previous: ComponentSpec[] = []): ComponentSpec[] {
  const match = /^(.+?)(?::(\d+))?$/.exec(text.trim());
  const variant = match?.[1];
  if (variant === undefined || variant === '' || variant === 'id')
    throw new InvalidArgumentError(`expected VARIANT or VARIANT:QUANTITY, got '${text}'.`);
  const quantity = match?.[2] === undefined ? 1 : Number(match[2]);
  if (quantity < 1) throw new InvalidArgumentError(`the quantity must be at least 1, got '${text}'.`);
  return [...previous, { variant, quantity }];
}

/** The options `products add` and `products set` share. */
export interface ProductEditOptions {
  readonly name?: string;
  readonly reference?: string;
  readonly barcode?: string;
  readonly price?: string;
  readonly wholesalePrice?: string;
  readonly weight?: string;
  readonly family?: string;
  readonly tax?: string;
  readonly unit?: string;
  readonly manufacturer?: string;
  readonly active?: boolean;
  readonly language: string;
  readonly variant?: VariantSpec[];
  readonly component?: ComponentSpec[];
  readonly json?: boolean;
}

/** Adds the shared options; `add` marks the ones a new product needs. */
export function productEditOptions(command: Command): Command {
  return command
    .option('--reference <text>', 'product reference (a store needs it to create the product)')
    .option('--barcode <ean13>', 'product EAN-13')
    .option('--wholesale-price <decimal>', 'wholesale price excl. tax', (text) =>
      decimalText(text, '--wholesale-price'),
    )
    .option('--weight <decimal>', 'weight', (text) => decimalText(text, '--weight'))
    .option('--family <code>', 'family code (master data); empty: none')
    .option('--tax <code>', 'tax-rate code (master data); empty: none')
    .option('--unit <code>', 'unit-of-measure code (master data); empty: none')
    .option('--manufacturer <name>', 'manufacturer name')
    .option('--active', 'sold (the default for a new product)')
    .option('--no-active', 'not sold')
    .option('--language <iso>', 'language of the name and attribute texts', 'en')
    .option(
      '--variant <spec>',
      "a variant, repeatable: 'sku=MUG-RED,barcode=2000000000992,price=0.50,Color=Red' — keys id (products set: an existing variant), sku (empty: the hub derives one), barcode, price (added to the product price), wholesale, weight, active; other keys are attributes",
      variantSpec,
    )
    .option(
      '--component <variant[:qty]>',
      'a kit component, repeatable: a SKU or id:N, and a quantity (default 1); the product becomes a kit',
      componentSpec,
    )
    .option('--json', 'print the product as JSON');
}

function variantInput(spec: VariantSpec, language: string): HubVariantInput {
  const { sku, barcode, price, wholesale, weight, active } = spec.fields;
  const attributes: VariantAttribute[] = spec.attributes.map(([name, value]) => ({
    name: { [language]: name },
    value: { [language]: value },
  }));
  return {
    ...(spec.id === undefined ? {} : { id: spec.id }),
    ...(sku === undefined ? {} : { sku: sku === '' ? null : sku }),
    ...(barcode === undefined ? {} : { barcode: barcode === '' ? null : barcode }),
    ...(spec.attributes.length === 0 ? {} : { attributes }),
    ...(price === undefined ? {} : { priceImpact: price }),
    ...(wholesale === undefined ? {} : { wholesalePrice: wholesale }),
    ...(weight === undefined ? {} : { weightImpact: weight }),
    ...(active === undefined ? {} : { active: active === 'true' }),
  };
}

const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** The hub input of the options given (a patch: only what was typed), components resolved. */
export async function productPatchOf(hub: Hub, options: ProductEditOptions): Promise<HubProductPatch> {
  const components: KitComponentInput[] | undefined =
    options.component === undefined
      ? undefined
      : await Promise.all(
          options.component.map(async (component) => ({
            variantId: (await variantByRef(hub, component.variant)).variantId,
            quantity: component.quantity,
          })),
        );
  const lang = options.language;
  return {
    ...(options.name === undefined ? {} : { name: options.name, names: { [lang]: options.name } }),
    ...(options.reference === undefined ? {} : { reference: orNull(options.reference) }),
    ...(options.barcode === undefined ? {} : { ean13: orNull(options.barcode) }),
    ...(options.price === undefined ? {} : { price: options.price }),
    ...(options.wholesalePrice === undefined ? {} : { wholesalePrice: options.wholesalePrice }),
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    ...(options.family === undefined ? {} : { family: orNull(options.family) }),
    ...(options.tax === undefined ? {} : { taxRate: orNull(options.tax) }),
    ...(options.unit === undefined ? {} : { unitOfMeasure: orNull(options.unit) }),
    ...(options.manufacturer === undefined ? {} : { manufacturer: orNull(options.manufacturer) }),
    ...(options.active === undefined ? {} : { active: options.active }),
    ...(options.variant === undefined
      ? {}
      : { variants: options.variant.map((spec) => variantInput(spec, lang)) }),
    ...(components === undefined ? {} : { components }),
  };
}

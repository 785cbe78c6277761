import type { Hub, StockVariantRef } from '../../hub/index.js';

/** Variants named one by one in the refusal of an ambiguous SKU; beyond, a count. */
const LISTED_VARIANTS = 10;

/** The one hub variant a SKU names, or why it names none: no variant has it, or several do. */
export type SkuLookup =
  | { readonly found: 'one'; readonly variant: StockVariantRef }
  | { readonly found: 'none' }
  | { readonly found: 'several'; readonly variants: readonly StockVariantRef[]; readonly message: string };

/**
 * Why a SKU cannot name a variant when several variants have it — each named by hub id, product
 * name with attribute values and store variants — and what to do. PrestaShop's own demo catalog
 * gives every combination its product's reference, so a SKU there names a whole product's variants.
 *
 * @example
 * ambiguousSkuMessage('demo_1', variants);
 * // "8 variants have the SKU 'demo_1': variant 3 'Hummingbird printed t-shirt - White, S' (shop 1:1), …"
 */
export function ambiguousSkuMessage(sku: string, variants: readonly StockVariantRef[]): string {
  const named = variants.slice(0, LISTED_VARIANTS).map((variant) => {
    const stores = variant.stores.map((binding) => `${binding.store} ${binding.externalId}`).join(', ');
    return `variant ${variant.variantId} '${variant.name}'${stores === '' ? '' : ` (${stores})`}`;
  });
  const more = variants.length > LISTED_VARIANTS ? `, and ${variants.length - LISTED_VARIANTS} more` : '';
  return (
    `${variants.length} variants have the SKU '${sku}': ${named.join(', ')}${more}. Name one by its hub ` +
    `id instead (id:${variants[0]?.variantId ?? 1}), or give each its own reference in the store, then run update-products.`
  );
}

/**
 * The variant a SKU names (exact match), or why there is none: a SKU several variants share is
 * refused with {@link ambiguousSkuMessage}, never resolved to the first of them.
 *
 * @example
 * const lookup = await findVariantBySku(hub, 'MUG-01');
 * if (lookup.found === 'several') throw new Error(lookup.message);
 */
export async function findVariantBySku(hub: Pick<Hub, 'stock'>, sku: string): Promise<SkuLookup> {
  const variants = await hub.stock.variantsBySku(sku);
  const [only] = variants;
  if (only === undefined) return { found: 'none' };
  if (variants.length === 1) return { found: 'one', variant: only };
  return { found: 'several', variants, message: ambiguousSkuMessage(sku, variants) };
}

/** How a variant is named by its hub id where a SKU is accepted: `id:123`. */
export const VARIANT_ID_PREFIX = 'id:';

/** The hub variant id in `id:123`, or undefined when the text is not that form (then it is a SKU). */
export function variantIdOf(text: string): number | undefined {
  const match = /^id:(\d{1,15})$/i.exec(text.trim());
  if (match === null) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * The variant a CLI argument or setting names: `id:123` by its hub id (what `products list` shows),
 * anything else by its SKU ({@link findVariantBySku}: none, one, or several refused).
 *
 * @example
 * await findVariant(hub, 'id:42');   // variant 42
 * await findVariant(hub, 'MUG-01');  // the variant with this SKU
 */
export async function findVariant(hub: Pick<Hub, 'stock'>, text: string): Promise<SkuLookup> {
  const id = variantIdOf(text);
  if (id === undefined) return findVariantBySku(hub, text);
  const [variant] = await hub.stock.variantsById([id]);
  return variant === undefined ? { found: 'none' } : { found: 'one', variant };
}

import type { ProductRecord } from '../../src/hub/index.js';

/** Deterministic product records: `count` products from `firstId`, each with `variantsPerProduct` variants. */
export function productRecords(
  count: number,
  options: { firstId?: number; variantsPerProduct?: number; priceOffset?: number } = {},
): ProductRecord[] {
  const firstId = options.firstId ?? 1;
  const perProduct = options.variantsPerProduct ?? 3;
  return Array.from({ length: count }, (_, index) => {
    const id = firstId + index;
    const cents = ((id * 37) % 9000) + 100 + (options.priceOffset ?? 0);
    return {
      externalId: id,
      externalUpdatedAt: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(),
      kind: perProduct > 1 ? 'combinations' : 'simple',
      name: `Product ${id}`,
      names: { en: `Product ${id}`, fr: `Produit ${id}` },
      reference: `REF-${id}`,
      price: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      wholesalePrice: '4.500000',
      weight: '0.250000',
      active: true,
      variants: Array.from({ length: perProduct }, (_, v) => ({
        externalId: `${id}:${perProduct > 1 ? v + 1 : 0}`,
        sku: `SKU-${id}-${v + 1}`,
        barcode: String(2000000000000 + id * 10 + v),
        attributes: [
          { name: { en: 'Size', fr: 'Taille' }, value: { en: ['S', 'M', 'L', 'XL'][v % 4] ?? 'S' } },
        ],
        priceImpact: v === 0 ? '0' : `${v}.50`,
      })),
    };
  });
}

/**
 * How big a generated store is. Named seeds: `small` (unit tests), `demo` (the live demo),
 * `large` (100,000 products, 1,000,000 orders), and `recorded` (a store laid out like the
 * recorded 8.1.2 demo store, same ids, for the conformance test). Explicit sizes override a
 * named seed's numbers; the seed name is also the random seed, so the same name and sizes
 * always build the same store. The catalog's shape (`sharedReferences`) is a named seed's too, or
 * given explicitly.
 */

export type SeedName = 'small' | 'demo' | 'large' | 'recorded';

export const SEED_NAMES: readonly SeedName[] = ['small', 'demo', 'large', 'recorded'];

export interface SeedSizes {
  readonly products: number;
  /** Combinations of each product that has combinations. */
  readonly combinations: number;
  readonly customers: number;
  readonly orders: number;
}

export const SEED_SIZES: Readonly<Record<Exclude<SeedName, 'recorded'>, SeedSizes>> = {
  small: { products: 12, combinations: 3, customers: 10, orders: 30 },
  demo: { products: 300, combinations: 4, customers: 300, orders: 400 },
  large: { products: 100_000, combinations: 4, customers: 100_000, orders: 1_000_000 },
};

/** How a generated catalog is shaped, beyond its sizes. */
export interface SeedCatalogShape {
  /**
   * Share (0–1) of the products with combinations whose combinations all carry the product's own
   * reference instead of one each — as PrestaShop's demo catalog does (`demo_1` on every
   * combination of product 1): SKUs that name several variants.
   */
  readonly sharedReferences: number;
}

/**
 * Named seeds' shapes: the demo store has some products whose combinations share their reference,
 * as a real store's demo catalog has; the others have one reference per combination.
 */
export const SEED_SHAPES: Readonly<Record<Exclude<SeedName, 'recorded'>, SeedCatalogShape>> = {
  small: { sharedReferences: 0 },
  demo: { sharedReferences: 0.1 },
  large: { sharedReferences: 0 },
};

export interface ResolvedSeed {
  readonly name: SeedName | 'custom';
  /** The random seed every generator derives from. */
  readonly key: string;
  readonly sizes: SeedSizes;
  readonly shape: SeedCatalogShape;
}

export function isSeedName(text: string): text is SeedName {
  return (SEED_NAMES as readonly string[]).includes(text);
}

/**
 * A named seed, explicit sizes, an explicit shape, or any of them together
 * (`{ seed: 'demo', orders: 5000 }`, `{ seed: 'small' }` with `{ sharedReferences: 1 }`).
 */
export function resolveSeed(
  seed: SeedName | undefined,
  sizes: Partial<SeedSizes> = {},
  shape: Partial<SeedCatalogShape> = {},
): ResolvedSeed {
  const name = seed ?? 'demo';
  const base = name === 'recorded' ? SEED_SIZES.small : SEED_SIZES[name];
  const merged = { ...base, ...sizes };
  for (const [field, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Seed size "${field}" must be a whole number ≥ 0 (got ${String(value)}).`);
    }
  }
  const shaped = { ...(name === 'recorded' ? SEED_SHAPES.small : SEED_SHAPES[name]), ...shape };
  const share = shaped.sharedReferences;
  if (!Number.isFinite(share) || share < 0 || share > 1)
    throw new RangeError(`sharedReferences must be between 0 and 1 (got ${String(share)}).`);
  const custom = Object.keys(sizes).length > 0;
  const reshaped = Object.keys(shape).length > 0;
  const sized = custom
    ? `${name}:${merged.products}:${merged.combinations}:${merged.customers}:${merged.orders}`
    : name;
  return {
    name: (custom || reshaped) && name !== 'recorded' ? 'custom' : name,
    // The shape draws from its own random streams: the rest of the store is the same with or without it.
    key: sized,
    sizes: merged,
    shape: shaped,
  };
}

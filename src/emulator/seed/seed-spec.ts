/**
 * How big a generated store is. Named seeds: `small` (unit tests), `demo` (the live demo),
 * `large` (100,000 products, 1,000,000 orders), and `recorded` (a store laid out like the
 * recorded 8.1.2 demo store, same ids, for the conformance test). Explicit sizes override a
 * named seed's numbers; the seed name is also the random seed, so the same name and sizes
 * always build the same store.
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

export interface ResolvedSeed {
  readonly name: SeedName | 'custom';
  /** The random seed every generator derives from. */
  readonly key: string;
  readonly sizes: SeedSizes;
}

export function isSeedName(text: string): text is SeedName {
  return (SEED_NAMES as readonly string[]).includes(text);
}

/** A named seed, explicit sizes, or both (`{ seed: 'demo', orders: 5000 }`). */
export function resolveSeed(seed: SeedName | undefined, sizes: Partial<SeedSizes> = {}): ResolvedSeed {
  const name = seed ?? 'demo';
  const base = name === 'recorded' ? SEED_SIZES.small : SEED_SIZES[name];
  const merged = { ...base, ...sizes };
  for (const [field, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Seed size "${field}" must be a whole number ≥ 0 (got ${String(value)}).`);
    }
  }
  const custom = Object.keys(sizes).length > 0;
  return {
    name: custom && name !== 'recorded' ? 'custom' : name,
    key: custom
      ? `${name}:${merged.products}:${merged.combinations}:${merged.customers}:${merged.orders}`
      : name,
    sizes: merged,
  };
}

import type { Kysely } from 'kysely';

import { inList } from '../bulk-sql.js';
import type { HubContext } from '../hub-context.js';
import { InvalidRecordError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import type { NormalizedProduct } from './product-record.js';

/** Ids of the master data a page of products names by code. */
export interface ProductCodeIds {
  readonly taxRates: Map<string, number>;
  readonly families: Map<string, number>;
  readonly units: Map<string, number>;
}

/**
 * Resolves the tax-rate, family and unit codes of products to ids; a code the hub does not have
 * fails with an {@link InvalidRecordError} naming the product and what to create.
 */
export async function resolveProductCodes(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  products: readonly NormalizedProduct[],
): Promise<ProductCodeIds> {
  const lookup = async (
    table: 'tax_rates' | 'families' | 'units_of_measure',
    label: string,
    pick: (product: NormalizedProduct) => string | null,
  ): Promise<Map<string, number>> => {
    const codes = [...new Set(products.map(pick).filter((code): code is string => code !== null))];
    if (codes.length === 0) return new Map();
    const rows = await db
      .selectFrom(table)
      .select(['id', 'code'])
      .where(inList(ctx.engine.kind, 'code', codes))
      .execute();
    const ids = new Map(rows.map((row) => [row.code, row.id]));
    const missing = products.find((product) => {
      const code = pick(product);
      return code !== null && !ids.has(code);
    });
    if (missing) {
      throw new InvalidRecordError(
        `product ${missing.externalId}: no ${label} with code '${pick(missing)}'. Create it in the hub's master data first.`,
      );
    }
    return ids;
  };
  return {
    taxRates: await lookup('tax_rates', 'tax rate', (product) => product.codes.taxRate),
    families: await lookup('families', 'family', (product) => product.codes.family),
    units: await lookup('units_of_measure', 'unit of measure', (product) => product.codes.unitOfMeasure),
  };
}

/** The column values of a product's codes. */
export function codeColumns(product: NormalizedProduct, ids: ProductCodeIds) {
  const { taxRate, family, unitOfMeasure } = product.codes;
  return {
    tax_rate_id: taxRate === null ? null : (ids.taxRates.get(taxRate) ?? null),
    family_id: family === null ? null : (ids.families.get(family) ?? null),
    unit_of_measure_id: unitOfMeasure === null ? null : (ids.units.get(unitOfMeasure) ?? null),
  };
}

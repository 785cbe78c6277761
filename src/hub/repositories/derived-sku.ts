import type { Kysely } from 'kysely';

import { chunked, IDS_PER_QUERY, inList } from '../bulk-sql.js';
import type { HubContext } from '../hub-context.js';
import { parseJson } from '../hub-context.js';
import type { HubDatabase } from '../schema/hub-database.js';
import type { VariantAttribute } from './catalog.types.js';

/** A SKU is at most this long (PrestaShop's `reference` is 64 characters). */
const MAX_SKU = 64;

/** One variant whose SKU is being written, as {@link assignSkus} needs it. */
export interface SkuCandidate {
  readonly variantId: number;
  readonly productId: number;
  /** The SKU the store (or the user) gave the variant, null for none. */
  readonly own: string | null;
  /** The product's reference: the base of a derived SKU. */
  readonly productReference: string | null;
  /** Canonical attributes JSON (`[{"name":…,"value":…}]`). */
  readonly attributes: string;
}

export interface AssignedSku {
  readonly sku: string;
  readonly derived: boolean;
}

/**
 * The derived SKU of a variant without a usable SKU of its own, before uniqueness is checked: the
 * product's reference (or the variant's own, shared, SKU) followed by its attribute values in the
 * default language (`PB-000001-White-S`); none of those: `V<variant id>`.
 *
 * @example
 * derivedSku('PB-1', '[{"name":{"en":"Size"},"value":{"en":"S"}}]', 12); // 'PB-1-S'
 */
export function derivedSku(base: string | null, attributes: string, variantId: number): string {
  if (base === null) return `V${variantId}`;
  const values = parseJson<VariantAttribute[]>(attributes, [])
    .map((attribute) => Object.values(attribute.value)[0]?.trim() ?? '')
    .filter((value) => value !== '')
    .map((value) => value.replace(/\s+/g, '-'));
  const text = values.length === 0 ? `${base}-${variantId}` : [base, ...values].join('-');
  return text.length <= MAX_SKU ? text : `V${variantId}`;
}

/**
 * Decides the SKU of each variant being written so that a SKU names one variant in the hub:
 * - its own SKU when it has one that no sibling in the page and no other hub variant has;
 * - else the SKU derived before, if it was (derived SKUs never change while the store gives none);
 * - else a new derived one ({@link derivedSku}), followed by `-<variant id>` should even that be
 *   taken, and `V<variant id>` as the last resort.
 * Costs a few queries per page.
 */
export async function assignSkus(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  candidates: readonly SkuCandidate[],
): Promise<Map<number, AssignedSku>> {
  const result = new Map<number, AssignedSku>();
  if (candidates.length === 0) return result;
  const kind = ctx.engine.kind;
  const ids = new Set(candidates.map((candidate) => candidate.variantId));

  // Own SKUs shared inside one product (PrestaShop's demo combinations carry the product's).
  const perProduct = new Map<string, number>();
  for (const candidate of candidates)
    if (candidate.own !== null) {
      const key = `${candidate.productId}|${candidate.own}`;
      perProduct.set(key, (perProduct.get(key) ?? 0) + 1);
    }

  const holders = async (skus: readonly string[]): Promise<Map<string, number[]>> => {
    const held = new Map<string, number[]>();
    for (const chunk of chunked([...new Set(skus)], IDS_PER_QUERY)) {
      const rows = await db
        .selectFrom('variants')
        .select(['id', 'sku'])
        .where(inList(kind, 'sku', chunk))
        .execute();
      for (const row of rows)
        if (row.sku !== null && !ids.has(row.id)) held.set(row.sku, [...(held.get(row.sku) ?? []), row.id]);
    }
    return held;
  };

  const current = new Map<number, { sku: string | null; derived: boolean }>();
  for (const chunk of chunked([...ids], IDS_PER_QUERY)) {
    const rows = await db
      .selectFrom('variants')
      .select(['id', 'sku', 'sku_derived'])
      .where(inList(kind, 'id', chunk))
      .execute();
    for (const row of rows) current.set(row.id, { sku: row.sku, derived: row.sku_derived === 1 });
  }

  const taken = new Set<string>();
  const ownHeld = await holders(
    candidates.flatMap((candidate) => (candidate.own === null ? [] : [candidate.own])),
  );
  const needing: SkuCandidate[] = [];
  for (const candidate of candidates) {
    const own = candidate.own;
    if (
      own !== null &&
      perProduct.get(`${candidate.productId}|${own}`) === 1 &&
      !ownHeld.has(own) &&
      !taken.has(own)
    ) {
      taken.add(own);
      result.set(candidate.variantId, { sku: own, derived: false });
    } else needing.push(candidate);
  }
  if (needing.length === 0) return result;

  // Derived SKUs kept from before, and new ones: checked together against the rest of the hub.
  const proposals = needing.map((candidate) => {
    const before = current.get(candidate.variantId);
    const keep = before?.derived === true && before.sku !== null ? before.sku : undefined;
    const first =
      keep ??
      derivedSku(candidate.own ?? candidate.productReference, candidate.attributes, candidate.variantId);
    return { candidate, options: [first, `${first}-${candidate.variantId}`, `V${candidate.variantId}`] };
  });
  const held = await holders(proposals.flatMap((proposal) => proposal.options));
  for (const { candidate, options } of proposals) {
    let free = options.find((option) => option.length <= MAX_SKU && !held.has(option) && !taken.has(option));
    // Every option held (store references such as "V12"): count up until one is free. Rare.
    for (let n = 2; free === undefined; n += 1) {
      const option = `V${candidate.variantId}-${n}`;
      if (!taken.has(option) && !(await holders([option])).has(option)) free = option;
    }
    taken.add(free);
    result.set(candidate.variantId, { sku: free, derived: true });
  }
  return result;
}

import type { Hub, StockVariantRef } from '../hub/index.js';
import { findVariant, variantIdOf } from '../sync/index.js';
import { CliError } from './cli-error.js';

/** What a VARIANT argument accepts, for --help. */
export const VARIANT_ARGUMENT_HELP = 'variant SKU, or id:N for the hub variant id (products list shows both)';

/**
 * The one variant `id:N` or a SKU names; none or several (an old SKU shared by variants imported
 * before SKUs were made unique) is an error saying so, naming the variants.
 */
export async function variantByRef(hub: Hub, ref: string): Promise<StockVariantRef> {
  const lookup = await findVariant(hub, ref);
  if (lookup.found === 'none') {
    throw new CliError(
      variantIdOf(ref) === undefined
        ? `No variant has the SKU '${ref}'. Look it up with: prestabridge products list --search ${ref}`
        : `No variant has the id ${ref.slice(3)}. Look it up with: prestabridge products list`,
      { exitCode: 2 },
    );
  }
  if (lookup.found === 'several') throw new CliError(lookup.message, { exitCode: 2 });
  return lookup.variant;
}

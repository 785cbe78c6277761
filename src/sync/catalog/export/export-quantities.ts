import type { ProductKind, Store } from '../../../hub/index.js';

/** Which quantities export-products writes for a store, and why not when it does not. */
export interface QuantityExport {
  /** Sellable quantity of plain variants ("quantity" export field). */
  readonly plain: boolean;
  /** Sellable quantity of packs, computed from their bill of materials ("BOM quantity" export field). */
  readonly kits: boolean;
  /** Why quantities the user chose are not written, or null. */
  readonly blocked: string | null;
}

/**
 * The quantity export of a store. Stock flows hub → store only after the one-time initial stock
 * import (`initialStockImportedAt`): before it, the hub's zeros would overwrite the shop's stock.
 * The sellable quantity also needs the store's stock export locations.
 *
 * @example
 * quantityExport(store); // { plain: false, kits: false, blocked: 'Quantities are not exported …' }
 */
export function quantityExport(
  store: Pick<Store, 'name' | 'settings' | 'initialStockImportedAt'>,
): QuantityExport {
  const fields = store.settings.exportFields;
  if (!fields.quantity && !fields.bomQuantity) return { plain: false, kits: false, blocked: null };
  if (store.initialStockImportedAt === null) {
    return {
      plain: false,
      kits: false,
      blocked:
        `Quantities are not exported to '${store.name}' until its initial stock import has run: before it, ` +
        "the hub's stock would overwrite the shop's with zeros. Prices and the other fields are exported.",
    };
  }
  if (store.settings.stockExportLocations.length === 0) {
    return {
      plain: false,
      kits: false,
      blocked:
        `Quantities are not exported to '${store.name}': it has no stock export locations. ` +
        `Set them: prestabridge stores set ${store.name} stockExportLocations=CODE[,CODE…]`,
    };
  }
  return { plain: fields.quantity, kits: fields.bomQuantity, blocked: null };
}

/** Whether the quantity of a variant of a product of this kind is exported. */
export function exportsQuantityOf(kind: ProductKind, policy: QuantityExport): boolean {
  return kind === 'kit' ? policy.kits : policy.plain;
}

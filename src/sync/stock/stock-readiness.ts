import type { Store } from '../../hub/index.js';

/** The location import-stock fills: `stockImportLocation`, else `defaults.stockLocation`. */
export function stockImportLocation(store: Pick<Store, 'settings'>): string | null {
  return store.settings.stockImportLocation ?? store.settings.defaults.stockLocation;
}

/** Why import-stock cannot run for this store, or null. */
export function importStockNotReady(store: Pick<Store, 'name' | 'settings'>): string | null {
  if (stockImportLocation(store) !== null) return null;
  return (
    `Store '${store.name}' has no stock import location: set stockImportLocation (or defaults.stockLocation) ` +
    `to the location that receives the store's quantities: prestabridge stores set ${store.name} stockImportLocation=CODE`
  );
}

/**
 * Why the hub cannot push stock to this store, or null: quantities switched off, no stock export
 * locations, or — unless forced — no initial stock import yet (the hub's zeros would overwrite the
 * shop's stock).
 */
export function stockExportNotReady(
  store: Pick<Store, 'name' | 'settings' | 'initialStockImportedAt'>,
  options: { readonly force?: boolean } = {},
): string | null {
  const { settings, name } = store;
  if (!settings.exportFields.quantity && !settings.exportFields.bomQuantity) {
    return (
      `Stock export is off for '${name}' (exportFields.quantity and exportFields.bomQuantity are false): ` +
      `prestabridge stores set ${name} exportFields.quantity=true`
    );
  }
  if (settings.stockExportLocations.length === 0) {
    return (
      `Store '${name}' has no stock export locations, so its sellable quantities are unknown: ` +
      `prestabridge stores set ${name} stockExportLocations=CODE[,CODE…]`
    );
  }
  if (store.initialStockImportedAt === null && options.force !== true) {
    return (
      `Stock is not exported to '${name}' before its initial stock import: the hub's quantities would ` +
      `overwrite the shop's with zeros. Run import-stock first (prestabridge sync run import-stock --store ${name}), ` +
      `or export-stock --force when the hub already holds this shop's stock.`
    );
  }
  return null;
}

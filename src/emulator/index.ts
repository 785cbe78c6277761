/**
 * `prestabridge/emulator`: an HTTP server that speaks the PrestaShop Webservice as a real 8.1
 * store does (XML and JSON shapes, errors, headers, keys and permissions), over a seeded store of
 * any size, with faults on demand and a control API under `/__emulator/`.
 *
 * @example
 * import { startEmulator } from 'prestabridge/emulator';
 * const emu = await startEmulator({ port: 0, seed: 'small' });
 * emu.store.placeOrder({ customerId: 1, lines: [{ productId: 1, combinationId: 0, quantity: 1 }] });
 * await emu.close();
 */
export type { ControlAnswer, ControlContext } from './control-api.js';
export type { EmulatorFleetOptions, FleetStore, RunningEmulatorFleet } from './emulator-fleet.js';
export { EmulatorFleetError, startEmulatorFleet } from './emulator-fleet.js';
export type { EmulatorOptions, RunningEmulator } from './emulator-server.js';
export { startEmulator } from './emulator-server.js';
export type {
  SeededData,
  StoreChange,
  StoredImage,
  StoreLanguage,
  StoreSettings,
  StoreSnapshot,
} from './emulator-store.js';
export { EmulatorStore } from './emulator-store.js';
export type { FaultDecision, FaultSettings } from './faults.js';
export { Faults, NO_FAULTS } from './faults.js';
export type { KeyConfig, ResolvedKey } from './keys.js';
export { DEFAULT_FULL_KEY, DEFAULT_READ_ONLY_KEY, KeyError, parseKeyOption, redactKey } from './keys.js';
export type { AssociationEntry, EmuRecord, FieldValue, LangValues } from './record.js';
export { textOf } from './record.js';
export type {
  AssociationDefinition,
  FieldDefinition,
  HttpVerb,
  JsonValueKind,
  ResourceDefinition,
} from './resource-definition.js';
export { resourceDefinitions } from './resources/index.js';
export type { EmulatorStoreOptions, StoreLanguageCode } from './seed/build-store.js';
export { createEmulatorStore, DEFAULT_ANCHOR } from './seed/build-store.js';
export type { SeedCatalogShape, SeedName, SeedSizes } from './seed/seed-spec.js';
export { isSeedName, SEED_NAMES, SEED_SHAPES, SEED_SIZES } from './seed/seed-spec.js';
export type {
  FillCartInput,
  NewProduct,
  OrderLineRequest,
  PlacedOrder,
  PlaceOrderInput,
  ProductChanges,
  RefundInput,
} from './shop-actions.js';
export { ShopActionError } from './shop-actions.js';
export { Shopper, type ShopperAction, type ShopperOptions } from './shopper.js';
export { type PersistedStore, persistStore, type PersistStoreOptions, StoreFileError } from './store-file.js';
export type { EmulatorVersion } from './store-version.js';
export {
  EMULATOR_VERSIONS,
  emulatorRelease,
  isEmulatorVersion,
  resolveEmulatorVersion,
} from './store-version.js';
export type { Clock } from './wall-clock.js';

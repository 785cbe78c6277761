/**
 * The emulated store's data: one table per resource, the store settings (languages, time zone,
 * shop name, configuration), a clock, and the generic writes every path goes through (webservice
 * writes, shopper actions, tests). Writes keep what a sync tool relies on: `date_upd` moves on
 * every change, and the side effects in `store-rules.ts` (stock sums, order states, …) run.
 */
import { completeValues, storedValue } from './field-values.js';
import type { AssociationEntry, EmuRecord, FieldValue } from './record.js';
import type { RecordTable, TableChange, TableSnapshot } from './record-table.js';
import type { ContextRecord, ResourceDefinition } from './resource-definition.js';
import { resourceDefinitions } from './resources/index.js';
import {
  addProduct,
  cancelOrder,
  changeCart,
  changeOrderState,
  deleteProduct,
  fillCart,
  type FillCartInput,
  type NewProduct,
  type OrderLineRequest,
  payOrder,
  type PlacedOrder,
  placeOrder,
  type PlaceOrderInput,
  type ProductChanges,
  type RefundInput,
  refundOrder,
  setDependsOnStock,
  setStock,
  shipOrder,
  updateProduct,
} from './shop-actions.js';
import { afterDelete, afterInsert, afterUpdate, beforeDelete } from './store-rules.js';
import { type Clock, formatWallClock, wallClockSeconds } from './wall-clock.js';

export interface StoreLanguage {
  readonly id: number;
  readonly iso: string;
}

export interface StoreSettings {
  readonly shopName: string;
  readonly timeZone: string;
  readonly languages: readonly StoreLanguage[];
}

/** What a seed builder hands to the store: its tables and the helpers it set up. */
export interface SeededData {
  readonly tables: ReadonlyMap<string, RecordTable>;
  readonly settings: StoreSettings;
  /** Last numbers handed out (`invoice_number`, `delivery_number`), so new ones follow on. */
  readonly counters?: Readonly<Record<string, number>>;
}

export interface StoredImage {
  readonly bytes: Buffer;
  readonly mime: string;
}

/**
 * One change to the store's data, as {@link EmulatorStore.onChange} reports it and
 * {@link EmulatorStore.replay} puts it back: a row written or deleted, a sequence number handed out,
 * an image uploaded or deleted, or everything back to the seed.
 */
export type StoreChange =
  | (TableChange & { readonly resource: string })
  | { readonly kind: 'number'; readonly sequence: string; readonly value: number }
  | { readonly kind: 'image'; readonly key: string; readonly image: StoredImage | null }
  | { readonly kind: 'reset' };

/** Everything written since seeding, as plain data: what {@link EmulatorStore.restore} puts back on the same seed. */
export interface StoreSnapshot {
  readonly tables: Readonly<Record<string, TableSnapshot>>;
  readonly counters: Readonly<Record<string, number>>;
  readonly images: Readonly<Record<string, StoredImage>>;
}

/** Uploaded images, telling the store of each change (the images handler and the rules write here directly). */
class ImageMap extends Map<string, StoredImage> {
  readonly #changed: (key: string, image: StoredImage | null) => void;

  constructor(changed: (key: string, image: StoredImage | null) => void) {
    super();
    this.#changed = changed;
  }

  override set(key: string, image: StoredImage): this {
    super.set(key, image);
    this.#changed?.(key, image);
    return this;
  }

  override delete(key: string): boolean {
    const deleted = super.delete(key);
    if (deleted) this.#changed(key, null);
    return deleted;
  }
}

export class EmulatorStore {
  readonly definitions: ReadonlyMap<string, ResourceDefinition> = resourceDefinitions;
  readonly clock: Clock;
  private readonly build: () => SeededData;
  private tables: ReadonlyMap<string, RecordTable> = new Map();
  private settingsValue: StoreSettings = { shopName: '', timeZone: 'UTC', languages: [] };
  readonly #listeners = new Set<(change: StoreChange) => void>();
  /** Nothing written since the last (re)seeding: a restore need not build the seed again. */
  #pristine = false;
  /** Uploaded image bytes by `productId/imageId`; images without an entry are generated. */
  readonly uploadedImages: Map<string, StoredImage> = new ImageMap((key, image) =>
    this.#emit({ kind: 'image', key, image }),
  );
  private configIndex = new Map<string, number>();
  private counters = new Map<string, number>();

  constructor(build: () => SeededData, clock: Clock) {
    this.build = build;
    this.clock = clock;
    this.reset();
  }

  /** Back to the seeded state: every write, upload and action since is forgotten. */
  reset(): void {
    this.#reseed();
    this.#emit({ kind: 'reset' });
  }

  #reseed(): void {
    const data = this.build();
    this.tables = data.tables;
    for (const [resource, table] of this.tables)
      table.observe((change) => this.#emit({ ...change, resource }));
    this.settingsValue = data.settings;
    Map.prototype.clear.call(this.uploadedImages);
    this.counters = new Map(Object.entries(data.counters ?? {}));
    this.reindexConfiguration();
    this.#pristine = true;
  }

  /**
   * Hears every change to the store's data from now on — what makes it persistent (`persistStore`):
   * rows written and deleted, numbers handed out, images, resets. Returns the unsubscribe function.
   */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: StoreChange): void {
    if (change.kind !== 'reset') this.#pristine = false;
    for (const listener of this.#listeners) listener(change);
  }

  /** Everything written since seeding (rows, deletions, numbers, uploaded images), as plain data. */
  snapshot(): StoreSnapshot {
    const tables: Record<string, TableSnapshot> = {};
    for (const [resource, table] of this.tables) {
      const snapshot = table.snapshot();
      if (snapshot.rows.length > 0 || snapshot.deleted.length > 0 || snapshot.lastId !== snapshot.baseCount)
        tables[resource] = snapshot;
    }
    return {
      tables,
      counters: Object.fromEntries(this.counters),
      images: Object.fromEntries(this.uploadedImages),
    };
  }

  /**
   * Back to the seed, then a snapshot's writes on top, without telling listeners. Refused when the
   * snapshot was taken on a store built from another seed (its tables do not fit); the store is then
   * left as seeded.
   */
  restore(snapshot: StoreSnapshot): void {
    if (!this.#pristine) this.#reseed();
    this.#pristine = false;
    for (const [resource, tableSnapshot] of Object.entries(snapshot.tables)) {
      const table = this.tables.get(resource);
      if (table === undefined || !table.restoreSnapshot(tableSnapshot)) {
        this.#reseed();
        throw new Error(
          `The saved store does not fit this one: its ${resource} were made from another seed ` +
            `(${tableSnapshot.baseCount} generated rows, here ${table === undefined ? 'no such table' : table.snapshot().baseCount}).`,
        );
      }
    }
    for (const [sequence, value] of Object.entries(snapshot.counters)) this.counters.set(sequence, value);
    for (const [key, image] of Object.entries(snapshot.images))
      Map.prototype.set.call(this.uploadedImages, key, image);
    this.reindexConfiguration();
  }

  /** Puts back one recorded change (a journal's line), without telling listeners. */
  replay(change: StoreChange): void {
    this.#pristine = false;
    switch (change.kind) {
      case 'reset':
        this.#reseed();
        return;
      case 'number':
        this.counters.set(change.sequence, change.value);
        return;
      case 'image':
        if (change.image === null) Map.prototype.delete.call(this.uploadedImages, change.key);
        else Map.prototype.set.call(this.uploadedImages, change.key, change.image);
        return;
      case 'row':
      case 'delete': {
        const table = this.tables.get(change.resource);
        if (table === undefined)
          throw new Error(`The saved change is about "${change.resource}", which this store does not model.`);
        table.restore(change);
        if (change.resource === 'configurations') this.reindexConfiguration();
      }
    }
  }

  get settings(): StoreSettings {
    return this.settingsValue;
  }

  languageIds(): number[] {
    return this.settingsValue.languages.map((language) => language.id);
  }

  definition(resource: string): ResourceDefinition | undefined {
    return this.definitions.get(resource);
  }

  /** The table of a resource; undefined for resources the store does not model. */
  table(resource: string): RecordTable | undefined {
    return this.tables.get(resource);
  }

  private requireTable(resource: string): RecordTable {
    const table = this.tables.get(resource);
    if (table === undefined) throw new Error(`The emulator does not model the resource "${resource}".`);
    return table;
  }

  private requireDefinition(resource: string): ResourceDefinition {
    const definition = this.definitions.get(resource);
    if (definition === undefined) throw new Error(`Unknown resource "${resource}".`);
    return definition;
  }

  /** One record, as a GET would show it. */
  get(resource: string, id: number): EmuRecord | undefined {
    return this.tables.get(resource)?.get(id);
  }

  /** Every record of a resource in id order. Built one at a time: safe on a million orders. */
  *records(resource: string): Generator<EmuRecord> {
    const table = this.tables.get(resource);
    if (table === undefined) return;
    for (const id of table.ids()) {
      const record = table.get(id);
      if (record !== undefined) yield record;
    }
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Now, in store-local wall-clock seconds. */
  nowSeconds(): number {
    return wallClockSeconds(this.clock(), this.settingsValue.timeZone);
  }

  /** Now as PrestaShop writes dates (`2026-11-22 12:11:13`, store time zone). */
  nowText(): string {
    return formatWallClock(this.nowSeconds());
  }

  private reindexConfiguration(): void {
    this.configIndex = new Map();
    const table = this.tables.get('configurations');
    if (table === undefined) return;
    for (const id of table.ids()) {
      const name = table.value(id, 'name');
      if (typeof name === 'string') this.configIndex.set(name, id);
    }
  }

  /** A configuration value (`PS_TIMEZONE`, `PS_LANG_DEFAULT`, …); undefined when not set. */
  config(name: string): string | undefined {
    const id = this.configIndex.get(name);
    if (id === undefined) return undefined;
    const value = this.tables.get('configurations')?.value(id, 'value');
    return typeof value === 'string' ? value : undefined;
  }

  setConfig(name: string, value: string): void {
    const id = this.configIndex.get(name);
    if (id === undefined) {
      const record = this.insert('configurations', { name, value });
      this.configIndex.set(name, record.id);
    } else {
      this.update('configurations', id, { value });
    }
  }

  /** The next number of a sequence (`invoice_number`, `delivery_number`, `image`). */
  nextNumber(sequence: string): number {
    const next = (this.counters.get(sequence) ?? 0) + 1;
    this.counters.set(sequence, next);
    this.#emit({ kind: 'number', sequence, value: next });
    return next;
  }

  /** The record the store loads before the webservice runs (JSON booleans as numbers there). */
  contextId(kind: ContextRecord): number {
    if (kind === 'default-language') return Number(this.config('PS_LANG_DEFAULT') ?? 1);
    if (kind === 'default-currency') return Number(this.config('PS_CURRENCY_DEFAULT') ?? 1);
    if (kind === 'unidentified-group') return Number(this.config('PS_UNIDENTIFIED_GROUP') ?? 1);
    const shop = Number(this.config('PS_SHOP_DEFAULT') ?? 1);
    if (kind === 'context-shop') return shop;
    return Number(this.tables.get('shops')?.value(shop, 'id_shop_group') ?? 1);
  }

  /**
   * Adds a record. `values` may be partial (missing fields take their empty value) and hold
   * stored forms; `date_add`/`date_upd` default to now.
   */
  insert(
    resource: string,
    values: Readonly<Record<string, FieldValue | undefined>>,
    associations: Readonly<Record<string, readonly AssociationEntry[]>> = {},
  ): EmuRecord {
    const definition = this.requireDefinition(resource);
    const table = this.requireTable(resource);
    const now = this.nowText();
    const complete = completeValues(definition, values, this.languageIds());
    for (const name of ['date_add', 'date_upd']) {
      if (name in complete && (values[name] === undefined || values[name] === '' || values[name] === null)) {
        complete[name] = now;
      }
    }
    const record = table.insert((id) => ({ id, values: complete, associations: { ...associations } }));
    afterInsert(this, resource, record);
    return this.get(resource, record.id) ?? record;
  }

  /**
   * Changes a record: `changes` replace values (stored forms), `associations` replace whole
   * association sets. `date_upd` moves to now unless `touch` is false.
   */
  update(
    resource: string,
    id: number,
    changes: Readonly<Record<string, FieldValue>>,
    associations: Readonly<Record<string, readonly AssociationEntry[]>> = {},
    touch = true,
  ): EmuRecord {
    const definition = this.requireDefinition(resource);
    const table = this.requireTable(resource);
    const before = table.get(id);
    if (before === undefined) throw new Error(`${resource} ${id} does not exist.`);
    const values: Record<string, FieldValue | undefined> = { ...before.values, ...changes };
    if (touch && definition.fields.some((field) => field.name === 'date_upd'))
      values.date_upd = this.nowText();
    const after: EmuRecord = { id, values, associations: { ...before.associations, ...associations } };
    table.update(after);
    afterUpdate(this, resource, before, after);
    return this.get(resource, id) ?? after;
  }

  /** Writes values without side effects or `date_upd` (rules use it to keep derived rows in step). */
  patchQuietly(
    resource: string,
    id: number,
    changes: Readonly<Record<string, FieldValue>>,
    associations: Readonly<Record<string, readonly AssociationEntry[]>> = {},
  ): void {
    const table = this.requireTable(resource);
    const before = table.get(id);
    if (before === undefined) return;
    table.update({
      id,
      values: { ...before.values, ...changes },
      associations: { ...before.associations, ...associations },
    });
  }

  /** Deletes a record and what depends on it (a product's combinations and stock rows, …). */
  remove(resource: string, id: number): boolean {
    const table = this.tables.get(resource);
    const record = table?.get(id);
    if (table === undefined || record === undefined) return false;
    beforeDelete(this, resource, record);
    table.delete(id);
    afterDelete(this, resource, record);
    return true;
  }

  /** Stored form of a text written to a field (integer cast, DECIMAL scale, boolean 0/1). */
  storedForm(resource: string, field: string, raw: string | null, previous?: FieldValue): FieldValue {
    const definition = this.requireDefinition(resource);
    const fieldDefinition = definition.fields.find((f) => f.name === field);
    if (fieldDefinition === undefined) return raw;
    return storedValue(fieldDefinition, raw, previous, this.languageIds());
  }

  // Shop and merchant actions (see shop-actions.ts); each moves `date_upd` and runs the same side
  // effects as the matching webservice write.

  /** A shopper checks out: cart, order, rows, carrier row, first state; stock goes down. */
  placeOrder(input: PlaceOrderInput): PlacedOrder {
    return placeOrder(this, input);
  }

  /** A shopper fills a cart and does not check out (a guest's cart without `customerId`). */
  fillCart(input: FillCartInput): EmuRecord {
    return fillCart(this, input);
  }

  /** A shopper changes what is in a cart: its rows are replaced, `date_upd` moves. */
  changeCart(cartId: number, lines: readonly OrderLineRequest[]): EmuRecord {
    return changeCart(this, cartId, lines);
  }

  /** Moves an order to a state, as `POST /api/order_histories` does. */
  changeOrderState(orderId: number, stateId: number): EmuRecord {
    return changeOrderState(this, orderId, stateId);
  }

  payOrder(orderId: number): EmuRecord {
    return payOrder(this, orderId);
  }

  cancelOrder(orderId: number): EmuRecord {
    return cancelOrder(this, orderId);
  }

  /** A merchant's refund of some lines (and the shipping): an `order_slip`, as the back office writes it. */
  refundOrder(orderId: number, input: RefundInput): EmuRecord {
    return refundOrder(this, orderId, input);
  }

  shipOrder(orderId: number, trackingNumber?: string): EmuRecord {
    return shipOrder(this, orderId, trackingNumber);
  }

  /**
   * Sets the stock of a product without combinations (combination 0) or of one combination, in a
   * shop's stock (default: the default shop; a shop of a stock-sharing group sets the group's row).
   */
  setStock(productId: number, combinationId: number, quantity: number, shopId?: number): EmuRecord {
    return setStock(this, productId, combinationId, quantity, shopId);
  }

  setDependsOnStock(productId: number, combinationId: number, value: boolean, shopId?: number): EmuRecord {
    return setDependsOnStock(this, productId, combinationId, value, shopId);
  }

  updateProduct(productId: number, changes: ProductChanges): EmuRecord {
    return updateProduct(this, productId, changes);
  }

  addProduct(input: NewProduct): EmuRecord {
    return addProduct(this, input);
  }

  deleteProduct(productId: number): void {
    deleteProduct(this, productId);
  }
}

import type { Kysely, Updateable } from 'kysely';

import { type HubContext, nowIso, parseJson, write } from '../hub-context.js';
import {
  AlreadyExistsError,
  InvalidRecordError,
  NotFoundError,
  SettingsValidationError,
} from '../hub-errors.js';
import type { DbStore, HubDatabase, StoresTable } from '../schema/hub-database.js';
import { openSealedSecret, sealSecret } from '../secret-box.js';
import { newCodeReferences, unusableCodeProblems } from '../settings/setting-codes.js';
import { applySettingsPatch, type SettingsPatch } from '../settings/settings-keys.js';
import { type StoreSettings, type StoreSettingsInput } from '../settings/store-settings.js';
import { parseSettings } from '../settings/validate-settings.js';
import { assertTimeZone } from '../store-time.js';
import { unusableCodes } from './master-data.repository.js';

/** How the webservice key is sent: HTTP Basic header, or the `ws_key` query parameter for hosts that strip it. */
export type AuthMode = 'header' | 'query';

/** A language installed in the store: its id there and its ISO code (`en`, `fr`). */
export interface StoreLanguage {
  readonly id: number;
  readonly iso: string;
}

/** A connected PrestaShop store. The webservice key is never part of it: see {@link StoreRepository.webserviceKey}. */
export interface Store {
  readonly id: number;
  readonly name: string;
  readonly url: string;
  readonly authMode: AuthMode;
  readonly hasKey: boolean;
  /** The store's default language id. */
  readonly languageId: number | null;
  /** The shop the store works in (multistore: the one chosen; else the default shop). */
  readonly shopId: number | null;
  /** That shop's name, group, and whether the group shares its stock; null when unknown. */
  readonly shop: StoreShopFacts | null;
  readonly timeZone: string;
  readonly psVersion: string | null;
  readonly languages: readonly StoreLanguage[];
  readonly settings: StoreSettings;
  readonly lastImportAt: string | null;
  readonly lastExportAt: string | null;
  /** When the one-time initial stock import ran; stock export is refused before it. */
  readonly initialStockImportedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The shop of a multistore a store works in, as the store described it when it was connected. */
export interface StoreShopFacts {
  readonly name: string;
  readonly groupId: number;
  /**
   * The shop's group shares its stock (`share_stock`): the shop has no stock rows of its own, the
   * group's rows (`id_shop` 0) serve all its shops — a push to one is a push to all.
   */
  readonly stockShared: boolean;
}

export interface NewStore {
  readonly name: string;
  readonly url: string;
  readonly webserviceKey?: string;
  readonly authMode?: AuthMode;
  readonly languageId?: number | null;
  readonly shopId?: number | null;
  readonly shop?: StoreShopFacts | null;
  readonly timeZone?: string;
  readonly psVersion?: string | null;
  readonly languages?: readonly StoreLanguage[];
  readonly settings?: StoreSettingsInput;
  /**
   * Give the store working stock defaults, as `stores add` does: `defaults.stockLocation` (with
   * `stockExportLocations`) and `defaults.salesLocation`, where the settings leave them empty — the
   * hub's first warehouse and sales locations, created (`MAIN`, `WEB`) when it has none.
   */
  readonly defaultLocations?: boolean;
}

/** The locations a new store gets when the hub has none of that kind. */
export const DEFAULT_STOCK_LOCATION = { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' } as const;
export const DEFAULT_SALES_LOCATION = { code: 'WEB', name: 'Web shop', kind: 'sales' } as const;

export interface StoreChanges {
  readonly name?: string;
  readonly url?: string;
  /** A new key, or `null` to forget it. */
  readonly webserviceKey?: string | null;
  readonly authMode?: AuthMode;
  readonly languageId?: number | null;
  readonly shopId?: number | null;
  readonly shop?: StoreShopFacts | null;
  readonly timeZone?: string;
  readonly psVersion?: string | null;
  readonly languages?: readonly StoreLanguage[];
  /** Merged into the current settings (maps: `null` removes an entry), then validated. */
  readonly settings?: SettingsPatch;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new InvalidRecordError(
      `'${name}' cannot name a store: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.`,
    );
  }
  return name;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidRecordError(
      `'${url}' is not a store URL. Expected something like https://shop.example.com.`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InvalidRecordError(
      `The store URL must start with https:// or http://, got '${parsed.protocol}'.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.searchParams.has('ws_key')) {
    throw new InvalidRecordError(
      'The store URL must not carry the webservice key; give the key separately (it is stored encrypted).',
    );
  }
  return url.replace(/\/+$/, '');
}

function checkKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed === '') throw new InvalidRecordError('The webservice key is empty.');
  return trimmed;
}

function shopColumns(
  shop: StoreShopFacts | null,
): Pick<StoresTable, 'shop_name' | 'shop_group_id' | 'shop_stock_shared'> {
  return {
    shop_name: shop?.name ?? null,
    shop_group_id: shop?.groupId ?? null,
    shop_stock_shared: shop === null ? null : shop.stockShared ? 1 : 0,
  };
}

function toStore(row: DbStore): Store {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    authMode: row.auth_mode === 'query' ? 'query' : 'header',
    hasKey: row.ws_key !== null,
    languageId: row.language_id,
    shopId: row.shop_id,
    shop:
      row.shop_name === null || row.shop_group_id === null
        ? null
        : { name: row.shop_name, groupId: row.shop_group_id, stockShared: row.shop_stock_shared === 1 },
    timeZone: row.time_zone,
    psVersion: row.ps_version,
    languages: parseJson<StoreLanguage[]>(row.languages, []),
    // Stored settings were validated on write; parsing again fills settings added by newer versions.
    settings: parseSettings(parseJson<unknown>(row.settings, {})),
    lastImportAt: row.last_import_at,
    lastExportAt: row.last_export_at,
    initialStockImportedAt: row.initial_stock_imported_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Stores, their settings and their webservice keys (AES-256-GCM, key from `PRESTABRIDGE_SECRET`).
 *
 * @example
 * const store = await hub.stores.create({ name: 'shop-fr', url: 'https://shop.fr', webserviceKey: key, timeZone: 'Europe/Paris' });
 * await hub.stores.update(store.id, { settings: { import: { enabled: true } } });
 * const key = await hub.stores.webserviceKey(store.id);
 */
export class StoreRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async create(input: NewStore): Promise<Store> {
    const name = checkName(input.name);
    const url = checkUrl(input.url);
    const timeZone = input.timeZone ?? 'UTC';
    assertTimeZone(timeZone);
    const given = parseSettings(input.settings ?? {});
    return write(this.#ctx, async (db) => {
      if (await this.#findRow(db, name)) {
        throw new AlreadyExistsError(
          `A store named '${name}' already exists. Choose another name, or update that store.`,
        );
      }
      const settings =
        input.defaultLocations === true
          ? await this.#withDefaultLocations(db, given, input.settings ?? {})
          : given;
      await this.#checkCodes(db, null, settings);
      const now = nowIso(this.#ctx);
      const wsKey =
        input.webserviceKey === undefined ? null : await this.#seal(db, checkKey(input.webserviceKey));
      const row = await db
        .insertInto('stores')
        .values({
          name,
          url,
          ws_key: wsKey,
          auth_mode: input.authMode ?? 'header',
          language_id: input.languageId ?? null,
          shop_id: input.shopId ?? null,
          ...shopColumns(input.shop ?? null),
          time_zone: timeZone,
          ps_version: input.psVersion ?? null,
          languages: JSON.stringify(input.languages ?? []),
          settings: JSON.stringify(settings),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStore(row);
    });
  }

  /** The store with this id or name; {@link NotFoundError} if there is none. */
  async get(idOrName: number | string): Promise<Store> {
    const row = await this.#findRow(this.#ctx.db, idOrName);
    if (!row) throw this.#notFound(idOrName);
    return toStore(row);
  }

  /** The store with this id or name, or `undefined`. */
  async find(idOrName: number | string): Promise<Store | undefined> {
    const row = await this.#findRow(this.#ctx.db, idOrName);
    return row ? toStore(row) : undefined;
  }

  async list(): Promise<Store[]> {
    const rows = await this.#ctx.db.selectFrom('stores').selectAll().orderBy('name').execute();
    return rows.map(toStore);
  }

  async update(idOrName: number | string, changes: StoreChanges): Promise<Store> {
    return write(this.#ctx, async (db) => {
      const row = await this.#findRow(db, idOrName);
      if (!row) throw this.#notFound(idOrName);
      const current = toStore(row);
      const values: Updateable<StoresTable> = { updated_at: nowIso(this.#ctx) };
      if (changes.name !== undefined && changes.name !== current.name) {
        values.name = checkName(changes.name);
        if (await this.#findRow(db, changes.name)) {
          throw new AlreadyExistsError(`A store named '${changes.name}' already exists.`);
        }
      }
      if (changes.url !== undefined) values.url = checkUrl(changes.url);
      if (changes.timeZone !== undefined) {
        assertTimeZone(changes.timeZone);
        values.time_zone = changes.timeZone;
      }
      if (changes.authMode !== undefined) values.auth_mode = changes.authMode;
      if (changes.languageId !== undefined) values.language_id = changes.languageId;
      if (changes.shopId !== undefined) values.shop_id = changes.shopId;
      if (changes.shop !== undefined) Object.assign(values, shopColumns(changes.shop));
      if (changes.psVersion !== undefined) values.ps_version = changes.psVersion;
      if (changes.languages !== undefined) values.languages = JSON.stringify(changes.languages);
      if (changes.settings !== undefined) {
        const settings = parseSettings(applySettingsPatch(current.settings, changes.settings));
        await this.#checkCodes(db, current.settings, settings);
        values.settings = JSON.stringify(settings);
      }
      if (changes.webserviceKey !== undefined) {
        values.ws_key =
          changes.webserviceKey === null ? null : await this.#seal(db, checkKey(changes.webserviceKey));
      }
      const updated = await db
        .updateTable('stores')
        .set(values)
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStore(updated);
    });
  }

  /**
   * The decrypted webservice key, or `null` when none is stored. Needs `PRESTABRIDGE_SECRET`
   * ({@link MissingSecretError}) and the same secret it was stored with ({@link WrongSecretError}).
   */
  async webserviceKey(idOrName: number | string): Promise<string | null> {
    const row = await this.#findRow(this.#ctx.db, idOrName);
    if (!row) throw this.#notFound(idOrName);
    if (row.ws_key === null) return null;
    const key = await this.#ctx.keyring.key(this.#ctx.db);
    return openSealedSecret(key, row.ws_key, `the webservice key of store '${row.name}'`);
  }

  /**
   * Whether the current `PRESTABRIDGE_SECRET` is this database's: {@link MissingSecretError} without
   * one, {@link WrongSecretError} when the keys were stored with another. A database that never stored
   * a key adopts the current secret.
   */
  async verifySecret(): Promise<void> {
    await this.#ctx.keyring.key(this.#ctx.db);
  }

  /**
   * Recovery from a lost `PRESTABRIDGE_SECRET`: forgets every stored webservice key (sealed with the
   * lost secret, they cannot be read any more) and that secret's salt and check value, in one
   * transaction; the current secret, when set, becomes the database's. Returns the names of the
   * stores whose key must be entered again (`stores set NAME --key`), by name.
   *
   * @example
   * const forgotten = await hub.stores.resetSecret(); // ['shop-de', 'shop-fr']
   */
  async resetSecret(): Promise<string[]> {
    return write(this.#ctx, async (db) => {
      const rows = await db
        .selectFrom('stores')
        .select('name')
        .where('ws_key', 'is not', null)
        .orderBy('name')
        .execute();
      await db
        .updateTable('stores')
        .set({ ws_key: null, updated_at: nowIso(this.#ctx) })
        .where('ws_key', 'is not', null)
        .execute();
      await this.#ctx.keyring.reset(db);
      if (this.#ctx.keyring.hasSecret) await this.#ctx.keyring.key(db);
      return rows.map((row) => row.name);
    });
  }

  /** Records when an import or export last completed (shown with the settings). */
  async markSynced(
    storeId: number,
    direction: 'import' | 'export',
    at: Date = this.#ctx.clock(),
  ): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .updateTable('stores')
        .set(
          direction === 'import'
            ? { last_import_at: at.toISOString() }
            : { last_export_at: at.toISOString() },
        )
        .where('id', '=', storeId)
        .execute(),
    );
  }

  /** Records the one-time initial stock import (stock export is allowed from then on). */
  async markInitialStockImported(storeId: number, at: Date = this.#ctx.clock()): Promise<void> {
    await write(this.#ctx, (db) =>
      db
        .updateTable('stores')
        .set({ initial_stock_imported_at: at.toISOString() })
        .where('id', '=', storeId)
        .execute(),
    );
  }

  /** Removes a store with everything bound to it (bindings, watermarks, runs, outbox, its orders). */
  async delete(idOrName: number | string): Promise<StoreRemoval> {
    return write(this.#ctx, async (db) => {
      const row = await this.#findRow(db, idOrName);
      if (!row) throw this.#notFound(idOrName);
      const archivedProducts = await archiveProductsOnlyIn(this.#ctx, db, row.id);
      // Its bindings go with it (cascade): hub products other stores or the hub own stay as they are.
      await db.deleteFrom('stores').where('id', '=', row.id).execute();
      return { archivedProducts };
    });
  }

  /**
   * Refuses settings naming master-data codes the hub lacks or has archived — those new since
   * `before` — with every such setting and the command that fixes it; nothing is saved.
   */
  async #checkCodes(
    db: Kysely<HubDatabase>,
    before: StoreSettings | null,
    after: StoreSettings,
  ): Promise<void> {
    const references = newCodeReferences(before, after);
    if (references.length === 0) return;
    const problems = unusableCodeProblems(references, await unusableCodes(this.#ctx, db, references));
    if (problems.length > 0) throw new SettingsValidationError(problems);
  }

  /**
   * {@link NewStore.defaultLocations}: the settings with stock and sales locations filled in where
   * the input left them out (a setting given, even empty, is kept).
   */
  async #withDefaultLocations(
    db: Kysely<HubDatabase>,
    settings: StoreSettings,
    input: StoreSettingsInput,
  ): Promise<StoreSettings> {
    const given = input.defaults ?? {};
    const stock =
      given.stockLocation === undefined
        ? await this.#firstLocation(db, DEFAULT_STOCK_LOCATION)
        : settings.defaults.stockLocation;
    const sales =
      given.salesLocation === undefined
        ? await this.#firstLocation(db, DEFAULT_SALES_LOCATION)
        : settings.defaults.salesLocation;
    return {
      ...settings,
      defaults: { ...settings.defaults, stockLocation: stock, salesLocation: sales },
      stockExportLocations:
        input.stockExportLocations === undefined && stock !== null ? [stock] : settings.stockExportLocations,
    };
  }

  /** The code of the hub's first active location of this kind, created as `fallback` when there is none. */
  async #firstLocation(
    db: Kysely<HubDatabase>,
    fallback: typeof DEFAULT_STOCK_LOCATION | typeof DEFAULT_SALES_LOCATION,
  ): Promise<string> {
    const existing = await db
      .selectFrom('locations')
      .select('code')
      .where('kind', '=', fallback.kind)
      .where('archived_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    if (existing) return existing.code;
    // The usual code may be taken by a location of the other kind, or an archived one.
    const taken = new Set(
      (
        await db.selectFrom('locations').select('code').where('code', 'like', `${fallback.code}%`).execute()
      ).map((row) => row.code),
    );
    let code: string = fallback.code;
    for (let n = 2; taken.has(code); n += 1) code = `${fallback.code}-${n}`;
    const now = nowIso(this.#ctx);
    await db
      .insertInto('locations')
      .values({
        code,
        name: fallback.name,
        kind: fallback.kind,
        archived_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return code;
  }

  async #seal(db: Kysely<HubDatabase>, key: string): Promise<string> {
    return sealSecret(await this.#ctx.keyring.key(db), key);
  }

  #findRow(db: Kysely<HubDatabase>, idOrName: number | string): Promise<DbStore | undefined> {
    const query = db.selectFrom('stores').selectAll();
    return (
      typeof idOrName === 'number' ? query.where('id', '=', idOrName) : query.where('name', '=', idOrName)
    ).executeTakeFirst();
  }

  #notFound(idOrName: number | string): NotFoundError {
    return new NotFoundError(
      typeof idOrName === 'number'
        ? `No store with id ${idOrName}. \`prestabridge stores list\` shows the stores.`
        : `No store named '${idOrName}'. \`prestabridge stores list\` shows the stores.`,
    );
  }
}

/** What removing a store did to the catalog. */
export interface StoreRemoval {
  /** Products that existed only for this store (imported from it, bound to no other): archived. */
  readonly archivedProducts: number;
}

/**
 * Archives the hub products that existed only for this store: bound to it, to no other store, and
 * not created in the hub. They are kept (orders and the ledger point at their variants), but leave
 * exports and lists of live products.
 */
async function archiveProductsOnlyIn(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  storeId: number,
): Promise<number> {
  const now = nowIso(ctx);
  const result = await db
    .updateTable('products')
    .set({ archived_at: now, updated_at: now })
    .where('archived_at', 'is', null)
    .where('hub_owned', '=', 0)
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('bindings as b')
            .select('b.local_id')
            .where('b.store_id', '=', storeId)
            .where('b.resource', '=', 'products')
            .whereRef('b.local_id', '=', 'products.id'),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('bindings as o')
              .select('o.local_id')
              .where('o.store_id', '!=', storeId)
              .where('o.resource', '=', 'products')
              .where('o.deleted_at', 'is', null)
              .whereRef('o.local_id', '=', 'products.id'),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

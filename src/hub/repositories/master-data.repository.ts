import type { Kysely } from 'kysely';

import { inList } from '../bulk-sql.js';
import { type DecimalInput, toStoredDecimal } from '../decimal.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { AlreadyExistsError, InvalidRecordError, NotFoundError } from '../hub-errors.js';
import type { HubDatabase } from '../schema/hub-database.js';
import {
  addMasterDataCommand,
  masterDataCommand,
  type MasterDataKind,
  masterDataLabel,
  masterDataTable,
  restoreMasterDataCommand,
} from './master-data-kinds.js';

export type { MasterDataKind } from './master-data-kinds.js';

interface Coded {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  /** When it was archived: hidden from lists and pickers, and settings may no longer name it. */
  readonly archivedAt: string | null;
}

export type UnitOfMeasure = Coded;
export interface TaxRate extends Coded {
  /** Percent, e.g. `'21.000000'`. */
  readonly rate: string;
  readonly country: string | null;
}
export const LOCATION_KINDS = ['warehouse', 'sales'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];
export interface Location extends Coded {
  readonly kind: LocationKind;
}
export interface Family extends Coded {
  readonly parentId: number | null;
  readonly parentCode: string | null;
}
export type ShippingMethod = Coded;
export type PaymentMethod = Coded;
export const ACCOUNT_KINDS = ['bank', 'ledger'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
/** A bank or ledger account; its code is the account number journal entries carry. */
export interface Account extends Coded {
  readonly kind: AccountKind;
}

/** Master data by kind, as returned. */
export interface MasterData {
  unitsOfMeasure: UnitOfMeasure;
  taxRates: TaxRate;
  locations: Location;
  families: Family;
  shippingMethods: ShippingMethod;
  paymentMethods: PaymentMethod;
  accounts: Account;
}

/** Master data by kind, as given (by code; upserting an existing code updates it). */
export interface MasterDataInput {
  unitsOfMeasure: { code: string; name: string };
  taxRates: { code: string; name: string; rate: DecimalInput; country?: string | null };
  locations: { code: string; name: string; kind: LocationKind };
  families: { code: string; name: string; parentCode?: string | null };
  shippingMethods: { code: string; name: string };
  paymentMethods: { code: string; name: string };
  accounts: { code: string; name: string; kind: AccountKind };
}

/** What {@link MasterDataRepository.update} may change: anything but the code. */
export type MasterDataChanges = {
  [K in MasterDataKind]: Partial<Omit<MasterDataInput[K], 'code'>>;
};

/** Which records `list` returns: by default all of them, archived included (what feeds map with). */
export interface MasterDataListOptions {
  readonly archived?: 'include' | 'exclude' | 'only';
}

/** A code a setting names, and whether the hub can use it. */
export interface CodeReference {
  readonly kind: MasterDataKind;
  readonly code: string;
}

/** A reference the hub cannot honour: no such code, or only an archived one. */
export interface UnusableCode extends CodeReference {
  readonly problem: 'missing' | 'archived';
  /** What to run: the command that creates it, or the one that restores it. */
  readonly fix: string;
}

/** The tables differ only in extra columns; queries on the shared ones are typed against one of them. */
function tableOf(kind: MasterDataKind): 'units_of_measure' {
  return masterDataTable(kind) as 'units_of_measure';
}

type AnyRow = {
  id: number;
  code: string;
  name: string;
  archived_at: string | null;
  rate?: string;
  country?: string | null;
  kind?: string;
  parent_id?: number | null;
};

function toDomain<K extends MasterDataKind>(
  kind: K,
  row: AnyRow,
  familyCodes?: ReadonlyMap<number, string>,
): MasterData[K] {
  const base: Coded = { id: row.id, code: row.code, name: row.name, archivedAt: row.archived_at ?? null };
  switch (kind) {
    case 'taxRates':
      return { ...base, rate: row.rate ?? '0', country: row.country ?? null } as MasterData[K];
    case 'locations':
      return { ...base, kind: row.kind === 'sales' ? 'sales' : 'warehouse' } as MasterData[K];
    case 'accounts':
      return { ...base, kind: row.kind === 'bank' ? 'bank' : 'ledger' } as MasterData[K];
    case 'families': {
      const parentId = row.parent_id ?? null;
      const parentCode = parentId === null ? null : (familyCodes?.get(parentId) ?? null);
      return { ...base, parentId, parentCode } as MasterData[K];
    }
    case 'unitsOfMeasure':
    case 'shippingMethods':
    case 'paymentMethods':
      return base as MasterData[K];
  }
}

function checkCode(kind: MasterDataKind, code: string): string {
  const trimmed = code.trim();
  if (trimmed === '' || trimmed.length > 64 || /[,\p{Cc}]/u.test(trimmed)) {
    throw new InvalidRecordError(
      `A ${masterDataLabel(kind)} code must have 1 to 64 characters, without commas, got '${code}'.`,
    );
  }
  return trimmed;
}

function checkName(kind: MasterDataKind, code: string, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) {
    throw new InvalidRecordError(
      `The ${masterDataLabel(kind)} '${code}' needs a name of 1 to 200 characters, got '${name}'.`,
    );
  }
  return trimmed;
}

function checkChoice<T extends string>(what: string, code: string, value: unknown, choices: readonly T[]): T {
  if (!choices.includes(value as T)) {
    throw new InvalidRecordError(
      `${what} '${code}': kind must be ${choices.join(' or ')}, got '${String(value)}'.`,
    );
  }
  return value as T;
}

function checkRate(code: string, rate: DecimalInput): string {
  let stored: string;
  try {
    stored = toStoredDecimal(rate);
  } catch {
    throw new InvalidRecordError(
      `Tax rate '${code}': the rate must be a percentage such as 21 or 5.5, got '${String(rate)}'.`,
    );
  }
  if (stored.startsWith('-') || Number(stored) > 100) {
    throw new InvalidRecordError(
      `Tax rate '${code}': the rate must be a percentage from 0 to 100, got '${String(rate)}'.`,
    );
  }
  return stored;
}

function checkCountry(code: string, country: string | null | undefined): string | null {
  if (country === null || country === undefined || country.trim() === '') return null;
  const iso = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(iso)) {
    throw new InvalidRecordError(
      `Tax rate '${code}': the country must be a two-letter ISO code such as NL, got '${country}'.`,
    );
  }
  return iso;
}

/**
 * Units of measure, tax rates, locations (warehouses and sales locations), families (product groups,
 * a tree), shipping and payment methods, bank and ledger accounts — each identified by a code that
 * users, settings and mappings refer to. Records are archived, never deleted by users: orders,
 * products and stock keep pointing at them.
 *
 * @example
 * await hub.masterData.add('locations', { code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' });
 * await hub.masterData.update('locations', 'MAIN', { name: 'Warehouse Lyon' });
 * await hub.masterData.archive('locations', 'MAIN');
 */
export class MasterDataRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  /** Creates a record; a code the hub has already (archived or not) is refused. */
  async add<K extends MasterDataKind>(kind: K, item: MasterDataInput[K]): Promise<MasterData[K]> {
    const code = checkCode(kind, item.code);
    return write(this.#ctx, async (db) => {
      const existing = await db
        .selectFrom(tableOf(kind))
        .select(['code', 'archived_at'])
        .where('code', '=', code)
        .executeTakeFirst();
      if (existing) {
        throw new AlreadyExistsError(
          existing.archived_at === null
            ? `The hub already has a ${masterDataLabel(kind)} '${code}'. Change it with \`prestabridge ${masterDataCommand(kind)} set ${code} …\`.`
            : `The hub already has a ${masterDataLabel(kind)} '${code}', archived. Bring it back with \`${restoreMasterDataCommand(kind, code)}\`.`,
        );
      }
      const [created] = await this.#upsert(db, kind, [{ ...item, code }]);
      return created as MasterData[K];
    });
  }

  /** Creates or updates records by code (imports and the demo seed master data this way). */
  async upsert<K extends MasterDataKind>(
    kind: K,
    items: readonly MasterDataInput[K][],
  ): Promise<MasterData[K][]> {
    if (items.length === 0) return [];
    return write(this.#ctx, (db) => this.#upsert(db, kind, items));
  }

  /**
   * Changes a record's name and other fields (not its code). A family's parent may not be the family
   * itself or one of its descendants; `parentCode: null` makes it a root.
   */
  async update<K extends MasterDataKind>(
    kind: K,
    code: string,
    changes: MasterDataChanges[K],
  ): Promise<MasterData[K]> {
    return write(this.#ctx, async (db) => {
      const row = await this.#row(db, kind, code);
      if (!row) throw this.#notFound(kind, code);
      const values: Record<string, unknown> = { updated_at: nowIso(this.#ctx) };
      const given = changes as Record<string, unknown>;
      if (given.name !== undefined) values.name = checkName(kind, code, given.name as string);
      if (kind === 'taxRates') {
        if (given.rate !== undefined) values.rate = checkRate(code, given.rate as DecimalInput);
        if (given.country !== undefined) values.country = checkCountry(code, given.country as string | null);
      } else if (kind === 'locations' && given.kind !== undefined) {
        values.kind = checkChoice('Location', code, given.kind, LOCATION_KINDS);
      } else if (kind === 'accounts' && given.kind !== undefined) {
        values.kind = checkChoice('Account', code, given.kind, ACCOUNT_KINDS);
      } else if (kind === 'families' && given.parentCode !== undefined) {
        values.parent_id = await this.#parentFor(db, code, row.id, given.parentCode as string | null);
      }
      await db
        .updateTable(tableOf(kind))
        .set(values as never)
        .where('id', '=', row.id)
        .execute();
      return this.#load(db, kind, code) as Promise<MasterData[K]>;
    });
  }

  /**
   * Archives a record (`restore` brings it back): it stays for the orders, products, stock and
   * settings that use it, but lists hide it and settings saved from now on may not name it.
   * @returns the record as it is now.
   */
  async archive<K extends MasterDataKind>(
    kind: K,
    code: string,
    options: { readonly restore?: boolean } = {},
  ): Promise<MasterData[K]> {
    return write(this.#ctx, async (db) => {
      const row = await this.#row(db, kind, code);
      if (!row) throw this.#notFound(kind, code);
      const archived = options.restore === true ? null : (row.archived_at ?? nowIso(this.#ctx));
      if (archived !== row.archived_at) {
        await db
          .updateTable(tableOf(kind))
          .set({ archived_at: archived, updated_at: nowIso(this.#ctx) })
          .where('id', '=', row.id)
          .execute();
      }
      return this.#load(db, kind, code) as Promise<MasterData[K]>;
    });
  }

  async list<K extends MasterDataKind>(
    kind: K,
    options: MasterDataListOptions = {},
  ): Promise<MasterData[K][]> {
    let query = this.#ctx.db.selectFrom(tableOf(kind)).selectAll().orderBy('code');
    if (options.archived === 'exclude') query = query.where('archived_at', 'is', null);
    if (options.archived === 'only') query = query.where('archived_at', 'is not', null);
    const rows = (await query.execute()) as AnyRow[];
    const familyCodes = kind === 'families' ? await this.#familyCodes(this.#ctx.db) : undefined;
    return rows.map((row) => toDomain(kind, row, familyCodes));
  }

  async find<K extends MasterDataKind>(kind: K, code: string): Promise<MasterData[K] | undefined> {
    return this.#load(this.#ctx.db, kind, code);
  }

  async get<K extends MasterDataKind>(kind: K, code: string): Promise<MasterData[K]> {
    const found = await this.find(kind, code);
    if (!found) throw this.#notFound(kind, code);
    return found;
  }

  /** Ids of the codes that exist, archived or not (missing codes are absent from the map). */
  idsByCode(kind: MasterDataKind, codes: readonly string[]): Promise<Map<string, number>> {
    return idsByCode(this.#ctx, this.#ctx.db, kind, codes);
  }

  /** Of these references, those the hub cannot honour (missing or archived), each with its fix. */
  unusable(references: readonly CodeReference[]): Promise<UnusableCode[]> {
    return unusableCodes(this.#ctx, this.#ctx.db, references);
  }

  /**
   * Deletes a record outright. Not offered to users (they archive): only for a record nothing uses,
   * such as one created by mistake in a test.
   */
  async delete(kind: MasterDataKind, code: string): Promise<boolean> {
    const result = await write(this.#ctx, (db) =>
      db.deleteFrom(tableOf(kind)).where('code', '=', code).executeTakeFirst(),
    );
    return result.numDeletedRows > 0n;
  }

  async #upsert<K extends MasterDataKind>(
    db: Kysely<HubDatabase>,
    kind: K,
    items: readonly MasterDataInput[K][],
  ): Promise<MasterData[K][]> {
    const table = masterDataTable(kind);
    const now = nowIso(this.#ctx);
    const parents =
      kind === 'families'
        ? await idsByCode(
            this.#ctx,
            db,
            'families',
            items.flatMap((item) => {
              const parent = (item as MasterDataInput['families']).parentCode;
              return parent ? [parent] : [];
            }),
          )
        : new Map<string, number>();
    const results: MasterData[K][] = [];
    for (const item of items) {
      const code = checkCode(kind, item.code);
      const name = checkName(kind, code, item.name);
      const values: Record<string, unknown> = { code, name, created_at: now, updated_at: now };
      const changes: Record<string, unknown> = { name, updated_at: now };
      if (kind === 'taxRates') {
        const tax = item as MasterDataInput['taxRates'];
        values.rate = changes.rate = checkRate(code, tax.rate);
        values.country = changes.country = checkCountry(code, tax.country);
      } else if (kind === 'locations') {
        values.kind = changes.kind = checkChoice(
          'Location',
          code,
          (item as MasterDataInput['locations']).kind,
          LOCATION_KINDS,
        );
      } else if (kind === 'accounts') {
        values.kind = changes.kind = checkChoice(
          'Account',
          code,
          (item as MasterDataInput['accounts']).kind,
          ACCOUNT_KINDS,
        );
      } else if (kind === 'families') {
        const parentCode = (item as MasterDataInput['families']).parentCode ?? null;
        const parentId = parentCode === null ? null : (parents.get(parentCode) ?? null);
        if (parentCode !== null && parentId === null) {
          throw new InvalidRecordError(
            `Family '${code}': no parent family with code '${parentCode}'. Create the parent first: ${addMasterDataCommand('families', parentCode)}`,
          );
        }
        values.parent_id = changes.parent_id = parentId;
      }
      const row = await db
        .insertInto(table as 'units_of_measure')
        .values(values as never)
        .onConflict((oc) => oc.column('code').doUpdateSet(changes))
        .returningAll()
        .executeTakeFirstOrThrow();
      if (kind === 'families') parents.set(code, row.id);
      results.push(await (this.#load(db, kind, row.code) as Promise<MasterData[K]>));
    }
    return results;
  }

  /** The parent id for a family, refusing a parent that is missing, the family itself, or below it. */
  async #parentFor(
    db: Kysely<HubDatabase>,
    code: string,
    id: number,
    parentCode: string | null,
  ): Promise<number | null> {
    if (parentCode === null) return null;
    const parent = await db
      .selectFrom('families')
      .select(['id', 'parent_id'])
      .where('code', '=', parentCode)
      .executeTakeFirst();
    if (!parent) {
      throw new InvalidRecordError(
        `Family '${code}': no parent family with code '${parentCode}'. Create the parent first: ${addMasterDataCommand('families', parentCode)}`,
      );
    }
    const all = await db.selectFrom('families').select(['id', 'parent_id']).execute();
    const parentOf = new Map(all.map((row) => [row.id, row.parent_id]));
    for (let at: number | null = parent.id, steps = 0; at !== null && steps <= all.length; steps += 1) {
      if (at === id) {
        throw new InvalidRecordError(
          `Family '${code}' cannot have '${parentCode}' as parent: '${parentCode}' is '${code}' itself or one of its sub-families.`,
        );
      }
      at = parentOf.get(at) ?? null;
    }
    return parent.id;
  }

  #row(db: Kysely<HubDatabase>, kind: MasterDataKind, code: string): Promise<AnyRow | undefined> {
    return db.selectFrom(tableOf(kind)).selectAll().where('code', '=', code).executeTakeFirst();
  }

  async #load<K extends MasterDataKind>(
    db: Kysely<HubDatabase>,
    kind: K,
    code: string,
  ): Promise<MasterData[K] | undefined> {
    const row = await this.#row(db, kind, code);
    if (!row) return undefined;
    const familyCodes =
      kind === 'families' && row.parent_id != null ? await this.#familyCodes(db, [row.parent_id]) : undefined;
    return toDomain(kind, row, familyCodes);
  }

  async #familyCodes(db: Kysely<HubDatabase>, ids?: readonly number[]): Promise<Map<number, string>> {
    let query = db.selectFrom('families').select(['id', 'code']);
    if (ids !== undefined) query = query.where(inList(this.#ctx.engine.kind, 'id', ids));
    return new Map((await query.execute()).map((row) => [row.id, row.code]));
  }

  #notFound(kind: MasterDataKind, code: string): NotFoundError {
    return new NotFoundError(
      `No ${masterDataLabel(kind)} with code '${code}'. Create it with \`${addMasterDataCommand(kind, code)}\`.`,
    );
  }
}

/** Ids of the codes that exist, archived or not, read on `db` (a transaction or the database). */
export async function idsByCode(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  kind: MasterDataKind,
  codes: readonly string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom(tableOf(kind))
    .select(['id', 'code'])
    .where(inList(ctx.engine.kind, 'code', unique))
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

/**
 * Of these references, those the hub cannot honour — no record with the code, or an archived one —
 * each with the command that fixes it; read on `db`, so that a settings save checks inside its own
 * transaction.
 */
export async function unusableCodes(
  ctx: HubContext,
  db: Kysely<HubDatabase>,
  references: readonly CodeReference[],
): Promise<UnusableCode[]> {
  const byKind = new Map<MasterDataKind, Set<string>>();
  for (const { kind, code } of references) byKind.set(kind, (byKind.get(kind) ?? new Set()).add(code));
  const states = new Map<string, string | null>();
  for (const [kind, codes] of byKind) {
    const rows = await db
      .selectFrom(tableOf(kind))
      .select(['code', 'archived_at'])
      .where(inList(ctx.engine.kind, 'code', [...codes]))
      .execute();
    for (const row of rows) states.set(`${kind}\u0000${row.code}`, row.archived_at);
  }
  const result: UnusableCode[] = [];
  for (const { kind, code } of references) {
    const key = `${kind}\u0000${code}`;
    if (!states.has(key))
      result.push({ kind, code, problem: 'missing', fix: addMasterDataCommand(kind, code) });
    else if (states.get(key) !== null)
      result.push({ kind, code, problem: 'archived', fix: restoreMasterDataCommand(kind, code) });
  }
  return result;
}

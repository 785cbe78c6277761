import { inList } from '../bulk-sql.js';
import { type DecimalInput, toStoredDecimal } from '../decimal.js';
import { type HubContext, nowIso, write } from '../hub-context.js';
import { InvalidRecordError, NotFoundError } from '../hub-errors.js';

export interface UnitOfMeasure {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}
export interface TaxRate {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  /** Percent, e.g. `'21.000000'`. */
  readonly rate: string;
  readonly country: string | null;
}
export type LocationKind = 'warehouse' | 'sales';
export interface Location {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly kind: LocationKind;
}
export interface Family {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly parentId: number | null;
}
export interface ShippingMethod {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}
export interface PaymentMethod {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

/** Master data by kind, as returned. */
export interface MasterData {
  unitsOfMeasure: UnitOfMeasure;
  taxRates: TaxRate;
  locations: Location;
  families: Family;
  shippingMethods: ShippingMethod;
  paymentMethods: PaymentMethod;
}

/** Master data by kind, as given (by code; upserting an existing code updates it). */
export interface MasterDataInput {
  unitsOfMeasure: { code: string; name: string };
  taxRates: { code: string; name: string; rate: DecimalInput; country?: string | null };
  locations: { code: string; name: string; kind: LocationKind };
  families: { code: string; name: string; parentCode?: string | null };
  shippingMethods: { code: string; name: string };
  paymentMethods: { code: string; name: string };
}

export type MasterDataKind = keyof MasterData;

const TABLES = {
  unitsOfMeasure: 'units_of_measure',
  taxRates: 'tax_rates',
  locations: 'locations',
  families: 'families',
  shippingMethods: 'shipping_methods',
  paymentMethods: 'payment_methods',
} as const;

/** The tables differ only in extra columns; queries on the shared ones are typed against one of them. */
function tableOf(kind: MasterDataKind): 'units_of_measure' {
  return TABLES[kind] as 'units_of_measure';
}

const LABELS: Record<MasterDataKind, string> = {
  unitsOfMeasure: 'unit of measure',
  taxRates: 'tax rate',
  locations: 'location',
  families: 'family',
  shippingMethods: 'shipping method',
  paymentMethods: 'payment method',
};

type AnyRow = {
  id: number;
  code: string;
  name: string;
  rate?: string;
  country?: string | null;
  kind?: string;
  parent_id?: number | null;
};

function toDomain<K extends MasterDataKind>(kind: K, row: AnyRow): MasterData[K] {
  const base = { id: row.id, code: row.code, name: row.name };
  switch (kind) {
    case 'taxRates':
      return { ...base, rate: row.rate ?? '0', country: row.country ?? null } as MasterData[K];
    case 'locations':
      return { ...base, kind: row.kind === 'sales' ? 'sales' : 'warehouse' } as MasterData[K];
    case 'families':
      return { ...base, parentId: row.parent_id ?? null } as MasterData[K];
    case 'unitsOfMeasure':
    case 'shippingMethods':
    case 'paymentMethods':
      return base as MasterData[K];
  }
}

function checkCode(kind: MasterDataKind, code: string): string {
  const trimmed = code.trim();
  if (trimmed === '' || trimmed.length > 64) {
    throw new InvalidRecordError(`A ${LABELS[kind]} code must have 1 to 64 characters, got '${code}'.`);
  }
  return trimmed;
}

/**
 * Units of measure, tax rates, locations (warehouses and sales locations), families (product groups),
 * shipping and payment methods — all identified by a code that users and settings refer to.
 *
 * @example
 * await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
 * const ids = await hub.masterData.idsByCode('locations', ['MAIN']);
 */
export class MasterDataRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async upsert<K extends MasterDataKind>(
    kind: K,
    items: readonly MasterDataInput[K][],
  ): Promise<MasterData[K][]> {
    if (items.length === 0) return [];
    const table = TABLES[kind];
    const now = nowIso(this.#ctx);
    return write(this.#ctx, async (db) => {
      const parents =
        kind === 'families'
          ? await this.#idsByCode(
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
        const values: Record<string, unknown> = { code, name: item.name, created_at: now, updated_at: now };
        const changes: Record<string, unknown> = { name: item.name, updated_at: now };
        if (kind === 'taxRates') {
          const tax = item as MasterDataInput['taxRates'];
          values.rate = changes.rate = toStoredDecimal(tax.rate);
          values.country = changes.country = tax.country ?? null;
        } else if (kind === 'locations') {
          const location = item as MasterDataInput['locations'];
          if (location.kind !== 'warehouse' && location.kind !== 'sales') {
            throw new InvalidRecordError(
              `Location '${code}': kind must be warehouse or sales, got '${String(location.kind)}'.`,
            );
          }
          values.kind = changes.kind = location.kind;
        } else if (kind === 'families') {
          const parentCode = (item as MasterDataInput['families']).parentCode ?? null;
          const parentId = parentCode === null ? null : (parents.get(parentCode) ?? null);
          if (parentCode !== null && parentId === null) {
            throw new InvalidRecordError(
              `Family '${code}': no parent family with code '${parentCode}'. Create the parent first.`,
            );
          }
          values.parent_id = changes.parent_id = parentId;
        }
        const row = await db
          .insertInto(table)
          .values(values as never)
          .onConflict((oc) => oc.column('code').doUpdateSet(changes as never))
          .returningAll()
          .executeTakeFirstOrThrow();
        results.push(toDomain(kind, row as AnyRow));
        if (kind === 'families') parents.set(code, (row as AnyRow).id);
      }
      return results;
    });
  }

  async list<K extends MasterDataKind>(kind: K): Promise<MasterData[K][]> {
    const rows = await this.#ctx.db.selectFrom(tableOf(kind)).selectAll().orderBy('code').execute();
    return rows.map((row) => toDomain(kind, row as AnyRow));
  }

  async find<K extends MasterDataKind>(kind: K, code: string): Promise<MasterData[K] | undefined> {
    const row = await this.#ctx.db
      .selectFrom(tableOf(kind))
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirst();
    return row ? toDomain(kind, row as AnyRow) : undefined;
  }

  async get<K extends MasterDataKind>(kind: K, code: string): Promise<MasterData[K]> {
    const found = await this.find(kind, code);
    if (!found) throw new NotFoundError(`No ${LABELS[kind]} with code '${code}'.`);
    return found;
  }

  /** Ids of the codes that exist (missing codes are absent from the map). */
  idsByCode(kind: MasterDataKind, codes: readonly string[]): Promise<Map<string, number>> {
    return this.#idsByCode(this.#ctx.db, kind, codes);
  }

  async delete(kind: MasterDataKind, code: string): Promise<boolean> {
    const result = await write(this.#ctx, (db) =>
      db.deleteFrom(tableOf(kind)).where('code', '=', code).executeTakeFirst(),
    );
    return result.numDeletedRows > 0n;
  }

  async #idsByCode(
    db: HubContext['db'],
    kind: MasterDataKind,
    codes: readonly string[],
  ): Promise<Map<string, number>> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return new Map();
    const rows = await db
      .selectFrom(tableOf(kind))
      .select(['id', 'code'])
      .where(inList(this.#ctx.engine.kind, 'code', unique))
      .execute();
    return new Map(rows.map((row) => [row.code, row.id]));
  }
}

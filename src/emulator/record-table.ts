/**
 * The rows of one resource, kept sorted by id. A table may rest on a *base*: rows 1..count that
 * are generated on demand from the seed (so a million orders cost a few typed arrays, not a
 * million objects). Every write lands in an overlay; deleted base rows are remembered; new rows
 * take increasing ids after the last one, as MySQL's auto-increment does (ids are never reused).
 */
import type { EmuRecord, FieldValue } from './record.js';

export interface BaseRows {
  /** Rows 1..count exist unless deleted. */
  readonly count: number;
  /** Builds row `id` as generated (1 ≤ id ≤ count). */
  build(id: number): EmuRecord;
  /**
   * One field of an unmodified base row, without building it; undefined when this base has no
   * fast path for `field`. Used by filters and sorts on big tables (`date_upd`, `id_order`, …).
   */
  column?(id: number, field: string): string | undefined;
  /** Base ids whose `field` equals `value`, when the base can answer without a scan. */
  lookup?(field: string, value: string): readonly number[] | undefined;
}

/** A write to a table, as {@link RecordTable.observe} reports it: a row now holds `record`, or row `id` is gone. */
export type TableChange =
  { readonly kind: 'row'; readonly record: EmuRecord } | { readonly kind: 'delete'; readonly id: number };

/** What a table holds beyond its generated base: every written row, the deleted base ids, the last id given. */
export interface TableSnapshot {
  /** How many rows the base generates: a snapshot only fits a table built from the same seed. */
  readonly baseCount: number;
  readonly lastId: number;
  readonly deleted: readonly number[];
  readonly rows: readonly EmuRecord[];
}

export class RecordTable {
  readonly resource: string;
  private readonly base: BaseRows | undefined;
  private readonly overlay = new Map<number, EmuRecord>();
  private readonly deletedBase = new Set<number>();
  /** Ids above the base, ascending. */
  private readonly added: number[] = [];
  private lastId: number;
  private observer: ((change: TableChange) => void) | undefined;

  constructor(resource: string, base?: BaseRows) {
    this.resource = resource;
    this.base = base;
    this.lastId = base?.count ?? 0;
  }

  /** Tells `observer` of every write from now on (one observer: the store that owns the table). */
  observe(observer: (change: TableChange) => void): void {
    this.observer = observer;
  }

  get size(): number {
    return (this.base?.count ?? 0) - this.deletedBase.size + this.added.length;
  }

  /** The id the next insert will take. */
  get nextId(): number {
    return this.lastId + 1;
  }

  private isBase(id: number): boolean {
    return this.base !== undefined && id >= 1 && id <= this.base.count;
  }

  has(id: number): boolean {
    if (!Number.isInteger(id) || id <= 0) return false;
    if (this.isBase(id)) return !this.deletedBase.has(id);
    return this.overlay.has(id);
  }

  get(id: number): EmuRecord | undefined {
    if (!this.has(id)) return undefined;
    const stored = this.overlay.get(id);
    if (stored !== undefined) return stored;
    return this.base?.build(id);
  }

  /** Whether `id` still holds its generated values (never written). */
  isPristine(id: number): boolean {
    return this.isBase(id) && !this.overlay.has(id) && !this.deletedBase.has(id);
  }

  /** One field value, through the base's fast column when the row was never written. */
  value(id: number, field: string): FieldValue | undefined {
    const fast = this.fast(id, field);
    return fast !== undefined ? fast : this.get(id)?.values[field];
  }

  /** The base's fast column value of a never-written row; undefined when there is none. */
  fast(id: number, field: string): string | undefined {
    if (this.base?.column === undefined || !this.isPristine(id)) return undefined;
    return this.base.column(id, field);
  }

  /**
   * Ids whose `field` may equal `value`: the base's index answer plus every written or added row
   * (the caller still checks the value). Undefined when no index exists and a scan is needed.
   */
  candidates(field: string, value: string): number[] | undefined {
    const fromBase = this.base?.lookup?.(field, value);
    if (fromBase === undefined) return undefined;
    const out = new Set<number>();
    for (const id of fromBase) if (this.has(id)) out.add(id);
    for (const id of this.overlay.keys()) if (this.has(id)) out.add(id);
    return [...out].sort((a, b) => a - b);
  }

  /** Replaces an existing row. */
  update(record: EmuRecord): void {
    if (!this.has(record.id)) throw new Error(`${this.resource} ${record.id} does not exist`);
    this.overlay.set(record.id, record);
    this.observer?.({ kind: 'row', record });
  }

  /** Adds a row with the next id, built by `make(id)`. */
  insert(make: (id: number) => EmuRecord): EmuRecord {
    const id = this.lastId + 1;
    const record = make(id);
    if (record.id !== id) throw new Error(`${this.resource}: insert must keep id ${id}`);
    this.lastId = id;
    this.added.push(id);
    this.overlay.set(id, record);
    this.observer?.({ kind: 'row', record });
    return record;
  }

  /** Adds a row with a chosen id above every id so far (seeding recorded-store layouts). */
  insertAt(record: EmuRecord): void {
    if (record.id <= this.lastId)
      throw new Error(`${this.resource}: id ${record.id} must be above ${this.lastId}`);
    this.lastId = record.id;
    this.added.push(record.id);
    this.overlay.set(record.id, record);
    this.observer?.({ kind: 'row', record });
  }

  delete(id: number): boolean {
    if (!this.has(id)) return false;
    this.overlay.delete(id);
    if (this.isBase(id)) {
      this.deletedBase.add(id);
    } else {
      const index = lowerBound(this.added, id);
      if (this.added[index] === id) this.added.splice(index, 1);
    }
    this.observer?.({ kind: 'delete', id });
    return true;
  }

  /** Ids in [from, to], ascending (or descending). */
  *ids(from = 1, to = Number.MAX_SAFE_INTEGER, descending = false): Generator<number> {
    const baseCount = this.base?.count ?? 0;
    if (!descending) {
      for (let id = Math.max(1, from); id <= Math.min(to, baseCount); id += 1) {
        if (!this.deletedBase.has(id)) yield id;
      }
      for (let i = lowerBound(this.added, from); i < this.added.length; i += 1) {
        const id = this.added[i] ?? 0;
        if (id > to) break;
        yield id;
      }
      return;
    }
    for (let i = upperBound(this.added, to) - 1; i >= 0; i -= 1) {
      const id = this.added[i] ?? 0;
      if (id < from) return;
      yield id;
    }
    for (let id = Math.min(to, baseCount); id >= Math.max(1, from); id -= 1) {
      if (!this.deletedBase.has(id)) yield id;
    }
  }

  /** Ids of rows written since seeding (updated or added), ascending. */
  touchedIds(): number[] {
    return [...this.overlay.keys()].sort((a, b) => a - b);
  }

  /** Everything written since seeding, as plain data (the base is rebuilt from the seed). */
  snapshot(): TableSnapshot {
    return {
      baseCount: this.base?.count ?? 0,
      lastId: this.lastId,
      deleted: [...this.deletedBase].sort((a, b) => a - b),
      rows: this.touchedIds().flatMap((id) => this.overlay.get(id) ?? []),
    };
  }

  /**
   * Puts back a recorded change, unobserved. Applying the same changes again, or over a snapshot that
   * already holds some of them, ends in the same table: each change sets a row or removes it.
   */
  restore(change: TableChange): void {
    if (change.kind === 'row') {
      const { id } = change.record;
      if (this.isBase(id)) {
        this.deletedBase.delete(id);
      } else {
        const index = lowerBound(this.added, id);
        if (this.added[index] !== id) this.added.splice(index, 0, id);
        this.lastId = Math.max(this.lastId, id);
      }
      this.overlay.set(id, change.record);
      return;
    }
    this.overlay.delete(change.id);
    if (this.isBase(change.id)) {
      this.deletedBase.add(change.id);
    } else {
      const index = lowerBound(this.added, change.id);
      if (this.added[index] === change.id) this.added.splice(index, 1);
    }
  }

  /** A snapshot of this table's writes put back, unobserved; false when it was made from another seed. */
  restoreSnapshot(snapshot: TableSnapshot): boolean {
    if (snapshot.baseCount !== (this.base?.count ?? 0)) return false;
    for (const record of snapshot.rows) this.restore({ kind: 'row', record });
    for (const id of snapshot.deleted) this.restore({ kind: 'delete', id });
    this.lastId = Math.max(this.lastId, snapshot.lastId);
    return true;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

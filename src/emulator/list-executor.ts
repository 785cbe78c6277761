/**
 * Running a parsed list query against a table: id filters read the table by id (binary search,
 * no scan), equality filters use a base index when there is one, anything else scans. Without a
 * sort (or with `sort=[id_ASC]`) rows come in id order and the scan stops once the page is full.
 */
import type { FilterClause, SortKey } from './list-query.js';
import { compareValues } from './list-query.js';
import type { EmuRecord, FieldValue } from './record.js';
import type { RecordTable } from './record-table.js';

export interface PageRequest {
  readonly filters: readonly FilterClause[];
  readonly sort: readonly SortKey[];
  readonly offset: number;
  readonly limit: number | undefined;
  /** Languages a multilingual filter or sort looks at. */
  readonly languages: readonly number[];
  /** A condition on whole rows the request did not ask for: the shop a multistore list runs in. */
  readonly where?: (record: EmuRecord) => boolean;
}

/** Reads field values of one row, building the record at most once (reused from row to row). */
class RowReader {
  private record: EmuRecord | undefined;
  id = 0;

  constructor(private readonly table: RecordTable) {}

  at(id: number): this {
    this.id = id;
    this.record = undefined;
    return this;
  }

  /** The whole row. */
  full(): EmuRecord | undefined {
    this.record ??= this.table.get(this.id);
    return this.record;
  }

  value(field: string): FieldValue | undefined {
    if (field === 'id') return String(this.id);
    if (this.record === undefined) {
      const fast = this.table.fast(this.id, field);
      if (fast !== undefined) return fast;
    }
    this.record ??= this.table.get(this.id);
    return this.record?.values[field];
  }
}

function texts(value: FieldValue | undefined, languages: readonly number[]): string[] {
  if (value === undefined || value === null || value === false) return [''];
  if (typeof value === 'string') return [value];
  return languages.map((lang) => value[lang] ?? '');
}

function matches(
  row: RowReader,
  filters: readonly FilterClause[],
  languages: readonly number[],
  where: PageRequest['where'],
): boolean {
  for (const filter of filters) {
    const value = row.value(filter.field);
    if (typeof value === 'string') {
      if (!filter.test(value)) return false;
      continue;
    }
    const values = texts(value, languages);
    if (filter.multilingual ? !values.some((text) => filter.test(text)) : !filter.test(values[0] ?? '')) {
      return false;
    }
  }
  if (where !== undefined) {
    const record = row.full();
    if (record === undefined || !where(record)) return false;
  }
  return true;
}

/** The ids to look at, as narrow as the filters allow, ascending. */
function candidateIds(table: RecordTable, filters: readonly FilterClause[]): Iterable<number> {
  let from = 1;
  let to = Number.MAX_SAFE_INTEGER;
  let list: number[] | undefined;
  for (const filter of filters) {
    if (filter.ids === undefined) continue;
    if (filter.ids.list !== undefined) {
      const wanted = filter.ids.list;
      list = list === undefined ? [...wanted] : list.filter((id) => wanted.includes(id));
    }
    if (filter.ids.from !== undefined) from = Math.max(from, filter.ids.from);
    if (filter.ids.to !== undefined) to = Math.min(to, filter.ids.to);
  }
  if (list !== undefined) {
    return [...new Set(list)].filter((id) => id >= from && id <= to && table.has(id)).sort((a, b) => a - b);
  }
  if (from !== 1 || to !== Number.MAX_SAFE_INTEGER) return table.ids(from, to);
  for (const filter of filters) {
    if (filter.equals === undefined || filter.multilingual) continue;
    const found = new Set<number>();
    let indexed = true;
    for (const value of filter.equals) {
      const ids = table.candidates(filter.field, value);
      if (ids === undefined) {
        indexed = false;
        break;
      }
      for (const id of ids) found.add(id);
    }
    if (indexed) return [...found].sort((a, b) => a - b);
  }
  return table.ids();
}

function sortText(row: RowReader, key: SortKey, languages: readonly number[]): string {
  const value = row.value(key.field);
  return texts(value, key.multilingual ? languages.slice(0, 1) : languages)[0] ?? '';
}

/** The ids of one page, in answer order. */
export function selectPage(table: RecordTable, request: PageRequest): number[] {
  const { filters, sort, offset, languages, where } = request;
  const filtered = filters.length > 0 || where !== undefined;
  const limit = request.limit ?? Number.MAX_SAFE_INTEGER;
  if (limit === 0) return [];
  const idOnly = sort.length === 0 || (sort.length === 1 && sort[0]?.field === 'id');
  const descending = sort.length === 1 && sort[0]?.field === 'id' && sort[0].descending;

  if (idOnly) {
    const source = descending ? [...candidateIds(table, filters)].reverse() : candidateIds(table, filters);
    const out: number[] = [];
    const row = new RowReader(table);
    let skipped = 0;
    for (const id of source) {
      if (filtered && !matches(row.at(id), filters, languages, where)) continue;
      if (skipped < offset) {
        skipped += 1;
        continue;
      }
      out.push(id);
      if (out.length >= limit) break;
    }
    return out;
  }

  const rows: Array<{ id: number; keys: string[] }> = [];
  const row = new RowReader(table);
  for (const id of candidateIds(table, filters)) {
    row.at(id);
    if (filtered && !matches(row, filters, languages, where)) continue;
    rows.push({ id, keys: sort.map((key) => sortText(row, key, languages)) });
  }
  rows.sort((a, b) => {
    for (let i = 0; i < sort.length; i += 1) {
      const key = sort[i];
      if (key === undefined) continue;
      const order = compareValues(key.kind, a.keys[i] ?? '', b.keys[i] ?? '');
      if (order !== 0) return key.descending ? -order : order;
    }
    return a.id - b.id;
  });
  return rows.slice(offset, offset + limit).map((row) => row.id);
}

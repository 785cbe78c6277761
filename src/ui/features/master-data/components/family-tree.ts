import type { ApiMasterDataRecord } from '../../../api/back-office-types';

/** A record with its depth in the family tree (0 for a root). */
export interface TreeRow {
  readonly record: ApiMasterDataRecord;
  readonly depth: number;
}

/**
 * Families in tree order: each root, then its children under it (by code), depth-first. A family
 * whose parent is missing (archived and left out, or a cycle) is shown as a root rather than lost.
 *
 * @example
 * familyTree([{ code: 'SHIRTS', parentCode: 'CLOTHES' }, { code: 'CLOTHES', parentCode: null }]);
 * // [{ record: CLOTHES, depth: 0 }, { record: SHIRTS, depth: 1 }]
 */
export function familyTree(records: readonly ApiMasterDataRecord[]): TreeRow[] {
  const byCode = new Map(records.map((record) => [record.code, record]));
  const children = new Map<string | null, ApiMasterDataRecord[]>();
  for (const record of records) {
    const parent = record.parentCode ?? null;
    const key = parent !== null && byCode.has(parent) ? parent : null;
    children.set(key, [...(children.get(key) ?? []), record]);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number): void => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.code.localeCompare(b.code));
    for (const record of list) {
      if (seen.has(record.code)) continue;
      seen.add(record.code);
      rows.push({ record, depth });
      visit(record.code, depth + 1);
    }
  };
  visit(null, 0);
  // Families in a cycle have no root above them: shown at the end, flat.
  for (const record of records) if (!seen.has(record.code)) rows.push({ record, depth: 0 });
  return rows;
}

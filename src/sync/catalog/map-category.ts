import type { CategoryRecord } from '../../hub/index.js';
import type { PsCategory } from '../../webservice/index.js';
import type { StoreLanguages } from '../store-languages.js';
import { scalar } from './ps-scalar.js';

/**
 * A store category as a hub category: its parent by store id (none for the root, whose parent is 0),
 * names in every store language, position and active flag. Pure: tested on the recorded listing.
 */
export function mapCategory(category: PsCategory, languages: StoreLanguages): CategoryRecord {
  const parent = Number(category.id_parent) || 0;
  return {
    externalId: category.id,
    parentExternalId: parent > 0 ? parent : null,
    name: languages.defaultText(category.name).trim() || `Category ${category.id}`,
    names: languages.text(category.name),
    position: Number(category.position) || 0,
    active: scalar(category.active) === '1',
  };
}

/**
 * Categories ordered so that every parent comes before its children (the store's ids do not promise
 * it: a category moved under a newer one has a smaller id than its parent). Categories whose parent is
 * not in the list keep their place among the roots.
 */
export function parentsFirst(records: readonly CategoryRecord[]): CategoryRecord[] {
  const byId = new Map(records.map((record) => [String(record.externalId), record]));
  const children = new Map<string, CategoryRecord[]>();
  const roots: CategoryRecord[] = [];
  for (const record of records) {
    const parent = record.parentExternalId == null ? undefined : String(record.parentExternalId);
    if (parent === undefined || !byId.has(parent)) roots.push(record);
    else children.set(parent, [...(children.get(parent) ?? []), record]);
  }
  const ordered: CategoryRecord[] = [];
  const queue = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    ordered.push(next);
    queue.push(...(children.get(String(next.externalId)) ?? []));
  }
  // A cycle (a store bug) leaves categories unreached: they go last, parents linked when possible.
  const placed = new Set(ordered.map((record) => String(record.externalId)));
  return [...ordered, ...records.filter((record) => !placed.has(String(record.externalId)))];
}
